import type { AllocationPart, ChargePolicies, PaymentInput } from './allocation.js';
import { monthsOfDebtMilli, type LineStatus } from './arrears.js';
import { lineCovers } from './assessment.js';
import { addDays, addMonths, firstDayOf, periodOf, periodRange, type IsoDate } from './dates.js';
import { dueDate } from './due-dates.js';
import { isHardToCollect } from './employer.js';
import { DomainError } from './errors.js';
import { DEFAULT_FLAG_THRESHOLDS, type FlagThresholds, type ImminentFacts } from './flags.js';
import {
  allocateAt,
  ledgerCore,
  ledgerDefinedPeriods,
  type LedgerCore,
  type LedgerFacts,
} from './ledger-core.js';
import type { ReferenceData } from './reference-data.js';

/** Bank reference of the hypothetical payment on D + 1 (the only payment after D, so never tied). */
const PREVENTING_REF = 'PROLONGED_IMMINENT';

/**
 * §9 PROLONGED_IMMINENT (early warning): months of debt below the prolonged threshold at D but at or
 * above it at D + horizon if nothing more is paid after D — the ledger function computed as of that later
 * date, with the receivables the roster (lines with no to-month continue) and the agency ledger give, and
 * without the payments dated after D. Null when it does not hold (or the employer is hard to collect,
 * whose debt is never classed prolonged, §7). See `imminentFromCore` for the figures.
 */
export function evaluateImminent(
  facts: LedgerFacts,
  asOf: IsoDate,
  policies: Partial<ChargePolicies>,
  ref: ReferenceData,
  thresholds: Partial<FlagThresholds> = {},
): ImminentFacts | null {
  const t: FlagThresholds = { ...DEFAULT_FLAG_THRESHOLDS, ...thresholds };
  return imminentFromCore(facts, ledgerCore(facts, asOf, policies, ref), policies, ref, t);
}

/**
 * `evaluateImminent` from the ledger core already computed at D (what `computeLedger` has at hand).
 *
 * Cost on the normal path: one walk over the lines at D. The horizon ledger is computed only when an
 * upper bound of the months of debt at the horizon reaches the threshold (`horizonBoundMilli`): the same
 * §7 walk as of D + horizon over the unpaid amounts at D, lines that do not exist yet counted fully
 * unpaid. It is a true bound, so no warning is missed: after D nothing is paid but credits on the 1st,
 * which only lower unpaid amounts, and the walk never grows when an unpaid amount falls (a fully unpaid
 * period becoming partly paid counts less and ends the walk). A monthly payer paying each month by its
 * due date bounds at ≈ 1 and is never recomputed; a bound such as "months at D ≥ 1" would miss a
 * quarterly payer whose whole unpaid quarter (3 months at once) falls due inside the horizon.
 */
export function imminentFromCore(
  facts: LedgerFacts,
  atD: LedgerCore,
  policies: Partial<ChargePolicies>,
  ref: ReferenceData,
  t: FlagThresholds,
): ImminentFacts | null {
  const asOf = atD.asOf;
  const limit = t.prolongedMonthsMilli;
  if (t.imminentHorizonDays < 1 || isHardToCollect(facts.employer.status)) return null;
  const now = monthsOfDebtMilli(atD.allocation.principal, asOf);
  if (now >= limit) return null; // already prolonged: PROLONGED_ARREARS
  const horizon = addDays(asOf, t.imminentHorizonDays);
  if (horizonBoundMilli(facts, atD, horizon) < limit) return null;
  try {
    return exactly(facts, atD, horizon, now, policies, ref, limit);
  } catch (e) {
    // An old-regime interest whose k is not entered yet (§6) stops the horizon ledger, not the ledger
    // at D: the warning is then not evaluated.
    if (e instanceof DomainError && e.code === 'REFERENCE_DATA_MISSING') return null;
    throw e;
  }
}

/** Upper bound of the months of debt at the horizon (see `imminentFromCore`), in thousandths. */
export function horizonBoundMilli(facts: LedgerFacts, atD: LedgerCore, horizon: IsoDate): number {
  const lines: LineStatus[] = [...atD.allocation.principal];
  const present = new Set(lines.map((l) => l.receivable.id));
  for (const r of atD.assembled.receivables) {
    if (!r.superseded && !present.has(r.id) && firstDayOf(r.period) <= horizon) {
      lines.push({ receivable: r, paid: 0, paidByDue: 0 });
    }
  }
  // Months the roster will bring after D's month: a fully unpaid period counts 1 whatever its amount.
  const roster = facts.rosterLines ?? [];
  const hMonth = periodOf(horizon);
  const given = new Set((facts.assessed ?? []).map((a) => a.period));
  const defined = ledgerDefinedPeriods(facts.ledgerLines ?? []);
  for (const p of periodRange(addMonths(periodOf(atD.asOf), 1), hMonth)) {
    if (given.has(p) || defined.has(p) || !roster.some((l) => lineCovers(l, p, hMonth))) continue;
    lines.push({
      receivable: {
        id: `bound:${p}`,
        period: p,
        fund: 'SI_RETIRE',
        amount: 1,
        dueDate: dueDate(p, facts.employer.cycle),
        source: 'assessed',
        superseded: false,
      },
      paid: 0,
      paidByDue: 0,
    });
  }
  return monthsOfDebtMilli(lines, horizon);
}

function exactly(
  facts: LedgerFacts,
  atD: LedgerCore,
  horizon: IsoDate,
  now: number,
  policies: Partial<ChargePolicies>,
  ref: ReferenceData,
  limit: number,
): ImminentFacts | null {
  const asOf = atD.asOf;
  const kept = (facts.payments ?? []).filter((p) => p.valueDate <= asOf);
  // The months assessed at D are assessed the same at the horizon; only the later ones are new.
  const atH = ledgerCore(
    { ...facts, payments: kept, assessed: atD.assessed },
    horizon,
    policies,
    ref,
  );
  const atHorizon = monthsOfDebtMilli(atH.allocation.principal, horizon);
  if (atHorizon < limit) return null;

  // The same ledger as of X ≤ horizon: the horizon's receivables (a line is ignored before its period
  // starts, and a roster month is assessed the same whatever the as-of month that reaches it).
  const monthsAt = (x: IsoDate, extra: readonly PaymentInput[] = []) =>
    monthsOfDebtMilli(
      allocateAt(atH.assembled, [...kept, ...extra], x, policies, ref).allocation.principal,
      x,
    );

  // With no payment after D, months of debt change only when a line falls due (due date + 1: its due
  // date is then before the as-of date) or on a 1st (lines start to exist, credits settle principal).
  const changes = new Set<IsoDate>();
  for (const r of atH.assembled.receivables) {
    const d = addDays(r.dueDate, 1);
    if (!r.superseded && d > asOf && d <= horizon) changes.add(d);
  }
  for (const m of periodRange(periodOf(asOf), periodOf(horizon))) {
    const d = firstDayOf(m);
    if (d > asOf && d <= horizon) changes.add(d);
  }
  let prolongedOn = horizon;
  for (const d of [...changes].sort()) {
    if ((d === horizon ? atHorizon : monthsAt(d)) >= limit) {
      prolongedOn = d;
      break;
    }
  }

  return {
    monthsOfDebtMilli: now,
    horizon,
    monthsOfDebtAtHorizonMilli: atHorizon,
    prolongedOn,
    preventingAmount: preventingAmount(atH, asOf, horizon, limit, monthsAt, policies, ref, kept),
  };
}

/**
 * The smallest whole-đồng payment on D + 1 that keeps the months of debt at the horizon below the limit.
 *
 * Exact because the months at the horizon never grow with the amount: whatever the policy, a payment
 * fills a fixed order of items (overdue principal by due date, booked charges, principal not yet due;
 * the charges it meets are booked before it is allocated, from the history up to D alone), its remainder
 * is a credit that settles principal on the following 1sts in due-date order, and the walk reads
 * per-period sums, which only fall as the amount grows (pro-rata splits move money between lines of one
 * period and due date, never between periods). So an amount A that keeps the months below the limit
 * while A − 1 does not is the answer, and both are checked with the ledger function.
 *
 * A is first read off the order in which one large payment is settled (`fromSettlementOrder`: one
 * allocation, then §7 walks only); when that reading does not pass the check (a credit settling
 * principal after D + 1 changes what the payment meets), bisection on the ledger function decides.
 */
function preventingAmount(
  atH: LedgerCore,
  asOf: IsoDate,
  horizon: IsoDate,
  limit: number,
  monthsAt: (x: IsoDate, extra?: readonly PaymentInput[]) => number,
  policies: Partial<ChargePolicies>,
  ref: ReferenceData,
  kept: readonly PaymentInput[],
): number | null {
  const day = addDays(asOf, 1);
  const cut = atH.assembled.paymentsSupersededThrough;
  if (cut !== null && day <= cut) return null;
  const paying = (amount: number): PaymentInput => ({
    valueDate: day,
    amount,
    bankRef: PREVENTING_REF,
  });
  const keeps = (amount: number) => monthsAt(horizon, [paying(amount)]) < limit;
  // Enough to settle every charge met on D + 1 and all principal existing by the horizon.
  const principal = atH.allocation.principal.reduce((s, l) => s + l.receivable.amount - l.paid, 0);
  const charges = atH.allocation.charges.reduce((s, c) => s + c.amount - c.paid, 0);
  const accrued = atH.allocation.principal.reduce((s, l) => s + l.accruedAtAsOf, 0);
  const enough = Math.max(1, principal + charges + accrued);

  const settled = allocateAt(atH.assembled, [...kept, paying(enough)], horizon, policies, ref);
  const order = settled.allocation.payments.find(
    (r) => r.payment.valueDate === day && r.payment.bankRef === PREVENTING_REF,
  );
  const guess = order ? fromSettlementOrder(atH, order.allocations, horizon, limit) : null;
  if (guess !== null && keeps(guess) && (guess === 1 || !keeps(guess - 1))) return guess;

  let lo = 0; // keeps nothing: the months at the horizon reach the limit without a payment
  let hi = enough;
  while (!keeps(hi)) {
    if (hi > Number.MAX_SAFE_INTEGER / 2) return null;
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (keeps(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Reads the answer off the settlement order of a payment large enough for everything: a smaller payment
 * settles a prefix of the same order (whole groups of one period and due date, or charges, then part of
 * the next group). Groups are added to the horizon state without a payment until the walk drops below
 * the limit; within that group the smallest part is found by bisection on the walk alone. Null when the
 * order does not fit that state (credits after D + 1 moved it), and then the caller bisects.
 */
function fromSettlementOrder(
  atH: LedgerCore,
  parts: readonly AllocationPart[],
  horizon: IsoDate,
  limit: number,
): number | null {
  const lines = atH.allocation.principal.map((l) => ({ ...l }));
  const byId = new Map(lines.map((l) => [l.receivable.id, l]));
  const walk = () => monthsOfDebtMilli(lines, horizon);
  let spent = 0;
  let i = 0;
  while (i < parts.length) {
    const head = parts[i]!;
    if (head.kind === 'charge') {
      spent += head.amount;
      i++;
      continue;
    }
    const group: { line: (typeof lines)[number]; amount: number }[] = [];
    const headLine = byId.get(head.lineId);
    if (!headLine) return null;
    while (i < parts.length && parts[i]!.kind === 'principal') {
      const line = byId.get(parts[i]!.lineId);
      if (!line) return null;
      if (line.receivable.period !== head.period) break;
      if (line.receivable.dueDate !== headLine.receivable.dueDate) break;
      if (line.paid + parts[i]!.amount > line.receivable.amount) return null;
      group.push({ line, amount: parts[i]!.amount });
      i++;
    }
    const settle = (x: number) => {
      let left = x;
      for (const g of group) {
        const a = Math.min(left, g.amount);
        g.line.paid += a;
        left -= a;
      }
    };
    const unsettle = (x: number) => {
      let left = x;
      for (const g of group) {
        const a = Math.min(left, g.amount);
        g.line.paid -= a;
        left -= a;
      }
    };
    const total = group.reduce((s, g) => s + g.amount, 0);
    settle(total);
    if (walk() < limit) {
      unsettle(total);
      let lo = 0;
      let hi = total;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        settle(mid);
        const below = walk() < limit;
        unsettle(mid);
        if (below) hi = mid;
        else lo = mid;
      }
      return spent + hi;
    }
    spent += total;
  }
  return null;
}
