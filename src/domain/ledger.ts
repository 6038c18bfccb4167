import {
  ageing as ageingOf,
  debtClass as debtClassOf,
  monthsOfDebtMilli,
  oldestUnpaidDaysPastDue,
  onTimeShare as onTimeShareOf,
  overduePrincipal as overdueOf,
  principalOutstanding,
  type Ageing,
  type DebtClass,
  type Share,
} from './arrears.js';
import {
  findRosterOverlaps,
  lineCovers,
  twelvePeriodsTo,
  underDeclarationOver,
  type AssessedPeriod,
  type RosterOverlap,
  type UnderDeclarationFinding,
} from './assessment.js';
import {
  summarizeMissingReference,
  type AllocationPart,
  type ChargeLine,
  type ChargePolicies,
  type CreditApplication,
  type MissingReference,
  type PrincipalState,
  type RateMissing,
} from './allocation.js';
import { daysBetween, periodOf, type IsoDate, type Period } from './dates.js';
import { dueDate } from './due-dates.js';
import { isHardToCollect } from './employer.js';
import {
  DEFAULT_FLAG_THRESHOLDS,
  evaluateFlags,
  type FlagResult,
  type FlagThresholds,
  type PeriodTotals,
} from './flags.js';
import { CONTRIBUTION_FUNDS, type ContributionFund, type FundAmounts } from './funds.js';
import { imminentFromCore } from './imminent.js';
import { ledgerCore, type LedgerFacts } from './ledger-core.js';
import type { Receivable } from './receivables.js';
import type { ReferenceData } from './reference-data.js';

export type { EmployerProfile, LedgerFacts } from './ledger-core.js';

/** The employer's own declared totals for a period (bảng tổng hợp tự kê khai). */
export interface DeclaredTotalInput {
  period: Period;
  total?: number | null;
  amounts?: Partial<FundAmounts> | null;
}

export interface LedgerInput extends LedgerFacts {
  declared?: readonly DeclaredTotalInput[];
  reminderDates?: readonly IsoDate[];
  sanctionDates?: readonly IsoDate[];
}

export interface LedgerPolicies extends ChargePolicies {
  flagThresholds?: Partial<FlagThresholds>;
}

export interface LedgerPeriod {
  period: Period;
  dueDate: IsoDate;
  receivable: number;
  declared: number | null;
  paid: number;
  balance: number;
  /** Largest over the period's lines of (date fully settled, or D) − the line's due date, ≥ 0 (§9). */
  daysLate: number;
  /** Charges booked in this month (C12 B.5). */
  charge: number;
}

export interface LedgerPaymentAllocation {
  period: Period;
  fund: string;
  kind: 'principal' | 'charge';
  amount: number;
}

export interface LedgerPayment {
  valueDate: IsoDate;
  bankRef: string;
  amount: number;
  superseded: boolean;
  allocations: LedgerPaymentAllocation[];
  toCredit: number;
}

export interface LedgerTotals {
  receivable: number;
  paid: number;
  principalOutstanding: number;
  overduePrincipal: number;
  chargesBooked: number;
  /** Booked unpaid + accrued through D − 1 (charges as of D, §6). */
  chargesUnpaid: number;
  chargesBookedUnpaid: number;
  chargesAccrued: number;
  credit: number;
}

export interface Ledger {
  unitCode: string;
  asOf: IsoDate;
  periods: LedgerPeriod[];
  payments: LedgerPayment[];
  totals: LedgerTotals;
  monthsOfDebt: number;
  monthsOfDebtMilli: number;
  debtClass: DebtClass | null;
  ageing: Ageing;
  onTimeShare: Share | null;
  hardToCollect: boolean;
  receivables: Receivable[];
  /** Each principal line in force with what is paid of it at D (C12 sections A and Đ per fund). */
  principal: PrincipalState[];
  charges: ChargeLine[];
  /**
   * Late charges not booked because their reference value (an old-regime k, the daily rate) is not
   * entered (§6 "A k not yet known"): reported as rate-missing; every other figure is as usual.
   */
  rateMissing: RateMissing[];
  /** The distinct reference values those charges need (what an administrator has to enter). */
  missingReference: MissingReference[];
  creditApplications: CreditApplication[];
  assessments: AssessedPeriod[];
  rosterOverlaps: RosterOverlap[];
  underDeclaration: UnderDeclarationFinding | null;
  flags: FlagResult[];
  /**
   * The C12 opening balance in force (§5): periods up to its month are carried in it (their own lines
   * and the payments dated up to its month's last day are superseded), or null.
   */
  opening: { period: Period; closingBalance: number; payable: number | null } | null;
}

function aggregate(parts: readonly AllocationPart[]): LedgerPaymentAllocation[] {
  const m = new Map<string, LedgerPaymentAllocation>();
  for (const p of parts) {
    const k = `${p.kind}|${p.period}|${p.fund}`;
    const e = m.get(k);
    if (e) e.amount += p.amount;
    else m.set(k, { period: p.period, fund: p.fund, kind: p.kind, amount: p.amount });
  }
  return [...m.values()];
}

/**
 * Days late of a period (§9, last paragraph): the largest, over its lines, of (the day the line was fully
 * settled, or D) − that line's own due date, at least 0. A line not yet due at D counts 0, and so does an
 * adjustment paid by its own (later) due date even when the period's regular lines were paid late.
 */
export function daysLateOf(lines: readonly PrincipalState[], asOf: IsoDate): number {
  let days = 0;
  for (const l of lines) {
    const late = daysBetween(l.receivable.dueDate, l.settledOn ?? asOf);
    if (late > days) days = late;
  }
  return days;
}

/**
 * The whole ledger of one employer as of the end of day D (product.md shape): receivables assembled per
 * §5 (roster assessment §3 where the agency ledger is silent), allocation and late charges (§5, §6),
 * arrears measures (§7) and flags (§9). Pure and deterministic: input order does not matter.
 */
export function computeLedger(
  input: LedgerInput,
  asOf: IsoDate,
  policies: Partial<LedgerPolicies>,
  ref: ReferenceData,
): Ledger {
  const { employer } = input;
  const asOfMonth = periodOf(asOf);
  const roster = input.rosterLines ?? [];
  const core = ledgerCore(input, asOf, policies, ref);
  const { assessments, assembled, activePayments, allocation: result } = core;
  const allPayments = core.payments;
  const lines = result.principal;

  // Periods of the reconciliation sheet.
  const declaredBy = new Map<Period, number>();
  for (const d of input.declared ?? []) {
    const total =
      d.total ??
      CONTRIBUTION_FUNDS.reduce((s, f: ContributionFund) => s + (d.amounts?.[f] ?? 0), 0);
    declaredBy.set(d.period, (declaredBy.get(d.period) ?? 0) + total);
  }
  const chargeBy = new Map<Period, number>();
  for (const c of result.charges) chargeBy.set(c.period, (chargeBy.get(c.period) ?? 0) + c.amount);
  const periodSet = new Set<Period>([
    ...lines.map((l) => l.receivable.period),
    ...[...declaredBy.keys()].filter((p) => p <= asOfMonth),
    ...chargeBy.keys(),
  ]);
  const periods: LedgerPeriod[] = [...periodSet].sort().map((period) => {
    const ls = lines.filter((l) => l.receivable.period === period);
    const receivable = ls.reduce((s, l) => s + l.receivable.amount, 0);
    const paid = ls.reduce((s, l) => s + l.paid, 0);
    return {
      period,
      dueDate: dueDate(period, employer.cycle),
      receivable,
      declared: declaredBy.get(period) ?? null,
      paid,
      balance: receivable - paid,
      daysLate: daysLateOf(ls, asOf),
      charge: chargeBy.get(period) ?? 0,
    };
  });

  const resultByPayment = new Map(result.payments.map((r) => [r.payment, r]));
  const payments: LedgerPayment[] = allPayments.map((p) => {
    const r = resultByPayment.get(p);
    return {
      valueDate: p.valueDate,
      bankRef: p.bankRef,
      amount: p.amount,
      superseded: !r,
      allocations: r ? aggregate(r.allocations) : [],
      toCredit: r ? r.toCredit : 0,
    };
  });

  const overdue = overdueOf(lines, asOf);
  const milli = monthsOfDebtMilli(lines, asOf);
  const hardToCollect = isHardToCollect(employer.status);
  const chargesBooked = result.charges.reduce((s, c) => s + c.amount, 0);
  const chargesBookedUnpaid = result.charges.reduce((s, c) => s + c.amount - c.paid, 0);
  const chargesAccrued = lines.reduce((s, l) => s + l.accruedAtAsOf, 0);
  const totals: LedgerTotals = {
    receivable: lines.reduce((s, l) => s + l.receivable.amount, 0),
    paid: activePayments.reduce((s, p) => s + p.amount, 0),
    principalOutstanding: principalOutstanding(lines),
    overduePrincipal: overdue,
    chargesBooked,
    chargesUnpaid: chargesBookedUnpaid + chargesAccrued,
    chargesBookedUnpaid,
    chargesAccrued,
    credit: result.credit,
  };
  const share = onTimeShareOf(lines, asOf);

  // Facts for §9.
  const window = twelvePeriodsTo(asOfMonth);
  const underDeclaration =
    roster.length > 0
      ? underDeclarationOver(window, roster, employer.region, employer.oaRate, asOfMonth, ref)
      : null;
  const periodTotals: PeriodTotals[] = window
    .filter((p) => declaredBy.has(p))
    .map((p) => ({
      period: p,
      receivable: lines
        .filter((l) => l.receivable.period === p && l.receivable.source !== 'opening')
        .reduce((s, l) => s + l.receivable.amount, 0),
      declared: declaredBy.get(p) ?? null,
    }));
  const unpaidPeriods = [
    ...new Set(
      lines
        .filter((l) => l.receivable.dueDate < asOf && l.receivable.amount > l.paid)
        .map((l) => l.receivable.period),
    ),
  ];
  const persons = new Set<string>(); // with a line covering an unpaid period
  if (unpaidPeriods.length)
    for (const l of roster)
      if (unpaidPeriods.some((p) => lineCovers(l, p, asOfMonth))) persons.add(l.siNumber);
  const thresholds: FlagThresholds = { ...DEFAULT_FLAG_THRESHOLDS, ...policies.flagThresholds };
  const flags = evaluateFlags(
    {
      unitCode: employer.unitCode,
      asOf,
      hardToCollect,
      overduePrincipal: overdue,
      monthsOfDebtMilli: milli,
      oldestUnpaidDaysPastDue: oldestUnpaidDaysPastDue(lines, asOf),
      reminderDates: input.reminderDates ?? [],
      sanctionDates: input.sanctionDates ?? [],
      underDeclaration,
      periodTotals,
      unpaidPersons: persons.size,
      onTimeShare: share,
      imminent: imminentFromCore(input, core, policies, ref, thresholds),
    },
    thresholds,
  );

  return {
    unitCode: employer.unitCode,
    asOf,
    periods,
    payments,
    totals,
    monthsOfDebt: milli / 1000,
    monthsOfDebtMilli: milli,
    debtClass: debtClassOf(overdue, milli, hardToCollect),
    ageing: ageingOf(lines, asOf),
    onTimeShare: share,
    hardToCollect,
    receivables: assembled.receivables,
    principal: lines,
    charges: result.charges,
    rateMissing: result.rateMissing,
    missingReference: summarizeMissingReference(result.rateMissing),
    creditApplications: result.creditApplications,
    assessments,
    rosterOverlaps: findRosterOverlaps(roster, asOfMonth),
    underDeclaration,
    flags,
    opening: assembled.opening
      ? {
          period: assembled.opening.period,
          closingBalance: assembled.opening.closingBalance,
          payable: assembled.opening.payable ?? null,
        }
      : null,
  };
}
