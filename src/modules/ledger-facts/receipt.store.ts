import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Receipt, type ReceiptStatus } from './receipt.entity.js';

export interface ReceiptFilter {
  status?: ReceiptStatus;
  unitCode?: string;
  /** Receipts after this id (keyset paging). */
  afterId?: number;
  /**
   * Visibility for a user scoped to offices: receipts tied or suggested to these units, and receipts on
   * suspense with no suggestion (absent: every receipt).
   */
  visibleUnits?: readonly string[];
}

/** What an officer's decision changes on a receipt. */
export interface ReceiptAssignment {
  status: ReceiptStatus;
  unitCode: string | null;
  method: string;
  confidenceMilli: number;
  suggestion?: string | null;
}

/** Receipts (ledger facts): the suspense queue's reads and an officer's match / unmatch. */
@Injectable()
export class ReceiptStore {
  constructor(private readonly em: EntityManager) {}

  /** One keyset page in id order (`limit + 1` rows: the caller knows whether there is a next page). */
  async page(filter: ReceiptFilter, limit: number): Promise<Receipt[]> {
    const where: FilterQuery<Receipt> = {};
    if (filter.visibleUnits) {
      const units = [...filter.visibleUnits];
      where.$or = [
        { unitCode: { $in: units } },
        { unitCode: null, suggestion: null },
        { unitCode: null, suggestion: { $in: units } },
      ];
    }
    if (filter.status) where.status = filter.status;
    if (filter.unitCode) where.unitCode = filter.unitCode;
    if (filter.afterId) where.id = { $gt: filter.afterId };
    return this.em.fork().find(Receipt, where, { orderBy: { id: 'asc' }, limit: limit + 1 });
  }

  async get(id: number, em: EntityManager = this.em.fork()): Promise<Receipt | null> {
    return em.findOne(Receipt, { id });
  }

  /** The newest receipts tied to one employer (a flag's evidence). */
  async forUnit(unitCode: string, limit: number): Promise<Receipt[]> {
    return this.em
      .fork()
      .find(Receipt, { unitCode }, { orderBy: { valueDate: 'desc', id: 'desc' }, limit });
  }

  /**
   * Suspense receipts suggested for each of these employers (`suggestion` = unit, no unit yet): how many
   * and their total, summed by the database (the inspection queue's column).
   */
  async suggestedTotals(
    unitCodes: readonly string[],
  ): Promise<Map<string, { count: number; total: number }>> {
    const out = new Map<string, { count: number; total: number }>();
    if (!unitCodes.length) return out;
    const rows = (await this.em
      .fork()
      .getConnection()
      .execute(
        `select suggestion, count(*) as n, sum(amount) as total from receipt
          where suggestion in (${unitCodes.map(() => '?').join(',')}) and unit_code is null
          group by suggestion`,
        [...unitCodes],
      )) as { suggestion: string; n: unknown; total: unknown }[];
    for (const r of rows)
      out.set(r.suggestion, { count: Number(r.n), total: Number(r.total ?? 0) });
    return out;
  }

  /** The suspense receipts suggested for one employer, newest first (a flag's page, before a case). */
  async suggestedFor(unitCode: string, limit: number): Promise<Receipt[]> {
    return this.em
      .fork()
      .find(
        Receipt,
        { suggestion: unitCode, unitCode: null },
        { orderBy: { valueDate: 'desc', id: 'desc' }, limit },
      );
  }

  /** Ties (or unties) a receipt as an officer decided, inside the caller's transaction. */
  async assign(tx: EntityManager, id: number, change: ReceiptAssignment): Promise<Receipt | null> {
    const receipt = await tx.findOne(Receipt, { id });
    if (!receipt) return null;
    Object.assign(receipt, change);
    await tx.flush();
    return receipt;
  }
}
