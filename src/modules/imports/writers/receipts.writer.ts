import type { EntityManager } from '@mikro-orm/core';
import { buildEmployerIndex, matchReceipt, type EmployerIndex } from '../../../domain/matching.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import { Employer } from '../../employers/employer.entity.js';
import { Receipt } from '../../ledger-facts/receipt.entity.js';
import type { ReceiptRecord } from '../schema/records.js';
import { chunks, KindWriter } from './kind-writer.js';

/**
 * Bank receipts. Re-import key: the bank reference — the same reference twice (in the file, or already
 * imported) is a duplicate, reported and not written. Each receipt is matched to an employer as it lands
 * (domain.md §8); name matches are suggestions that stay on suspense.
 */
export class ReceiptsWriter extends KindWriter<ReceiptRecord> {
  private readonly seen = new Set<string>();
  private index: EmployerIndex = buildEmployerIndex([]);

  async prepare(em: EntityManager): Promise<void> {
    const employers = await em.find(Employer, {}, { fields: ['unitCode', 'taxCode', 'name'] });
    this.index = buildEmployerIndex(
      employers.map((e) => ({ unitCode: e.unitCode, taxCode: e.taxCode, name: e.name })),
    );
  }

  async accept(records: readonly ReceiptRecord[], em: EntityManager): Promise<ReceiptRecord[]> {
    const stored = new Set<string>();
    for (const part of chunks(
      records.map((r) => r.bankRef),
      500,
    )) {
      const rows = await em.find(Receipt, { bankRef: { $in: part } }, { fields: ['bankRef'] });
      rows.forEach((r) => stored.add(r.bankRef));
    }
    return records.filter((r) => {
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

  async write(tx: EntityManager, records: readonly ReceiptRecord[]): Promise<number> {
    const rows = records.map((r) => {
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
        batchId: this.batchId,
      };
    });
    for (const part of chunks(rows, 500)) await tx.insertMany(Receipt, part);
    return rows.length;
  }
}
