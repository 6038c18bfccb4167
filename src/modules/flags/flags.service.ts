import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { FlagResult, FlagThresholds } from '../../domain/flags.js';
import { Clock } from '../../infrastructure/clock.js';
import { PoliciesService } from '../policies/index.js';
import { Flag } from './flag.entity.js';
import { applyFlagEvaluations } from './flag-writer.js';

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
   * stopped holding `condition-cleared` (never delete). Returns counts.
   *
   * An evaluation older than one already applied to the employer's flags (a past day re-run) changes
   * nothing: flags show the latest day evaluated.
   */
  async applyEvaluation(em: EntityManager, input: FlagEvaluation): Promise<FlagCounts> {
    return this.applyEvaluations(em, [input]);
  }

  /**
   * The same for many employers at once, as plain rows (one read of their flags, a few bulk statements;
   * see `applyFlagEvaluations`): for chunked runs. Inside the caller's transaction when it has one.
   */
  async applyEvaluations(
    em: EntityManager,
    inputs: readonly FlagEvaluation[],
  ): Promise<FlagCounts> {
    return applyFlagEvaluations(em, inputs, this.clock.now());
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
