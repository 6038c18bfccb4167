import type { Tx } from '../../../database/transaction.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import type { ReceivableRecord } from '../schema/records.js';
import { KindWriter } from './kind-writer.js';
import { unknownUnit } from './roster.writer.js';

/** Agency receivables ledger. Re-import key: (unit, period, fund, reason); a later batch's amount wins. */
export class ReceivablesWriter extends KindWriter<ReceivableRecord> {
  private units = new Set<string>();
  private readonly seen = new Set<string>();

  async prepare(em: Tx): Promise<void> {
    this.units = await this.stores.employers.knownUnitCodes(em);
  }

  async accept(records: readonly ReceivableRecord[], em: Tx): Promise<ReceivableRecord[]> {
    return (await this.inScope(records, em)).filter((r) => {
      if (!this.units.has(r.unitCode)) {
        this.refuse(r, ProblemCode.UNKNOWN_UNIT, unknownUnit(r.unitCode));
        return false;
      }
      const key = `${r.unitCode}|${r.period}|${r.fund}|${r.reason ?? ''}`;
      if (this.seen.has(key)) {
        this.refuse(
          r,
          ProblemCode.DUPLICATE_KEY,
          `${r.unitCode} ${r.period} ${r.fund}${r.reason ? ` (${r.reason})` : ''} appears twice in this file; give each line once`,
        );
        return false;
      }
      this.seen.add(key);
      return true;
    });
  }

  async write(tx: Tx, records: readonly ReceivableRecord[]): Promise<number> {
    const rows = records.map((r) => ({
      unitCode: r.unitCode,
      period: r.period,
      fund: r.fund,
      amount: r.amount,
      dueDate: r.dueDate,
      reason: r.reason ?? '',
    }));
    const written = await this.stores.facts.upsertReceivableLines(tx, this.batchId, rows);
    rows.forEach((r) => this.affectedUnits.add(r.unitCode));
    return written;
  }
}
