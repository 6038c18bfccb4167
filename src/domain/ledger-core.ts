import {
  allocate,
  comparePayments,
  type AllocationResult,
  type ChargePolicies,
  type PaymentInput,
} from './allocation.js';
import {
  assessPeriod,
  indexRoster,
  type AssessedPeriod,
  type RosterIndex,
  type RosterLine,
} from './assessment.js';
import { periodOf, periodRange, type IsoDate, type Period } from './dates.js';
import type { EmployerStatus, OaRate, PaymentCycle, Region } from './employer.js';
import {
  assembleReceivables,
  type AssembledReceivables,
  type AssessedInput,
  type LedgerLineInput,
  type OpeningBalanceInput,
} from './receivables.js';
import type { ReferenceData } from './reference-data.js';

/** The employer attributes that drive the rules (§1). */
export interface EmployerProfile {
  unitCode: string;
  cycle: PaymentCycle;
  status: EmployerStatus;
  oaRate: OaRate;
  region: Region;
}

/** What an employer's receivables and their settlement are computed from (§3, §5). */
export interface LedgerFacts {
  employer: EmployerProfile;
  ledgerLines?: readonly LedgerLineInput[];
  rosterLines?: readonly RosterLine[];
  /** Pre-assessed amounts (e.g. stored); a period here is not re-assessed from the roster. */
  assessed?: readonly AssessedInput[];
  /** Matched payments of this employer. */
  payments?: readonly PaymentInput[];
  openingBalances?: readonly OpeningBalanceInput[];
}

/** The receivables and their allocation as of the end of day X: what every ledger figure is read from. */
export interface LedgerCore {
  asOf: IsoDate;
  /** Periods assessed here from the roster (neither given pre-assessed nor defined by the agency ledger). */
  assessments: AssessedPeriod[];
  /** Every assessed amount used: the given ones, then the roster's. */
  assessed: AssessedInput[];
  assembled: AssembledReceivables;
  /** Payments dated ≤ X in allocation order, superseded ones included. */
  payments: PaymentInput[];
  /** Those an opening balance does not supersede. */
  activePayments: PaymentInput[];
  allocation: AllocationResult;
}

/** Periods the roster covers up to `asOfMonth` (a line with no to-month runs to it, §3). */
export function rosterPeriods(roster: readonly RosterLine[], asOfMonth: Period): Set<Period> {
  const out = new Set<Period>();
  const spans = new Set<string>(); // most lines share their months with others: each span once
  for (const l of roster) {
    const to = l.toMonth ?? asOfMonth;
    const end = to < asOfMonth ? to : asOfMonth;
    const span = `${l.fromMonth}/${end}`;
    if (l.fromMonth > end || spans.has(span)) continue;
    spans.add(span);
    for (const p of periodRange(l.fromMonth, end)) out.add(p);
  }
  return out;
}

/** Periods the agency ledger defines with a regular (reason-less) line (§5 precedence). */
export function ledgerDefinedPeriods(lines: readonly LedgerLineInput[]): Set<Period> {
  return new Set(lines.filter((l) => !l.reason).map((l) => l.period));
}

/**
 * Allocation as of X of already assembled receivables (§5, §6): payments dated after X are ignored and
 * those an opening balance supersedes are kept aside, never allocated.
 */
export function allocateAt(
  assembled: AssembledReceivables,
  payments: readonly PaymentInput[],
  asOf: IsoDate,
  policies: Partial<ChargePolicies>,
  ref: ReferenceData,
): Pick<LedgerCore, 'payments' | 'activePayments' | 'allocation'> {
  const cut = assembled.paymentsSupersededThrough;
  const upToX = payments.filter((p) => p.valueDate <= asOf).sort(comparePayments);
  const activePayments = upToX.filter((p) => cut === null || p.valueDate > cut);
  const allocation = allocate(
    {
      receivables: assembled.receivables,
      payments: activePayments,
      openingCredit: assembled.openingCredit,
      asOf,
      policies,
    },
    ref,
  );
  return { payments: upToX, activePayments, allocation };
}

/**
 * The ledger function's core as of the end of day X: §3 assessment of the periods the roster covers up
 * to X's month (unless given pre-assessed or defined by the agency ledger), §5 assembly, §5–§6
 * allocation of the payments dated ≤ X. Every ledger figure, at D or at a later date, comes from here.
 */
export function ledgerCore(
  facts: LedgerFacts,
  asOf: IsoDate,
  policies: Partial<ChargePolicies>,
  ref: ReferenceData,
): LedgerCore {
  const { employer } = facts;
  const asOfMonth = periodOf(asOf);
  const roster = facts.rosterLines ?? [];
  const ledgerLines = facts.ledgerLines ?? [];

  const given = new Map((facts.assessed ?? []).map((a) => [a.period, a]));
  const defined = ledgerDefinedPeriods(ledgerLines);
  const assessments: AssessedPeriod[] = [];
  let index: RosterIndex | undefined;
  for (const period of [...rosterPeriods(roster, asOfMonth)].sort()) {
    if (given.has(period) || defined.has(period)) continue;
    index ??= indexRoster(roster);
    assessments.push(
      assessPeriod(
        {
          period,
          region: employer.region,
          oaRate: employer.oaRate,
          lines: roster,
          asOfMonth,
          index,
        },
        ref,
      ),
    );
  }
  const assessed: AssessedInput[] = [
    ...given.values(),
    ...assessments.map((a) => ({ period: a.period, amounts: a.amounts })),
  ];
  const assembled = assembleReceivables({
    cycle: employer.cycle,
    ledgerLines,
    assessed,
    openingBalances: facts.openingBalances ?? [],
  });
  return {
    asOf,
    assessments,
    assessed,
    assembled,
    ...allocateAt(assembled, facts.payments ?? [], asOf, policies, ref),
  };
}
