import type { Tx } from '../../../database/transaction.js';
import { buildEmployerIndex, matchReceipt, type EmployerIndex } from '../../../domain/matching.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import type { NewReceiptRow } from '../../ledger-facts/index.js';
import type { ReceiptRecord } from '../schema/records.js';
import { KindWriter } from './kind-writer.js';

/**
 * Bank receipts. Re-import key: the bank reference — the same reference twice (in the file, or already
 * imported) is a duplicate, reported and not written. Each receipt is matched to an employer as it lands
 * (domain.md §8); name matches are suggestions that stay on suspense.
 */
export class ReceiptsWriter extends KindWriter<ReceiptRecord> {
  private readonly seen = new Set<string>();
  private index: EmployerIndex = buildEmployerIndex([]);

  async prepare(em: Tx): Promise<void> {
    this.index = buildEmployerIndex(await this.stores.employers.matchingKeys(em));
  }

  async accept(records: readonly ReceiptRecord[], em: Tx): Promise<ReceiptRecord[]> {
    const stored = await this.stores.facts.storedBankRefs(
      em,
      records.map((r) => r.bankRef),
    );
    const matched = new Map<ReceiptRecord, string>();
    if (this.scope !== 'all') {
      for (const r of records) {
        const m = matchReceipt(
          { memo: r.memo, payerName: r.payerName, unitCode: r.unitCode },
          this.index,
        );
        if (m.unitCode) matched.set(r, m.unitCode);
      }
    }
    const offices = await this.stores.employers.officesOf([...new Set(matched.values())], em);
    return records.filter((r) => {
      const unit = matched.get(r);
      const office = unit ? offices.get(unit) : undefined;
      if (unit && office !== undefined && !this.mayWrite(office)) {
        // a receipt matched on its own would land on another office's ledger
        this.refuseOutside(r, `This receipt is for unit ${unit} of office ${office}`);
        return false;
      }
      if (stored.has(r.bankRef) || this.seen.has(r.bankRef)) {
        this.refuse(
          r,
          ProblemCode.DUPLICATE_BANK_REF,
          stored.has(r.bankRef)
            ? `Bank reference ${r.bankRef} was imported before; the receipt is not taken twice`
            : `Bank reference ${r.bankRef} appears twice in this file; the later row is not taken`,
        );
        return false;
      }
      this.seen.add(r.bankRef);
      return true;
    });
  }

  async write(tx: Tx, records: readonly ReceiptRecord[]): Promise<number> {
    const rows = records.map((r): NewReceiptRow => {
      const m = matchReceipt(
        { memo: r.memo, payerName: r.payerName, unitCode: r.unitCode },
        this.index,
      );
      if (m.unitCode) this.affectedUnits.add(m.unitCode);
      return {
        valueDate: r.valueDate,
        amount: r.amount,
        memo: r.memo,
        payerName: r.payerName,
        bankRef: r.bankRef,
        statementUnitCode: r.unitCode,
        status: m.unitCode
          ? ('matched' as const)
          : m.suggestion
            ? ('suggested' as const)
            : ('unmatched' as const),
        unitCode: m.unitCode,
        method: m.method,
        confidenceMilli: Math.round(m.confidence * 1000),
        suggestion: m.suggestion,
      };
    });
    return this.stores.facts.insertReceipts(tx, this.batchId, rows);
  }
}
