import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery, EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../infrastructure/clock.js';
import { NotFoundError } from '../../infrastructure/http/app-error.js';
import { EmployerDirectory } from '../employers/index.js';
import { ReceiptStore } from '../ledger-facts/index.js';
import { SnapshotStore } from '../snapshots/index.js';
import { Flag, type FlagStatus } from './flag.entity.js';
import {
  afterFlagCursor,
  decodeFlagCursor,
  encodeFlagCursor,
  FLAG_QUEUE_ORDER,
} from './flag-cursor.util.js';
import { FlagCursorInvalidError, FlagNotClosableError } from './flags.errors.js';

import { PAGE_MAX as FLAG_PAGE_MAX } from '../../infrastructure/http/page-limit.decorator.js';
const HISTORY_DAYS = 400;
const RECEIPTS_MAX = 200;

export interface FlagFilter {
  /** One status; default `open` (the inspector's queue). */
  status?: FlagStatus;
  office?: string;
  /** The offices a user may see (absent: all). */
  offices?: string[];
  code?: string;
  severity?: string;
  unit?: string;
}

const num = (v: unknown) => (v == null ? null : Number(v));
const date = (v: unknown) =>
  v == null
    ? null
    : v instanceof Date
      ? v
      : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number));

/** A raw `flag` row as either database returns it (bigint as text on PostgreSQL, JSON as text on SQLite). */
export function flagFromRow(r: Record<string, unknown>): Flag {
  return Object.assign(new Flag(), {
    id: Number(r.id),
    unitCode: r.unit_code,
    officeCode: r.office_code,
    code: r.code,
    severity: r.severity,
    status: r.status,
    riskScore: Number(r.risk_score),
    monthsOfDebtMilli: Number(r.months_of_debt_milli),
    evidence: typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence,
    raisedOn: r.raised_on,
    raisedAt: date(r.raised_at),
    evaluatedOn: r.evaluated_on,
    updatedAt: date(r.updated_at),
    clearedOn: r.cleared_on ?? null,
    clearedAt: date(r.cleared_at),
    closedAt: date(r.closed_at),
    caseId: num(r.case_id),
  });
}

export function flagView(f: Flag) {
  return {
    id: f.id,
    unitCode: f.unitCode,
    officeCode: f.officeCode,
    code: f.code,
    severity: f.severity,
    status: f.status,
    riskScore: f.riskScore,
    monthsOfDebt: f.monthsOfDebtMilli / 1000,
    evidence: f.evidence,
    raisedOn: f.raisedOn,
    raisedAt: f.raisedAt,
    evaluatedOn: f.evaluatedOn,
    updatedAt: f.updatedAt,
    clearedOn: f.clearedOn ?? null,
    clearedAt: f.clearedAt ?? null,
    closedAt: f.closedAt ?? null,
    caseId: f.caseId ?? null,
  };
}

/** The inspectors' queue of flags, ordered by risk (domain.md §9), and one flag with what explains it. */
@Injectable()
export class FlagQueueService {
  constructor(
    private readonly em: EntityManager,
    private readonly employers: EmployerDirectory,
    private readonly snapshots: SnapshotStore,
    private readonly receiptStore: ReceiptStore,
    private readonly clock: Clock,
  ) {}

  private where(filter: FlagFilter): FilterQuery<Flag> {
    const where: Record<string, unknown> = { status: filter.status ?? 'open' };
    if (filter.office) where.officeCode = filter.office;
    else if (filter.offices) where.officeCode = { $in: filter.offices };
    if (filter.code) where.code = filter.code;
    if (filter.severity) where.severity = filter.severity;
    if (filter.unit) where.unitCode = filter.unit;
    return where as FilterQuery<Flag>;
  }

  /** One page in queue order, and the cursor of the next page (null on the last). */
  async page(filter: FlagFilter, limit = 50, cursor?: string, em: EntityManager = this.em.fork()) {
    const n = Math.min(Math.max(1, Math.trunc(limit)), FLAG_PAGE_MAX);
    let where = this.where(filter);
    if (cursor) {
      const key = decodeFlagCursor(cursor);
      if (!key) throw new FlagCursorInvalidError();
      where = { $and: [where, afterFlagCursor(key)] } as FilterQuery<Flag>;
    }
    // plain rows mapped to properties, not managed entities: a read-only list skips hydration (~20% of a request)
    const rows = (await (em as SqlEntityManager)
      .createQueryBuilder(Flag)
      .select('*')
      .where(where as QBFilterQuery<Flag>)
      .orderBy([...FLAG_QUEUE_ORDER])
      .limit(n + 1)
      .execute('all', false)) as unknown as Record<string, unknown>[];
    const items = rows.slice(0, n).map(flagFromRow);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > n && last ? encodeFlagCursor(last) : null };
  }

  /** Every flag of the filter in queue order, a page at a time (for the inspection-plan workbook). */
  async *all(filter: FlagFilter): AsyncGenerator<Flag[]> {
    let cursor: string | undefined;
    do {
      const em = this.em.fork();
      const { items, nextCursor } = await this.page(filter, FLAG_PAGE_MAX, cursor, em);
      if (items.length) yield items;
      cursor = nextCursor ?? undefined;
    } while (cursor);
  }

  async get(id: number, em: EntityManager = this.em.fork()): Promise<Flag> {
    const flag = await em.findOne(Flag, { id });
    if (!flag) throw new NotFoundError('Flag', String(id));
    return flag;
  }

  /** A flag with its employer, the employer's months-of-debt history (employer_snapshot) and receipts. */
  async detail(id: number) {
    const em = this.em.fork();
    const flag = await this.get(id, em);
    const [employer, snapshots, receipts, suggested] = await Promise.all([
      this.employers.get(flag.unitCode),
      this.snapshots.history(flag.unitCode, HISTORY_DAYS),
      this.receiptStore.forUnit(flag.unitCode, RECEIPTS_MAX),
      this.receiptStore.suggestedFor(flag.unitCode, RECEIPTS_MAX),
    ]);
    const receiptOf = (r: (typeof receipts)[number]) => ({
      id: r.id,
      valueDate: r.valueDate,
      amount: r.amount,
      bankRef: r.bankRef,
      memo: r.memo,
      payerName: r.payerName ?? null,
      status: r.status,
      method: r.method ?? null,
    });
    return {
      ...flagView(flag),
      employer: employer
        ? {
            unitCode: employer.unitCode,
            name: employer.name,
            officeCode: employer.officeCode,
            status: employer.status,
          }
        : null,
      history: snapshots.map((s) => ({
        day: s.day,
        monthsOfDebtMilli: s.monthsOfDebtMilli,
        monthsOfDebt: s.monthsOfDebtMilli / 1000,
        overduePrincipal: s.overduePrincipal,
        debtClass: s.debtClass ?? null,
      })),
      receipts: receipts.map(receiptOf),
      /** Suspense receipts suggested for this employer (not yet confirmed by an officer). */
      suggestedReceipts: suggested.map((r) => ({
        ...receiptOf(r),
        confidence: r.confidenceMilli / 1000,
      })),
    };
  }

  /** An inspector closes a flag whose condition has cleared (§9: it never disappears by itself). */
  async close(id: number, audit: (tx: EntityManager, flag: Flag) => Promise<void>): Promise<Flag> {
    return this.em.fork().transactional(async (tx) => {
      const flag = await this.get(id, tx);
      if (flag.status !== 'condition-cleared') throw new FlagNotClosableError(id, flag.status);
      flag.status = 'closed';
      flag.closedAt = this.clock.now();
      flag.updatedAt = flag.closedAt;
      await tx.flush();
      await audit(tx, flag);
      return flag;
    });
  }

  /** The flags of a case, oldest first. */
  forCase(caseId: number): Promise<Flag[]> {
    return this.em.fork().find(Flag, { caseId }, { orderBy: { id: 'asc' } });
  }

}
