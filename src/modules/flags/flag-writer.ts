import type { EntityManager } from '@mikro-orm/core';
import { bulkInsert, bulkUpdate, dbValue } from '../../database/bulk-insert.js';
import { reconcileFlags, SEVERITIES, type FlagCode, type Severity } from '../../domain/flags.js';
import type { FlagStatus } from './flag.entity.js';
import type { FlagCounts, FlagEvaluation } from './flags.service.js';

/** What the lifecycle reads of a stored flag, and then changes: a plain row, no entity. */
interface FlagState {
  /** Null: raised by this application, not stored yet. */
  id: number | null;
  unitCode: string;
  officeCode: string;
  code: FlagCode;
  severity: Severity;
  status: FlagStatus;
  riskScore: number;
  queueRank: number;
  monthsOfDebtMilli: number;
  evidence: Record<string, unknown>;
  raisedOn: string;
  raisedAt: Date;
  evaluatedOn: string;
  updatedAt: Date;
  clearedOn: string | null;
  clearedAt: Date | null;
  /** Stored flags whose values changed: updated in place, and/or cleared. */
  updated: boolean;
  cleared: boolean;
}

const IN_CHUNK = 500;

/**
 * Applies flag evaluations as plain rows inside the caller's transaction (domain.md §9, the lifecycle of
 * `FlagsService.applyEvaluations`): one read of the employers' open flags (and of any flag evaluated after
 * the earliest day applied, which makes an older day's evaluation change nothing), the lifecycle worked
 * out in memory, then a handful of statements whatever the number of employers — clears, updates in
 * place, then the raised flags (in that order: a cleared flag frees its (employer, code) for a new one).
 */
export async function applyFlagEvaluations(
  tx: EntityManager,
  inputs: readonly FlagEvaluation[],
  now: Date,
): Promise<FlagCounts> {
  const counts: FlagCounts = { raised: 0, updated: 0, cleared: 0 };
  if (inputs.length === 0) return counts;
  const stored = await readFlags(tx, inputs);
  const raised: FlagState[] = [];
  for (const input of inputs) {
    const flags = stored.get(input.unitCode) ?? [];
    stored.set(input.unitCode, flags);
    if (flags.some((f) => f.evaluatedOn > input.asOf)) continue;
    const open = flags.filter((f) => f.status === 'open');
    const plan = reconcileFlags(open, input.flags);
    for (const r of plan.raise) {
      const flag: FlagState = {
        id: null,
        unitCode: input.unitCode,
        officeCode: input.officeCode,
        code: r.code,
        severity: r.severity,
        status: 'open',
        riskScore: r.riskScore,
        queueRank: 0,
        monthsOfDebtMilli: input.monthsOfDebtMilli,
        evidence: r.evidence,
        raisedOn: input.asOf,
        raisedAt: now,
        evaluatedOn: input.asOf,
        updatedAt: now,
        clearedOn: null,
        clearedAt: null,
        updated: false,
        cleared: false,
      };
      flags.push(flag);
      raised.push(flag);
      counts.raised++;
    }
    for (const r of plan.update) {
      const flag = open.find((f) => f.code === r.code)!;
      Object.assign(flag, {
        officeCode: input.officeCode,
        severity: r.severity,
        evidence: r.evidence,
        riskScore: r.riskScore,
        monthsOfDebtMilli: input.monthsOfDebtMilli,
        evaluatedOn: input.asOf,
        updatedAt: now,
        updated: true,
      });
      counts.updated++;
    }
    for (const code of plan.clear) {
      const flag = open.find((f) => f.code === code)!;
      Object.assign(flag, {
        status: 'condition-cleared',
        queueRank: 0,
        clearedOn: input.asOf,
        clearedAt: now,
        evaluatedOn: input.asOf,
        updatedAt: now,
        cleared: true,
      });
      counts.cleared++;
    }
    // the queue's first key: the employer's highest open severity, on each of its open flags (all of
    // them were raised or updated by this evaluation, so they share its risk score and months too)
    const nowOpen = flags.filter((f) => f.status === 'open');
    const rank = Math.max(0, ...nowOpen.map((f) => SEVERITIES.indexOf(f.severity) + 1));
    for (const f of nowOpen) f.queueRank = rank;
  }
  const write = async (t: EntityManager) => {
    const kept = [...stored.values()].flat().filter((f) => f.id !== null);
    const date = (d: Date | null) => dbValue(t, 'datetime', d);
    await bulkUpdate(
      t,
      'flag',
      'id',
      ['status', 'queue_rank', 'cleared_on', 'cleared_at', 'evaluated_on', 'updated_at'],
      kept
        .filter((f) => f.cleared)
        .map((f) => [
          f.id,
          f.status,
          f.queueRank,
          f.clearedOn,
          date(f.clearedAt),
          f.evaluatedOn,
          date(f.updatedAt),
        ]),
    );
    await bulkUpdate(
      t,
      'flag',
      'id',
      [
        'office_code',
        'severity',
        'evidence',
        'risk_score',
        'months_of_debt_milli',
        'queue_rank',
        'evaluated_on',
        'updated_at',
      ],
      kept
        .filter((f) => f.updated)
        .map((f) => [
          f.id,
          f.officeCode,
          f.severity,
          dbValue(t, 'json', f.evidence),
          f.riskScore,
          f.monthsOfDebtMilli,
          f.queueRank,
          f.evaluatedOn,
          date(f.updatedAt),
        ]),
    );
    await bulkInsert(
      t,
      'flag',
      RAISED_COLUMNS,
      raised.map((f) => [
        f.unitCode,
        f.officeCode,
        f.code,
        f.severity,
        f.status,
        f.riskScore,
        f.queueRank,
        f.monthsOfDebtMilli,
        dbValue(t, 'json', f.evidence),
        f.raisedOn,
        date(f.raisedAt),
        f.evaluatedOn,
        date(f.updatedAt),
        f.clearedOn,
        date(f.clearedAt),
      ]),
    );
  };
  // the raised flags' ids follow the evaluations' order, as the ORM's flush gave them
  if (tx.getTransactionContext()) await write(tx);
  else await tx.transactional(write);
  return counts;
}

/** The columns a raised flag is inserted with (its id, `closed_at` and `case_id` take their defaults). */
const RAISED_COLUMNS = [
  'unit_code',
  'office_code',
  'code',
  'severity',
  'status',
  'risk_score',
  'queue_rank',
  'months_of_debt_milli',
  'evidence',
  'raised_on',
  'raised_at',
  'evaluated_on',
  'updated_at',
  'cleared_on',
  'cleared_at',
];

/**
 * The employers' open flags and any of their flags evaluated after the earliest day applied (whatever its
 * status: a closed flag, too, tells the latest day applied), by employer, as plain rows.
 */
async function readFlags(
  tx: EntityManager,
  inputs: readonly FlagEvaluation[],
): Promise<Map<string, FlagState[]>> {
  const units = [...new Set(inputs.map((i) => i.unitCode))];
  const earliest = inputs.reduce((d, i) => (i.asOf < d ? i.asOf : d), inputs[0]!.asOf);
  const out = new Map<string, FlagState[]>();
  const conn = tx.getConnection();
  for (let i = 0; i < units.length; i += IN_CHUNK) {
    const part = units.slice(i, i + IN_CHUNK);
    const rows = (await conn.execute(
      `select id, unit_code, office_code, code, severity, status, risk_score, queue_rank,
              months_of_debt_milli, evaluated_on
         from flag
        where unit_code in (${part.map(() => '?').join(', ')})
          and (status = 'open' or evaluated_on > ?)
        order by id`,
      [...part, earliest],
      'all',
      tx.getTransactionContext(),
    )) as Record<string, unknown>[];
    for (const r of rows) {
      const unitCode = r.unit_code as string;
      // what an update or a clear does not set is never written back: only these columns are read
      const flag = {
        id: Number(r.id),
        unitCode,
        officeCode: r.office_code as string,
        code: r.code as FlagCode,
        severity: r.severity as Severity,
        status: r.status as FlagStatus,
        riskScore: Number(r.risk_score),
        queueRank: Number(r.queue_rank),
        monthsOfDebtMilli: Number(r.months_of_debt_milli),
        evaluatedOn: r.evaluated_on as string,
        updated: false,
        cleared: false,
      } as FlagState;
      const list = out.get(unitCode);
      if (list) list.push(flag);
      else out.set(unitCode, [flag]);
    }
  }
  return out;
}
