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
   * Ties (or unties) a receipt as an officer decided, inside the caller's transaction — only while it is
   * still tied to `expectedUnitCode` (null: on suspense), the state the officer decided on. `changed`:
   * someone changed it in between (one conditional UPDATE: of two officers at once, one wins).
   */
  async assign(
    tx: EntityManager,
    id: number,
    change: ReceiptAssignment,
    expectedUnitCode: string | null,
  ): Promise<Receipt | null | 'changed'> {
    const updated = await tx.nativeUpdate(Receipt, { id, unitCode: expectedUnitCode }, change);
    const receipt = await tx.findOne(Receipt, { id }, { refresh: true });
    if (!receipt) return null;
    return updated ? receipt : 'changed';
  }
}
