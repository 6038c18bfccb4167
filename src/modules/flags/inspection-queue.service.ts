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
  if (rank < 1 || rank > SEVERITIES.length) return null;
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

/**
 * The inspectors' work list (product.md `/api/inspection-queue`): one row per employer with flags of the
 * status, ordered by its highest severity, then risk score, months of debt, unit code. The database
 * groups the flags per employer, ranks severities and pages (keyset on the order); the page's rows are
 * then completed from the owners' indexes (names, snapshots, suggested receipts, open cases).
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
    const params: unknown[] = [filter.status ?? 'open'];
    let where = 'f.status = ?';
    if (filter.office) {
      where += ' and f.office_code = ?';
      params.push(filter.office);
    } else if (filter.offices) {
      if (!filter.offices.length) return { items: [], nextCursor: null };
      where += ` and f.office_code in (${filter.offices.map(() => '?').join(',')})`;
      params.push(...filter.offices);
    }
    const having: string[] = [];
    if (filter.code) {
      having.push('sum(case when f.code = ? then 1 else 0 end) > 0');
      params.push(filter.code);
    }
    if (filter.severity) {
      having.push('sum(case when f.severity = ? then 1 else 0 end) > 0');
      params.push(filter.severity);
    }
    let keyset = '';
    if (after) {
      keyset = `where q.sev_rank < ? or (q.sev_rank = ? and (q.risk_score < ? or (q.risk_score = ? and (
        q.months_milli < ? or (q.months_milli = ? and q.unit_code > ?)))))`;
      params.push(
        after.rank,
        after.rank,
        after.riskScore,
        after.riskScore,
        after.monthsOfDebtMilli,
        after.monthsOfDebtMilli,
        after.unitCode,
      );
    }
    params.push(n + 1);
    const sql = `select q.* from (
        select f.unit_code, max(f.office_code) as office_code, max(${RANK_SQL}) as sev_rank,
          max(f.risk_score) as risk_score, max(f.months_of_debt_milli) as months_milli,
          max(f.evaluated_on) as evaluated_on
        from flag f where ${where}
        group by f.unit_code ${having.length ? `having ${having.join(' and ')}` : ''}
      ) q ${keyset}
      order by q.sev_rank desc, q.risk_score desc, q.months_milli desc, q.unit_code asc
      limit ?`;
    const em = this.em.fork();
    const rows = (await em.getConnection().execute(sql, params)) as Record<string, unknown>[];
    const keys = rows.slice(0, n).map((r) => ({
      unitCode: String(r.unit_code),
      officeCode: String(r.office_code),
      rank: num(r.sev_rank),
      riskScore: num(r.risk_score),
      monthsOfDebtMilli: num(r.months_milli),
      evaluatedOn: String(r.evaluated_on),
    }));
    const items = await this.complete(em, keys, filter.status ?? 'open');
    const last = keys[keys.length - 1];
    return { items, nextCursor: rows.length > n && last ? encodeQueueCursor(last) : null };
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
    keys: {
      unitCode: string;
      officeCode: string;
      rank: number;
      riskScore: number;
      monthsOfDebtMilli: number;
      evaluatedOn: string;
    }[],
    status: FlagStatus,
  ): Promise<QueueRow[]> {
    if (!keys.length) return [];
    const units = keys.map((k) => k.unitCode);
    const [flagRows, employers, snapshots, suggested, cases] = await Promise.all([
      em.getConnection().execute(
        `select id, unit_code, code, severity, status, evidence from flag
            where status = ? and unit_code in (${units.map(() => '?').join(',')})`,
        [status, ...units],
      ) as Promise<Record<string, unknown>[]>,
      this.employers.byUnits(units),
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
    const names = new Map(employers.map((e) => [e.unitCode, e.name]));
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
