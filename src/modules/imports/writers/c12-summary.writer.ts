import type { Tx } from '../../../database/transaction.js';
import { SUSPENSE_UNIT_CODE } from '../../../domain/identifiers.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import type { C12SummaryRecord } from '../schema/records.js';
import { KindWriter } from './kind-writer.js';

/**
 * Officers' C12 summary export → opening balances (domain.md §5). Re-import key: (unit, period). A unit
 * not (yet) in the registry keeps its balance (noted, not refused): the export covers the whole office,
 * and the balance applies once the employer is registered. The suspense unit's row is no employer's debt.
 * A blank closing balance means no amount: a balance of 0.
 */
export class C12SummaryWriter extends KindWriter<C12SummaryRecord> {
  private units = new Set<string>();
  private readonly seen = new Set<string>();

  async prepare(em: Tx): Promise<void> {
    this.units = await this.stores.employers.knownUnitCodes(em);
  }

  async accept(records: readonly C12SummaryRecord[], em: Tx): Promise<C12SummaryRecord[]> {
    return (await this.inScope(records, em)).filter((r) => {
      if (r.unitCode === SUSPENSE_UNIT_CODE) {
        this.note(
          r,
          ProblemCode.SUSPENSE_UNIT,
          `${SUSPENSE_UNIT_CODE} is the suspense unit, not an employer; its row is skipped`,
        );
        return false;
      }
      if (this.seen.has(r.unitCode)) {
        this.refuse(
          r,
          ProblemCode.DUPLICATE_KEY,
          `Unit ${r.unitCode} appears twice in this export`,
        );
        return false;
      }
      this.seen.add(r.unitCode);
      if (!this.units.has(r.unitCode)) {
        this.note(
          r,
          ProblemCode.UNIT_NOT_REGISTERED,
          `Unit ${r.unitCode} is not in the employer registry yet; its opening balance is kept and applies once it is`,
        );
      }
      return true;
    });
  }

  async write(tx: Tx, records: readonly C12SummaryRecord[]): Promise<number> {
    const rows = records.map((r) => ({
      unitCode: r.unitCode,
      period: r.period,
      name: r.name,
      closingBalance: r.closing ?? 0,
      payable: r.payable,
      monthsOfDebtMilli: r.monthsOfDebtMilli,
    }));
    const written = await this.stores.facts.upsertOpeningBalances(tx, this.batchId, rows);
    rows.forEach((r) => this.affectedUnits.add(r.unitCode));
    return written;
  }
}
