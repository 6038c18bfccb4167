import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_CHARGE_POLICIES, type MissingReference } from '../../domain/allocation.js';
import { yearOf, type IsoDate } from '../../domain/dates.js';
import { DomainError } from '../../domain/errors.js';
import { computeLedger, type Ledger, type LedgerPolicies } from '../../domain/ledger.js';
import { Clock } from '../../infrastructure/clock.js';
import { yearToDateReceivable } from '../../domain/ratio.js';
import type { OpenQuantities } from '../../domain/matching-rank.js';
import { openQuantitiesOf } from '../../domain/open-quantities.js';
import { FlagsService, type FlagEvaluation } from '../flags/index.js';
import { SnapshotStore, type EmployerSnapshot } from '../snapshots/index.js';
import type { LedgerReader, LedgerResult } from '../cases/index.js';
import { gapOf, ReferenceService } from '../reference/index.js';
import { EmployerLock } from './employer-lock.js';
import { LedgerInputsLoader, type EmployerInputs } from './ledger-inputs.service.js';

/** Employers whose ledger inputs are read at once for open quantities. */
const OPEN_QUANTITIES_CHUNK = 200;

export interface ReconcileSummary {
  asOf: IsoDate;
  employers: number;
  /** Employers whose ledger could not be computed (e.g. reference data missing), with the reason. */
  failures: { unitCode: string; code: string; message: string }[];
  /**
   * Employers reconciled in full except for late charges whose reference value is not entered (§6 "A
   * k not yet known"): included in every figure, listed here with the (kind, key, year) they miss.
   */
  warnings: ReconcileWarning[];
  overduePrincipal: number;
  flags: { raised: number; updated: number; cleared: number };
}

export interface ReconcileWarning {
  unitCode: string;
  officeCode: string;
  code: 'REFERENCE_RATE_MISSING';
  missing: { kind: string; key: string; year: number }[];
  /** Late charges not booked for want of those values. */
  chargesNotBooked: number;
}

/** The warning of a ledger with rate-missing charges, or null. */
export function warningOf(
  unitCode: string,
  officeCode: string,
  ledger: Ledger,
): ReconcileWarning | null {
  if (!ledger.missingReference.length) return null;
  const seen = new Set<string>();
  const missing = ledger.missingReference.map(gapOf).filter((g) => {
    const id = `${g.kind}|${g.key}|${g.year}`;
    return !seen.has(id) && !!seen.add(id);
  });
  return {
    unitCode,
    officeCode,
    code: 'REFERENCE_RATE_MISSING',
    missing,
    chargesNotBooked: ledger.rateMissing.filter(
      (m) => m.kind === 'old-regime-k' || m.stage === 'booking',
    ).length,
  };
}

/** The day run a reconciliation belongs to, and whether it evaluates flags (domain.md §9). */
export interface DayRunContext {
  runId: string;
  evaluateFlags: boolean;
}

/**
 * Reconciles employers as of a day through the domain core's single entry point (`computeLedger`) and
 * stores what the reports read: one snapshot per employer and day (replaced when the day is
 * reconciled again) and — in a day run that evaluates them only — the flags (domain.md §9: the
 * reconciliations that follow an import or a match leave flags alone). Deterministic: the same stored
 * inputs give the same stored result.
 */
@Injectable()
export class ReconciliationService implements LedgerReader {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly loader: LedgerInputsLoader,
    private readonly reference: ReferenceService,
    private readonly lock: EmployerLock,
    private readonly flags: FlagsService,
    private readonly snapshots: SnapshotStore,
    private readonly clock: Clock,
  ) {}

  /** Allocation and charge policies in force (domain.md §5, §6 defaults). */ async policies(
    em: EntityManager,
  ): Promise<LedgerPolicies> {
    return { ...DEFAULT_CHARGE_POLICIES, flagThresholds: await this.flags.thresholds(em) };
  }

  /** One employer's ledger as of D, computed on request (nothing stored). */
  async ledger(unitCode: string, asOf: IsoDate): Promise<LedgerResult | null> {
    const em = this.em.fork();
    const inputs = (await this.loader.load([unitCode])).get(unitCode);
    if (!inputs) return null;
    const ledger = computeLedger(
      inputs.input,
      asOf,
      await this.policies(em),
      await this.reference.referenceData(),
    );
    return { ledger, inputs };
  }

  async ledgers(unitCode: string, days: readonly IsoDate[]) {
    const em = this.em.fork();
    const inputs = (await this.loader.load([unitCode], em)).get(unitCode);
    if (!inputs) return null;
    const policies = await this.policies(em);
    const ref = await this.reference.referenceData();
    return { inputs, ledgers: days.map((d) => computeLedger(inputs.input, d, policies, ref)) };
  }

  /**
   * Many employers' ledgers as of several days, from one bulk read of their inputs (reports render
   * a whole office's notices this way). An employer whose ledger cannot be computed gets its error.
   */
  async ledgersOf(
    unitCodes: readonly string[],
    days: readonly IsoDate[],
  ): Promise<
    Map<
      string,
      { inputs: EmployerInputs; ledgers: Ledger[] } | { inputs: EmployerInputs; error: DomainError }
    >
  > {
    const em = this.em.fork();
    const inputs = await this.loader.load(unitCodes, em);
    const policies = await this.policies(em);
    const ref = await this.reference.referenceData();
    const out = new Map<
      string,
      { inputs: EmployerInputs; ledgers: Ledger[] } | { inputs: EmployerInputs; error: DomainError }
    >();
    for (const [unitCode, e] of inputs) {
      try {
        out.set(unitCode, {
          inputs: e,
          ledgers: days.map((d) => computeLedger(e.input, d, policies, ref)),
        });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        out.set(unitCode, { inputs: e, error: err });
      }
    }
    return out;
  }

  /**
   * Employers' open quantities (domain.md §8 step 5c) as of given days, from their ledgers computed on
   * request from the stored facts (nothing stored; no snapshot read: a snapshot is one day's, a receipt
   * needs its own value date). Inputs are read once per chunk of employers; an employer whose ledger
   * cannot be computed (reference data missing) or is not registered is absent.
   */
  async openQuantities(
    wanted: ReadonlyMap<string, readonly IsoDate[]>,
  ): Promise<Map<string, Map<IsoDate, OpenQuantities>>> {
    const out = new Map<string, Map<IsoDate, OpenQuantities>>();
    const units = [...wanted.keys()].sort();
    if (!units.length) return out;
    const em = this.em.fork();
    const policies = await this.policies(em);
    const ref = await this.reference.referenceData();
    for (let i = 0; i < units.length; i += OPEN_QUANTITIES_CHUNK) {
      const part = units.slice(i, i + OPEN_QUANTITIES_CHUNK);
      const inputs = await this.loader.load(part, em);
      for (const unitCode of part) {
        const e = inputs.get(unitCode);
        if (!e) continue;
        const byDay = new Map<IsoDate, OpenQuantities>();
        for (const day of new Set(wanted.get(unitCode))) {
          try {
            byDay.set(day, openQuantitiesOf(computeLedger(e.input, day, policies, ref)));
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
          }
        }
        out.set(unitCode, byDay);
      }
      await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  async reconcile(
    unitCodes: readonly string[],
    asOf: IsoDate,
    run: DayRunContext | null = null,
  ): Promise<ReconcileSummary> {
    const runId = run?.runId ?? null;
    const units = [...new Set(unitCodes)].sort();
    const summary: ReconcileSummary = {
      asOf,
      employers: 0,
      failures: [],
      warnings: [],
      overduePrincipal: 0,
      flags: { raised: 0, updated: 0, cleared: 0 },
    };
    if (!units.length) return summary;
    const ref = await this.reference.referenceData();
    const policies = await this.policies(this.em.fork());
    await this.lock.withLocks(units, async () => {
      const em = this.em.fork();
      const inputs = await this.loader.load(units, em);
      const evaluations: FlagEvaluation[] = [];
      const snapshots: Partial<EmployerSnapshot>[] = [];
      const reconciled: string[] = [];
      const missing = new Map<string, MissingReference[]>();
      let n = 0;
      for (const unitCode of units) {
        // computing is synchronous: let the queue renew its job and employer locks now and then
        if (++n % 25 === 0) await new Promise((r) => setImmediate(r));
        const e = inputs.get(unitCode);
        if (!e) continue; // not registered (any more)
        let ledger: Ledger;
        try {
          ledger = computeLedger(e.input, asOf, policies, ref);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          summary.failures.push({ unitCode, code: err.code, message: err.message });
          continue;
        }
        summary.employers++;
        summary.overduePrincipal += ledger.totals.overduePrincipal;
        reconciled.push(unitCode);
        const warning = warningOf(unitCode, e.officeCode, ledger);
        if (warning) {
          summary.warnings.push(warning);
          missing.set(unitCode, ledger.missingReference);
        }
        snapshots.push(snapshotOf(e, ledger, asOf, runId, this.clock.now()));
        if (run?.evaluateFlags)
          evaluations.push({
            unitCode,
            officeCode: e.officeCode,
            asOf,
            flags: ledger.flags,
            monthsOfDebtMilli: ledger.monthsOfDebtMilli,
          });
      }
      await em.transactional(async (tx) => {
        await this.snapshots.upsert(tx, snapshots);
        await this.reference.recordGaps(tx, asOf, reconciled, missing);
        if (run?.evaluateFlags) summary.flags = await this.flags.applyEvaluations(tx, evaluations);
      });
    });
    if (summary.failures.length) {
      this.logger.warn(
        { asOf, failures: summary.failures.length, first: summary.failures[0] },
        'employers not reconciled',
      );
    }
    if (summary.warnings.length) {
      this.logger.warn(
        { asOf, warnings: summary.warnings.length, first: summary.warnings[0] },
        'employers reconciled without charges whose reference value is missing',
      );
    }
    return summary;
  }
}

function snapshotOf(
  e: EmployerInputs,
  ledger: Ledger,
  asOf: IsoDate,
  runId: string | null,
  computedAt: Date,
): Partial<EmployerSnapshot> {
  return {
    day: asOf,
    unitCode: e.employer.unitCode,
    officeCode: e.officeCode,
    provinceCode: e.provinceCode,
    overduePrincipal: ledger.totals.overduePrincipal,
    principalOutstanding: ledger.totals.principalOutstanding,
    chargesUnpaid: ledger.totals.chargesUnpaid,
    credit: ledger.totals.credit,
    monthsOfDebtMilli: ledger.monthsOfDebtMilli,
    debtClass: ledger.debtClass,
    hardToCollect: ledger.hardToCollect,
    ageing: { ...ledger.ageing },
    ytdReceivable: yearToDateReceivable(ledger.receivables, yearOf(asOf), asOf),
    onTimeSettled: ledger.onTimeShare?.numerator ?? null,
    onTimeReceivable: ledger.onTimeShare?.denominator ?? null,
    runId,
    computedAt,
  };
}
