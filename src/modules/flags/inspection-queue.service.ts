import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { SEVERITIES, type FlagCode, type Severity } from '../../domain/flags.js';
import { decodeCursor, encodeCursor, intPart, textPart } from '../../infrastructure/http/keyset.js';
import { PAGE_MAX } from '../../infrastructure/http/page-limit.decorator.js';
import { EmployerDirectory } from '../employers/index.js';
import { ReceiptStore } from '../ledger-facts/index.js';
import { SnapshotStore } from '../snapshots/index.js';
import type { FlagStatus } from './flag.entity.js';
import { FlagCursorInvalidError } from './flags.errors.js';
import { OPEN_CASE_READER, type OpenCaseReader } from './open-cases.port.js';

export interface QueueFilter {
  /** The flags' status; default `open` (the inspector's work list). */
  status?: FlagStatus;
  office?: string;
  offices?: string[];
  /** Employers with a flag of this code (the row still shows every flag of the status). */
  code?: string;
  /** Employers with a flag of this severity. */
  severity?: string;
}

/** Sort key of a queue row: severity rank (1 low … 4 critical), risk score, months, unit code. */
export interface QueueKey {
  rank: number;
  riskScore: number;
  monthsOfDebtMilli: number;
  unitCode: string;
}

const KEY = [intPart, intPart, intPart, textPart(10)] as const;

export function encodeQueueCursor(k: QueueKey): string {
  return encodeCursor([k.rank, k.riskScore, k.monthsOfDebtMilli, k.unitCode]);
}

export function decodeQueueCursor(cursor: string): QueueKey | null {
  const k = decodeCursor(cursor, KEY);
  if (!k) return null;
  const [rank, riskScore, monthsOfDebtMilli, unitCode] = k;
  if (rank < 0 || rank > SEVERITIES.length) return null;
  return { rank, riskScore, monthsOfDebtMilli, unitCode };
}

/** Severity → rank as SQL (1 low … 4 critical), so the database orders rows by their highest severity. */
const RANK_SQL = `case f.severity ${SEVERITIES.map((s, i) => `when '${s}' then ${i + 1}`).join(' ')} else 0 end`;

export interface QueueFlag {
  id: number;
  code: FlagCode;
  severity: Severity;
  status: FlagStatus;
  evidence: Record<string, unknown>;
}

export interface QueueRow {
  unitCode: string;
  name: string | null;
  officeCode: string;
  severity: Severity;
  riskScore: number;
  overduePrincipal: number | null;
  monthsOfDebt: number;
  monthsOfDebtMilli: number;
  debtClass: string | null;
  /** The business day the flags were evaluated as of (their figures are that day's). */
  evaluatedOn: string;
  flags: QueueFlag[];
  /** Suspense receipts suggested for this employer (suggestion = unit, no unit yet). */
  suggestedReceipts: { count: number; total: number };
  /** The active case the employer is worked in, or null. */
  openCaseId: number | null;
  caseOpen: boolean;
  /** Early warning (PROLONGED_IMMINENT): the day it would turn prolonged and the payment that prevents it. */
  imminent: { prolongedOn: string; preventingAmount: number | null; horizon: string } | null;
}

const num = (v: unknown) => Number(v);

interface RowKey extends QueueKey {
  officeCode: string;
  evaluatedOn: string;
}

/**
 * The inspectors' work list (product.md `/api/inspection-queue`): one row per employer with flags of the
 * status, ordered by its highest severity, then risk score, months of debt, unit code; keyset pages.
 * Open flags (the daily list) are read in index order on their employer's key (`queue_rank`); other
 * statuses are grouped and ranked by the database. The page's rows are then completed from the owners'
 * indexes (names, snapshots, suggested receipts, open cases).
 */
@Injectable()
export class InspectionQueueService {
  constructor(
    private readonly em: EntityManager,
    private readonly employers: EmployerDirectory,
    private readonly snapshots: SnapshotStore,
    private readonly receipts: ReceiptStore,
    @Optional() @Inject(OPEN_CASE_READER) private readonly cases?: OpenCaseReader,
  ) {}

  async page(filter: QueueFilter, limit = 50, cursor?: string) {
    const n = Math.min(Math.max(1, Math.trunc(limit)), PAGE_MAX);
    const after = cursor ? decodeQueueCursor(cursor) : null;
    if (cursor && !after) throw new FlagCursorInvalidError();
    if (filter.offices && !filter.offices.length) return { items: [], nextCursor: null };
    const status = filter.status ?? 'open';
    const em = this.em.fork();
    const keys =
      status === 'open'
        ? await this.openKeys(em, filter, n + 1, after)
        : await this.groupedKeys(em, { ...filter, status }, n + 1, after);
    const page = keys.slice(0, n);
    const items = await this.complete(em, page, status);
    const last = page[page.length - 1];
    return { items, nextCursor: keys.length > n && last ? encodeQueueCursor(last) : null };
  }

  /** `where` and its parameters for the office, code and severity filters on `flag f`. */
  private filters(filter: QueueFilter, params: unknown[], withCodeAndSeverity: boolean): string {
    let where = 'f.status = ?';
    params.push(filter.status ?? 'open');
    if (filter.office) {
      where += ' and f.office_code = ?';
      params.push(filter.office);
    } else if (filter.offices) {
      where += ` and f.office_code in (${filter.offices.map(() => '?').join(',')})`;
      params.push(...filter.offices);
    }
    if (withCodeAndSeverity && filter.code) {
      where += ' and f.code = ?';
      params.push(filter.code);
    }
    if (withCodeAndSeverity && filter.severity) {
      where += ' and f.severity = ?';
      params.push(filter.severity);
    }
    return where;
  }

  /** Rows strictly after a key in queue order, over the given columns. */
  private static after(cols: [string, string, string, string], k: QueueKey, params: unknown[]) {
    const [r, s, m, u] = cols;
    params.push(
      k.rank,
      k.rank,
      k.riskScore,
      k.riskScore,
      k.monthsOfDebtMilli,
      k.monthsOfDebtMilli,
      k.unitCode,
    );
    return `(${r} < ? or (${r} = ? and (${s} < ? or (${s} = ? and (${m} < ? or (${m} = ? and ${u} > ?))))))`;
  }

  /**
   * Open flags: every open flag of an employer carries the employer's key (its highest open severity in
   * `queue_rank`, and the risk score and months of the evaluation that updated them all), so the page is
   * read in index order and the employer's few rows (one per code) are folded as they come.
   */
  private async openKeys(
    em: EntityManager,
    filter: QueueFilter,
    want: number,
    after: QueueKey | null,
  ): Promise<RowKey[]> {
    const out: RowKey[] = [];
    let from = after;
    for (;;) {
      const params: unknown[] = [];
      let where = this.filters(filter, params, true);
      if (from) {
        // row values bound the index range (rank, risk, months descending), the unit code breaks ties
        where += ` and (f.queue_rank, f.risk_score, f.months_of_debt_milli) <= (?, ?, ?)
          and ((f.queue_rank, f.risk_score, f.months_of_debt_milli) < (?, ?, ?) or f.unit_code > ?)`;
        params.push(from.rank, from.riskScore, from.monthsOfDebtMilli);
        params.push(from.rank, from.riskScore, from.monthsOfDebtMilli, from.unitCode);
      }
      const batch = want * 4;
      params.push(batch);
      const rows = (await em.getConnection().execute(
        `select f.unit_code, f.office_code, f.queue_rank, f.risk_score, f.months_of_debt_milli,
            f.evaluated_on
          from flag f where ${where}
          order by f.queue_rank desc, f.risk_score desc, f.months_of_debt_milli desc, f.unit_code asc
          limit ?`,
        params,
      )) as Record<string, unknown>[];
      for (const r of rows) {
        const unitCode = String(r.unit_code);
        if (out.length && out[out.length - 1]!.unitCode === unitCode) continue;
        if (out.length === want) return out;
        out.push({
          unitCode,
          officeCode: String(r.office_code),
          rank: num(r.queue_rank),
          riskScore: num(r.risk_score),
          monthsOfDebtMilli: num(r.months_of_debt_milli),
          evaluatedOn: String(r.evaluated_on),
        });
      }
      if (rows.length < batch) return out;
      from = out[out.length - 1] ?? from;
    }
  }

  /** Other statuses: the database groups the flags per employer and ranks their severities. */
  private async groupedKeys(
    em: EntityManager,
    filter: QueueFilter,
    want: number,
    after: QueueKey | null,
  ): Promise<RowKey[]> {
    const params: unknown[] = [];
    const where = this.filters(filter, params, false);
    const having: string[] = [];
    if (filter.code) {
      having.push('sum(case when f.code = ? then 1 else 0 end) > 0');
      params.push(filter.code);
    }
    if (filter.severity) {
      having.push('sum(case when f.severity = ? then 1 else 0 end) > 0');
      params.push(filter.severity);
    }
    const keyset = after
      ? `where ${InspectionQueueService.after(['q.sev_rank', 'q.risk_score', 'q.months_milli', 'q.unit_code'], after, params)}`
      : '';
    params.push(want);
    const rows = (await em.getConnection().execute(
      `select q.* from (
          select f.unit_code, max(f.office_code) as office_code, max(${RANK_SQL}) as sev_rank,
            max(f.risk_score) as risk_score, max(f.months_of_debt_milli) as months_milli,
            max(f.evaluated_on) as evaluated_on
          from flag f where ${where}
          group by f.unit_code ${having.length ? `having ${having.join(' and ')}` : ''}
        ) q ${keyset}
        order by q.sev_rank desc, q.risk_score desc, q.months_milli desc, q.unit_code asc
        limit ?`,
      params,
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      unitCode: String(r.unit_code),
      officeCode: String(r.office_code),
      rank: num(r.sev_rank),
      riskScore: num(r.risk_score),
      monthsOfDebtMilli: num(r.months_milli),
      evaluatedOn: String(r.evaluated_on),
    }));
  }

  /** Every row of the filter in queue order, a page at a time (the inspection-plan workbook). */
  async *all(filter: QueueFilter): AsyncGenerator<QueueRow[]> {
    let cursor: string | undefined;
    do {
      const { items, nextCursor } = await this.page(filter, PAGE_MAX, cursor);
      if (items.length) yield items;
      cursor = nextCursor ?? undefined;
    } while (cursor);
  }

  private async complete(
    em: EntityManager,
    keys: RowKey[],
    status: FlagStatus,
  ): Promise<QueueRow[]> {
    if (!keys.length) return [];
    const units = keys.map((k) => k.unitCode);
    const [flagRows, names, snapshots, suggested, cases] = await Promise.all([
      em.getConnection().execute(
        `select id, unit_code, code, severity, status, evidence from flag
            where status = ? and unit_code in (${units.map(() => '?').join(',')})`,
        [status, ...units],
      ) as Promise<Record<string, unknown>[]>,
      this.employers.namesOf(units),
      this.snapshots.forUnitDays(keys.map((k) => ({ unitCode: k.unitCode, day: k.evaluatedOn }))),
      this.receipts.suggestedTotals(units),
      this.cases ? this.cases.activeCasesOf(units) : Promise.resolve(new Map<string, number>()),
    ]);
    const flagsBy = new Map<string, QueueFlag[]>();
    for (const r of flagRows) {
      const f: QueueFlag = {
        id: num(r.id),
        code: r.code as FlagCode,
        severity: r.severity as Severity,
        status: r.status as FlagStatus,
        evidence:
          typeof r.evidence === 'string'
            ? (JSON.parse(r.evidence) as Record<string, unknown>)
            : (r.evidence as Record<string, unknown>),
      };
      const unit = String(r.unit_code);
      flagsBy.set(unit, [...(flagsBy.get(unit) ?? []), f]);
    }
    return keys.map((k) => {
      const flags = (flagsBy.get(k.unitCode) ?? []).sort(
        (a, b) =>
          SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
          (a.code < b.code ? -1 : 1),
      );
      const snap = snapshots.get(`${k.unitCode}|${k.evaluatedOn}`);
      const fromEvidence = flags
        .map((f) => f.evidence.overduePrincipal)
        .find((v): v is number => typeof v === 'number');
      const im = flags.find((f) => f.code === 'PROLONGED_IMMINENT')?.evidence;
      const caseId = cases.get(k.unitCode) ?? null;
      return {
        unitCode: k.unitCode,
        name: names.get(k.unitCode) ?? null,
        officeCode: k.officeCode,
        severity: SEVERITIES[k.rank - 1] ?? 'low',
        riskScore: k.riskScore,
        overduePrincipal: snap ? snap.overduePrincipal : (fromEvidence ?? null),
        monthsOfDebt: k.monthsOfDebtMilli / 1000,
        monthsOfDebtMilli: k.monthsOfDebtMilli,
        debtClass: snap ? (snap.debtClass ?? null) : null,
        evaluatedOn: k.evaluatedOn,
        flags,
        suggestedReceipts: suggested.get(k.unitCode) ?? { count: 0, total: 0 },
        openCaseId: caseId,
        caseOpen: caseId !== null,
        imminent: im
          ? {
              prolongedOn: String(im.prolongedOn),
              preventingAmount:
                typeof im.preventingAmount === 'number' ? im.preventingAmount : null,
              horizon: String(im.horizon),
            }
          : null,
      };
    });
  }
}
