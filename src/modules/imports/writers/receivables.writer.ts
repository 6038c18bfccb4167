import type { EntityManager } from '@mikro-orm/core';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import { ReceivableLine } from '../../ledger-facts/receivable-line.entity.js';
import type { ReceivableRecord } from '../schema/records.js';
import { chunks, KindWriter, knownUnitCodes } from './kind-writer.js';
import { unknownUnit } from './roster.writer.js';

/** Agency receivables ledger. Re-import key: (unit, period, fund, reason); a later batch's amount wins. */
export class ReceivablesWriter extends KindWriter<ReceivableRecord> {
  private units = new Set<string>();
  private readonly seen = new Set<string>();

  async prepare(em: EntityManager): Promise<void> {
    this.units = await knownUnitCodes(em);
  }

  async accept(records: readonly ReceivableRecord[]): Promise<ReceivableRecord[]> {
    return records.filter((r) => {
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

  async write(tx: EntityManager, records: readonly ReceivableRecord[]): Promise<number> {
    const rows = records.map((r) => ({
      unitCode: r.unitCode,
      period: r.period,
      fund: r.fund,
      amount: r.amount,
      dueDate: r.dueDate,
      reason: r.reason ?? '',
      batchId: this.batchId,
    }));
    for (const part of chunks(rows, 500)) {
      await tx.upsertMany(ReceivableLine, part, {
        onConflictFields: ['unitCode', 'period', 'fund', 'reason'],
        onConflictAction: 'merge',
      });
    }
    rows.forEach((r) => this.affectedUnits.add(r.unitCode));
    return rows.length;
  }
}
