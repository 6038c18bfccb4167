import { EntityManager, raw, type FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery, EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { chunks } from '../../database/bulk-insert.js';
import { ReceiptSuggestion } from './receipt-suggestion.entity.js';
import { Receipt, type ReceiptStatus } from './receipt.entity.js';

export interface ReceiptFilter {
  status?: ReceiptStatus;
  unitCode?: string;
  /** The rule that tied it (`column`, `reference`, …, `officer`); `none` for receipts no rule tied. */
  method?: string;
  /** Whole đồng, inclusive. */
  amountMin?: number;
  amountMax?: number;
  /** Value dates, inclusive. */
  from?: string;
  to?: string;
  /** Receipts after this id (id order; kept for callers paging by id). */
  afterId?: number;
  /**
   * Visibility for a user scoped to offices (absent: every receipt): receipts tied to these units;
   * on suspense, those sent to these offices, and those not sent anywhere with no suggestion or a
   * suggestion among these units.
   */
  visibleUnits?: readonly string[];
  visibleOffices?: readonly string[];
}

/** The officer's queue order: value date (newest first by default), then id. */
export interface ReceiptOrder {
  direction: 'asc' | 'desc';
  /** The last row of the previous page. */
  after?: { valueDate: string; id: number };
}

/** What an officer's decision changes on a receipt. */
export interface ReceiptAssignment {
  status: ReceiptStatus;
  unitCode: string | null;
  method: string;
  confidenceMilli: number;
  suggestion?: string | null;
}

/** One ranked candidate of an unmatched receipt (domain.md §8 step 5). */
export interface StoredSuggestion {
  rank: number;
  unitCode: string;
  score: number;
  reasons: string[];
}

/** A receipt on suspense as the ranker reads it. */
export interface ReceiptToSuggest {
  id: number;
  valueDate: string;
  amount: number;
  memo: string;
  payerName: string | null;
  status: ReceiptStatus;
  suggestion: string | null;
}

/** Which unmatched receipts to (re)rank. */
export type SuggestionTarget =
  | { batchId: string }
  | { ids: readonly number[] }
  /** Receipts with a stored candidate among these employers. */
  | { candidates: readonly string[] }
  | { all: true };

/**
 * Receipts (ledger facts): the suspense queue's reads, an officer's match / unmatch / forward, and the
 * ranked suggestions of receipts still unmatched.
 */
@Injectable()
export class ReceiptStore {
  constructor(private readonly em: EntityManager) {}

  private where(filter: ReceiptFilter): FilterQuery<Receipt> {
    const and: FilterQuery<Receipt>[] = [];
    if (filter.visibleUnits || filter.visibleOffices) {
      const units = [...(filter.visibleUnits ?? [])];
      const offices = [...(filter.visibleOffices ?? [])];
      and.push({
        $or: [
          { unitCode: { $in: units } },
          { unitCode: null, forwardedTo: { $in: offices } },
          { unitCode: null, forwardedTo: null, suggestion: null },
          { unitCode: null, forwardedTo: null, suggestion: { $in: units } },
        ],
      });
    }
    if (filter.status) and.push({ status: filter.status });
    if (filter.unitCode) and.push({ unitCode: filter.unitCode });
    if (filter.method) and.push({ method: filter.method === 'none' ? null : filter.method });
    if (filter.amountMin != null) and.push({ amount: { $gte: filter.amountMin } });
    if (filter.amountMax != null) and.push({ amount: { $lte: filter.amountMax } });
    if (filter.from) and.push({ valueDate: { $gte: filter.from } });
    if (filter.to) and.push({ valueDate: { $lte: filter.to } });
    if (filter.afterId) and.push({ id: { $gt: filter.afterId } });
    return and.length ? { $and: and } : {};
  }

  /** One keyset page in id order (`limit + 1` rows: the caller knows whether there is a next page). */
  async page(filter: ReceiptFilter, limit: number): Promise<Receipt[]> {
    return this.em
      .fork()
      .find(Receipt, this.where(filter), { orderBy: { id: 'asc' }, limit: limit + 1 });
  }

  /** One keyset page in value-date order (`limit + 1` rows). */
  async queue(filter: ReceiptFilter, order: ReceiptOrder, limit: number): Promise<Receipt[]> {
    const dir = order.direction;
    const where: FilterQuery<Receipt>[] = [this.where(filter)];
    if (order.after) {
      const { valueDate, id } = order.after;
      const cmp = dir === 'desc' ? '$lt' : '$gt';
      where.push({
        $or: [{ valueDate: { [cmp]: valueDate } }, { valueDate, id: { [cmp]: id } }],
      } as FilterQuery<Receipt>);
    }
    return this.em
      .fork()
      .find(Receipt, { $and: where }, { orderBy: { valueDate: dir, id: dir }, limit: limit + 1 });
  }

  /** Receipts on suspense (no employer) within the filter: how many, and their sum (by the database). */
  async suspenseTotals(filter: ReceiptFilter): Promise<{ count: number; total: number }> {
    const em = this.em.fork();
    const where = { $and: [this.where(filter), { unitCode: null }] } as FilterQuery<Receipt>;
    const [row] = (await (em as SqlEntityManager)
      .createQueryBuilder(Receipt)
      .select([raw('count(*) as n'), raw('coalesce(sum(amount), 0) as total')])
      .where(where as QBFilterQuery<Receipt>)
      .execute('all', false)) as unknown as Record<string, string | number>[];
    return { count: Number(row?.n ?? 0), total: Number(row?.total ?? 0) };
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
    const updated = await tx.nativeUpdate(
      Receipt,
      { id, unitCode: expectedUnitCode },
      change.unitCode ? { ...change, forwardedTo: null } : change,
    );
    if (updated && change.unitCode) await tx.nativeDelete(ReceiptSuggestion, { receiptId: id });
    const receipt = await tx.findOne(Receipt, { id }, { refresh: true });
    if (!receipt) return null;
    return updated ? receipt : 'changed';
  }

  /** Sends a receipt on suspense to another office's queue, inside the caller's transaction. */
  async forward(tx: EntityManager, id: number, officeCode: string): Promise<Receipt | null> {
    const receipt = await tx.findOne(Receipt, { id });
    if (!receipt) return null;
    receipt.forwardedTo = officeCode;
    await tx.flush();
    return receipt;
  }

  /** Stored candidates of these receipts, best first. */
  async suggestionsOf(receiptIds: readonly number[]): Promise<Map<number, StoredSuggestion[]>> {
    const out = new Map<number, StoredSuggestion[]>();
    const em = this.em.fork();
    for (const part of chunks(receiptIds, 500)) {
      const rows = await em.find(
        ReceiptSuggestion,
        { receiptId: { $in: [...part] } },
        { orderBy: { receiptId: 'asc', rank: 'asc' } },
      );
      for (const r of rows) {
        const list = out.get(r.receiptId) ?? [];
        list.push({ rank: r.rank, unitCode: r.unitCode, score: r.score, reasons: r.reasons });
        out.set(r.receiptId, list);
      }
    }
    return out;
  }

  /**
   * Receipts still on suspense (no employer) of the target, in id order, a page at a time (after
   * `afterId`, at most `limit`).
   */
  async toSuggest(
    target: SuggestionTarget,
    afterId: number,
    limit: number,
  ): Promise<ReceiptToSuggest[]> {
    const em = this.em.fork();
    const where: FilterQuery<Receipt> = { unitCode: null, id: { $gt: afterId } };
    if ('batchId' in target) where.batchId = target.batchId;
    else if ('ids' in target) where.id = { $gt: afterId, $in: [...target.ids] };
    else if ('candidates' in target) {
      const ids = await this.withCandidates(em, target.candidates, afterId, limit);
      if (!ids.length) return [];
      where.id = { $in: ids };
    }
    const rows = await em.find(Receipt, where, {
      orderBy: { id: 'asc' },
      limit,
      fields: ['id', 'valueDate', 'amount', 'memo', 'payerName', 'status', 'suggestion'],
    });
    return rows.map((r) => ({
      id: r.id,
      valueDate: r.valueDate,
      amount: r.amount,
      memo: r.memo,
      payerName: r.payerName ?? null,
      status: r.status,
      suggestion: r.suggestion ?? null,
    }));
  }

  private async withCandidates(
    em: EntityManager,
    units: readonly string[],
    afterId: number,
    limit: number,
  ): Promise<number[]> {
    const ids = new Set<number>();
    for (const part of chunks(units, 500)) {
      const rows = await em.find(
        ReceiptSuggestion,
        { unitCode: { $in: [...part] }, receiptId: { $gt: afterId } },
        { fields: ['receiptId'], orderBy: { receiptId: 'asc' }, limit },
      );
      rows.forEach((r) => ids.add(r.receiptId));
    }
    return [...ids].sort((a, b) => a - b).slice(0, limit);
  }

  /**
   * Replaces the ranked candidates of these receipts (inside the caller's transaction) and sets each
   * receipt's `suggestion` to its best candidate — unless rule 4 (an equal name) suggested it already,
   * which the rules' order keeps (domain.md §8). Receipts tied to an employer meanwhile are left alone.
   * Never ties a receipt: status, unit, method and confidence are not touched.
   */
  async replaceSuggestions(
    tx: EntityManager,
    ranked: ReadonlyMap<number, readonly Omit<StoredSuggestion, 'rank'>[]>,
  ): Promise<number> {
    const ids = [...ranked.keys()];
    let written = 0;
    for (const part of chunks(ids, 500)) {
      const receipts = await tx.find(Receipt, { id: { $in: [...part] }, unitCode: null });
      const open = new Set(receipts.map((r) => r.id));
      await tx.nativeDelete(ReceiptSuggestion, { receiptId: { $in: [...part] } });
      const rows = part.flatMap((id) =>
        open.has(id)
          ? ranked.get(id)!.map((s, k) => ({
              receiptId: id,
              rank: k + 1,
              unitCode: s.unitCode,
              score: s.score,
              reasons: [...s.reasons],
            }))
          : [],
      );
      if (rows.length) await tx.insertMany(ReceiptSuggestion, rows);
      written += rows.length;
      for (const r of receipts) {
        if (r.status === 'suggested' && r.method === 'name') continue;
        r.suggestion = ranked.get(r.id)![0]?.unitCode ?? null;
      }
      await tx.flush();
    }
    return written;
  }
}
