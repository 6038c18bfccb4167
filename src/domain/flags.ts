import type { Share } from './arrears.js';
import type { UnderDeclarationFinding } from './assessment.js';
import type { IsoDate, Period } from './dates.js';
import { roundHalfUpDiv } from './money.js';

/** Inspection flag codes (§9). */
export type FlagCode =
  | 'PROLONGED_ARREARS'
  | 'EVASION_SUSPECTED'
  | 'UNDER_DECLARATION'
  | 'DECLARATION_MISMATCH'
  | 'CRIMINAL_THRESHOLD'
  | 'REPEAT_LATE'
  | 'PROLONGED_IMMINENT';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface CriminalClause {
  clause: number;
  overduePrincipal: number;
  persons: number;
}

/** Every threshold of §9 is configuration; these are the defaults. Months in thousandths. */
export interface FlagThresholds {
  prolongedMonthsMilli: number;
  prolongedHighMonthsMilli: number;
  prolongedCriticalMonthsMilli: number;
  evasionDaysPastDue: number;
  mismatchBasisPoints: number;
  mismatchMinAmount: number;
  windowMonths: number;
  criminalMonthsMilli: number;
  /** Art. 216 clauses, lowest first. */
  criminalClauses: CriminalClause[];
  repeatLatePercent: number;
  /** PROLONGED_IMMINENT looks this many days past D (D + horizon). */
  imminentHorizonDays: number;
}

export const DEFAULT_FLAG_THRESHOLDS: FlagThresholds = {
  prolongedMonthsMilli: 3000,
  prolongedHighMonthsMilli: 6000,
  prolongedCriticalMonthsMilli: 12000,
  evasionDaysPastDue: 60,
  mismatchBasisPoints: 100,
  mismatchMinAmount: 10_000,
  windowMonths: 12,
  criminalMonthsMilli: 6000,
  criminalClauses: [
    { clause: 1, overduePrincipal: 50_000_000, persons: 10 },
    { clause: 2, overduePrincipal: 300_000_000, persons: 50 },
    { clause: 3, overduePrincipal: 1_000_000_000, persons: 200 },
  ],
  repeatLatePercent: 50,
  imminentHorizonDays: 31,
};

export interface PeriodTotals {
  period: Period;
  receivable: number;
  declared: number | null;
}

/** What the flag rules read about one employer as of D (all computed by the ledger). */
export interface FlagFacts {
  unitCode: string;
  asOf: IsoDate;
  hardToCollect: boolean;
  overduePrincipal: number;
  monthsOfDebtMilli: number;
  /** Days the oldest unpaid principal line is past due, or null. */
  oldestUnpaidDaysPastDue: number | null;
  reminderDates: readonly IsoDate[];
  sanctionDates: readonly IsoDate[];
  /** Under-declaration over the window (12 periods up to D's month), or null without a roster. */
  underDeclaration: UnderDeclarationFinding | null;
  /** Receivable and declared totals of the window's periods. */
  periodTotals: readonly PeriodTotals[];
  /** Distinct insured persons in the unpaid (overdue) periods. */
  unpaidPersons: number;
  onTimeShare: Share | null;
  /** Set when months of debt < the prolonged threshold at D but not at D + horizon (imminent.ts). */
  imminent?: ImminentFacts | null;
}

/**
 * The early warning's figures (§9 PROLONGED_IMMINENT), if nothing more is paid after D: months of debt at
 * D and at the horizon, the first day it reaches the prolonged threshold, and the smallest payment on
 * D + 1 (allocated by the policy in force) that keeps it below at the horizon.
 */
export interface ImminentFacts {
  monthsOfDebtMilli: number;
  horizon: IsoDate;
  monthsOfDebtAtHorizonMilli: number;
  prolongedOn: IsoDate;
  /** Null only when no payment on D + 1 could count (it would be superseded by an opening balance). */
  preventingAmount: number | null;
}

export interface FlagResult {
  code: FlagCode;
  severity: Severity;
  evidence: Record<string, unknown>;
  riskScore: number;
}

/** Risk score = overdue principal × (1 + months of debt / 3), half-up to whole đồng (§9). */
export function riskScore(overduePrincipal: number, monthsMilli: number): number {
  return roundHalfUpDiv(BigInt(overduePrincipal) * BigInt(3000 + monthsMilli), 3000n);
}

/** Queue order: risk score (higher first), months of debt (more first), unit code. */
export function compareByRisk(
  a: { riskScore: number; monthsOfDebtMilli: number; unitCode: string },
  b: { riskScore: number; monthsOfDebtMilli: number; unitCode: string },
): number {
  return (
    b.riskScore - a.riskScore ||
    b.monthsOfDebtMilli - a.monthsOfDebtMilli ||
    (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0)
  );
}

/** Severity order, lowest first (§9). */
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** The highest of some severities (an employer's row in the inspection queue), or null for none. */
export function highestSeverity(severities: Iterable<Severity>): Severity | null {
  let best: Severity | null = null;
  for (const s of severities) {
    if (best === null || SEVERITIES.indexOf(s) > SEVERITIES.indexOf(best)) best = s;
  }
  return best;
}

/** One employer's row of the inspection queue, as far as its order goes. */
export interface QueueRowKey {
  /** The highest severity of its open flags. */
  severity: Severity;
  riskScore: number;
  monthsOfDebtMilli: number;
  unitCode: string;
}

/**
 * Inspection queue order (product.md `/api/inspection-queue`, one row per employer): highest severity
 * first (critical > high > medium > low), then risk score, then months of debt (more first), then unit
 * code.
 */
export function compareQueueRows(a: QueueRowKey, b: QueueRowKey): number {
  return SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || compareByRisk(a, b);
}

/** Evaluates every §9 rule; returns the flags whose condition holds at D. */
export function evaluateFlags(
  facts: FlagFacts,
  thresholds: Partial<FlagThresholds> = {},
): FlagResult[] {
  const t: FlagThresholds = { ...DEFAULT_FLAG_THRESHOLDS, ...thresholds };
  const score = riskScore(facts.overduePrincipal, facts.monthsOfDebtMilli);
  const months = facts.monthsOfDebtMilli / 1000;
  const out: FlagResult[] = [];
  const push = (code: FlagCode, severity: Severity, evidence: Record<string, unknown>) =>
    out.push({ code, severity, evidence, riskScore: score });

  if (!facts.hardToCollect && facts.monthsOfDebtMilli >= t.prolongedMonthsMilli) {
    const m = facts.monthsOfDebtMilli;
    const severity: Severity =
      m >= t.prolongedCriticalMonthsMilli
        ? 'critical'
        : m >= t.prolongedHighMonthsMilli
          ? 'high'
          : 'medium';
    push('PROLONGED_ARREARS', severity, {
      monthsOfDebt: months,
      overduePrincipal: facts.overduePrincipal,
    });
  }

  const remindersByD = facts.reminderDates.filter((d) => d <= facts.asOf).sort();
  if (
    facts.oldestUnpaidDaysPastDue !== null &&
    facts.oldestUnpaidDaysPastDue > t.evasionDaysPastDue &&
    remindersByD.length > 0
  ) {
    push('EVASION_SUSPECTED', 'high', {
      oldestUnpaidDaysPastDue: facts.oldestUnpaidDaysPastDue,
      lastReminder: remindersByD[remindersByD.length - 1],
      overduePrincipal: facts.overduePrincipal,
    });
  }

  const ud = facts.underDeclaration;
  if (ud && ud.personMonths.length > 0) {
    push('UNDER_DECLARATION', 'medium', {
      persons: ud.persons,
      months: ud.months,
      personMonths: ud.personMonths.length,
      shortfall: ud.shortfall,
    });
  }

  const mismatches = facts.periodTotals.filter((p) => {
    if (p.declared === null) return false;
    const diff = Math.abs(p.declared - p.receivable);
    return diff * 10_000 > p.receivable * t.mismatchBasisPoints && diff > t.mismatchMinAmount;
  });
  if (mismatches.length > 0) {
    push('DECLARATION_MISMATCH', 'low', {
      periods: mismatches.map((p) => ({
        period: p.period,
        declared: p.declared,
        receivable: p.receivable,
        difference: (p.declared ?? 0) - p.receivable,
      })),
    });
  }

  const sanctionsBefore = facts.sanctionDates.filter((d) => d < facts.asOf).sort();
  if (facts.monthsOfDebtMilli >= t.criminalMonthsMilli && sanctionsBefore.length > 0) {
    const met = t.criminalClauses.filter(
      (c) => facts.overduePrincipal >= c.overduePrincipal || facts.unpaidPersons >= c.persons,
    );
    if (met.length > 0) {
      push('CRIMINAL_THRESHOLD', 'critical', {
        clause: Math.max(...met.map((c) => c.clause)),
        monthsOfDebt: months,
        overduePrincipal: facts.overduePrincipal,
        persons: facts.unpaidPersons,
        lastSanction: sanctionsBefore[sanctionsBefore.length - 1],
      });
    }
  }

  const im = facts.imminent;
  if (
    im &&
    !facts.hardToCollect &&
    facts.monthsOfDebtMilli < t.prolongedMonthsMilli &&
    im.monthsOfDebtAtHorizonMilli >= t.prolongedMonthsMilli
  ) {
    push('PROLONGED_IMMINENT', 'low', {
      monthsOfDebt: months,
      monthsOfDebtAtHorizon: im.monthsOfDebtAtHorizonMilli / 1000,
      horizon: im.horizon,
      prolongedOn: im.prolongedOn,
      preventingAmount: im.preventingAmount,
    });
  }

  const s = facts.onTimeShare;
  if (s && s.denominator > 0 && s.numerator * 100 < s.denominator * t.repeatLatePercent) {
    push('REPEAT_LATE', 'low', {
      onTimeShare: s.percent,
      settledOnTime: s.numerator,
      receivable: s.denominator,
    });
  }
  return out;
}

/** A stored flag as the lifecycle sees it. */
export interface OpenFlag {
  code: FlagCode;
  status: 'open' | 'condition-cleared' | string;
}

/**
 * Lifecycle (§9): one flag per (employer, code) while open — update in place; a condition that no longer
 * holds marks the open flag `condition-cleared`; a later occurrence after that raises a new flag.
 */
export function reconcileFlags(
  stored: readonly OpenFlag[],
  current: readonly FlagResult[],
): { raise: FlagResult[]; update: FlagResult[]; clear: FlagCode[] } {
  const open = new Set(stored.filter((f) => f.status === 'open').map((f) => f.code));
  const now = new Set(current.map((f) => f.code));
  return {
    raise: current.filter((f) => !open.has(f.code)),
    update: current.filter((f) => open.has(f.code)),
    clear: [...open].filter((c) => !now.has(c)).sort(),
  };
}
