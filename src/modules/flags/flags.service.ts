import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  reconcileFlags,
  SEVERITIES,
  type FlagResult,
  type FlagThresholds,
} from '../../domain/flags.js';
import { Clock } from '../../infrastructure/clock.js';
import { PoliciesService } from '../policies/index.js';
import { Flag } from './flag.entity.js';

/** One employer's flag evaluation as of D (`computeLedger(...).flags`). */
export interface FlagEvaluation {
  unitCode: string;
  officeCode: string;
  /** D, `YYYY-MM-DD`. */
  asOf: string;
  flags: FlagResult[];
  monthsOfDebtMilli: number;
}

export interface FlagCounts {
  raised: number;
  updated: number;
  cleared: number;
}

/**
 * Stores flag evaluations with the lifecycle of domain.md §9 (`reconcileFlags`): one open flag per
 * (employer, code), updated in place; an open flag whose condition no longer holds becomes
 * `condition-cleared` (never deleted); a later occurrence raises a new flag.
 */
@Injectable()
export class FlagsService {
  constructor(
    private readonly policies: PoliciesService,
    private readonly clock: Clock,
  ) {}

  /**
   * Applies one employer's evaluation as of D inside the caller's transaction/em: raise new, update open in
   * place (severity, evidence, riskScore, monthsOfDebtMilli, updatedAt), mark open flags whose condition
   * stopped holding `condition-cleared` (never delete). Returns counts. Flushes `em`.
   *
   * An evaluation older than one already applied to the employer's flags (a past day re-run) changes
   * nothing: flags show the latest day evaluated.
   */
  async applyEvaluation(em: EntityManager, input: FlagEvaluation): Promise<FlagCounts> {
    return this.applyEvaluations(em, [input]);
  }

  /** The same for many employers at once (one read of their flags, one flush): for chunked runs. */
  async applyEvaluations(
    em: EntityManager,
    inputs: readonly FlagEvaluation[],
  ): Promise<FlagCounts> {
    const counts: FlagCounts = { raised: 0, updated: 0, cleared: 0 };
    if (inputs.length === 0) return counts;
    const units = [...new Set(inputs.map((i) => i.unitCode))];
    const stored = new Map<string, Flag[]>();
    for (let i = 0; i < units.length; i += 500) {
      // every status: closed flags, too, tell the latest day applied
      const rows = await em.find(Flag, { unitCode: { $in: units.slice(i, i + 500) } });
      for (const f of rows) {
        const list = stored.get(f.unitCode);
        if (list) list.push(f);
        else stored.set(f.unitCode, [f]);
      }
    }
    const now = this.clock.now();
    for (const input of inputs) {
      const flags = stored.get(input.unitCode) ?? [];
      if (flags.some((f) => f.evaluatedOn > input.asOf)) continue;
      const open = flags.filter((f) => f.status === 'open');
      const plan = reconcileFlags(open, input.flags);
      for (const r of plan.raise) {
        const flag = em.create(Flag, {
          unitCode: input.unitCode,
          officeCode: input.officeCode,
          code: r.code,
          severity: r.severity,
          status: 'open',
          riskScore: r.riskScore,
          monthsOfDebtMilli: input.monthsOfDebtMilli,
          evidence: r.evidence,
          raisedOn: input.asOf,
          raisedAt: now,
          evaluatedOn: input.asOf,
          updatedAt: now,
        });
        flags.push(flag);
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
        });
        counts.cleared++;
      }
      // the queue's first key: the employer's highest open severity, on each of its open flags (all of
      // them were raised or updated by this evaluation, so they share its risk score and months too)
      const nowOpen = flags.filter((f) => f.status === 'open');
      const rank = Math.max(0, ...nowOpen.map((f) => SEVERITIES.indexOf(f.severity) + 1));
      for (const f of nowOpen) f.queueRank = rank;
    }
    await em.flush();
    return counts;
  }

  /** The flags of these ids (inside the caller's transaction). */
  byIds(tx: EntityManager, ids: readonly number[]): Promise<Flag[]> {
    return tx.find(Flag, { id: { $in: [...ids] } });
  }

  /** Links a flag to a case only where it is still as read (`expected` case); false when it moved on. */
  async linkToCase(
    tx: EntityManager,
    flagId: number,
    expected: number | null,
    caseId: number,
  ): Promise<boolean> {
    return (await tx.nativeUpdate(Flag, { id: flagId, caseId: expected }, { caseId })) === 1;
  }

  /** A closed case closes its flags whose condition has already cleared (domain.md §10). */
  async closeClearedOfCase(tx: EntityManager, caseId: number, at: Date): Promise<void> {
    await tx.nativeUpdate(
      Flag,
      { caseId, status: 'condition-cleared' },
      { status: 'closed', closedAt: at, updatedAt: at },
    );
  }
  /** The latest business day whose evaluation any flag holds (null: none). */
  async latestEvaluatedDay(em: EntityManager): Promise<string | null> {
    const row = await em.findOne(
      Flag,
      { evaluatedOn: { $ne: '' } },
      { orderBy: { evaluatedOn: 'desc' }, fields: ['evaluatedOn'] },
    );
    return row?.evaluatedOn ?? null;
  }

  /** Thresholds in force (DB policy or defaults). */
  thresholds(em: EntityManager): Promise<FlagThresholds> {
    return this.policies.flagThresholds(em);
  }
}
