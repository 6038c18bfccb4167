import {
  addDays,
  addMonths,
  firstDayOf,
  lastDayOf,
  maxDate,
  periodOf,
  periodRange,
  toDayNumber,
  yearOf,
  type IsoDate,
  type Period,
} from './dates.js';
import { DomainError } from './errors.js';
import { chargeTagOf, chargeTagOrder, fundOrder, type ChargeTag, type FundKey } from './funds.js';
import { assertSafeMoney, roundHalfUpDiv, splitLargestRemainder } from './money.js';
import type { OpeningCredit, Receivable } from './receivables.js';
import { K_SCALE, kKeyOf, type OldRegimeKKey, type ReferenceData } from './reference-data.js';
import { NEW_LAW_FROM } from './regime.js';

/** Order in which a payment settles what is owed (§5). Default `overdue-first`. */
export type AllocationPolicy = 'overdue-first' | 'principal-fifo' | 'charges-first';

export interface ChargePolicies {
  allocation: AllocationPolicy;
  /** Whether HI principal bears the new-regime daily charge (default false). */
  hiChargeable: boolean;
}

export const DEFAULT_CHARGE_POLICIES: ChargePolicies = {
  allocation: 'overdue-first',
  hiChargeable: false,
};

/** Money received for an employer (khoản nộp / giấy nộp tiền), already matched (§8). */
export interface PaymentInput {
  valueDate: IsoDate;
  amount: number;
  bankRef: string;
  memo?: string | null;
}

export type AllocationKind = 'principal' | 'charge';

/** One part of a payment or credit settling one line (C12 D.1 contributions / D.2 charges). */
export interface AllocationPart {
  period: Period;
  fund: FundKey | ChargeTag;
  kind: AllocationKind;
  amount: number;
  /** The receivable or charge line settled. */
  lineId: string;
}

/** A booked late charge (lãi / tiền chậm đóng): a receivable of its own, due at once, never charged. */
export interface ChargeLine {
  id: string;
  /** The booking month. */
  period: Period;
  tag: ChargeTag;
  amount: number;
  paid: number;
  bookedOn: IsoDate;
  /** The period whose lateness caused it (old regime: the month charged, i−1). */
  causingPeriod: Period;
  causingFund: FundKey | null;
  regime: 'monthly-interest' | 'daily';
  /**
   * What the charge was computed on (C12 B.5): the old regime's P_i − S_i in đồng, or the daily
   * regime's Σ unpaid × days in đồng·days. `amount` = round_half_up(base × rate).
   */
  base: number;
  /** The rate applied, as a fraction (k per month, or the daily rate), for display only. */
  rate: number;
}

/**
 * A late charge that was not booked because the reference value it needs is not entered (§6 "A k not
 * yet known"; the daily rate likewise). Everything else is computed as if the charge were zero;
 * entering the value and recomputing books it.
 */
export type RateMissing =
  | {
      kind: 'old-regime-k';
      /** The 1st of month i on which the interest would have been booked. */
      on: IsoDate;
      /** The k year (the year of `on`). */
      year: number;
      tag: ChargeTag;
      /** The k key needed: k_SI for the SI and UI tags, k_HI for HI. */
      key: OldRegimeKKey;
      /** P_i − S_i of the tag in đồng. */
      base: number;
      /** Month charged, i − 1. */
      causingPeriod: Period;
    }
  | {
      kind: 'daily-charge-rate';
      /** The payment's value date (booking) or D (the accrual as of D, reporting only). */
      on: IsoDate;
      /** `booking`: a charge of a payment event not booked; `as-of`: the accrual through D − 1 not reported. */
      stage: 'booking' | 'as-of';
      tag: ChargeTag;
      causingPeriod: Period;
      causingFund: FundKey;
      /** Σ unpaid × days of the line over the days concerned (đồng·days): the base of the charge. */
      dongDays: number;
    };

/** One reference value to enter, deduplicated over the rate-missing charges. */
export type MissingReference =
  | { kind: 'old-regime-k'; key: OldRegimeKKey; year: number }
  | { kind: 'daily-charge-rate'; key: 'rate'; date: IsoDate };

/** The distinct reference values the rate-missing charges need, sorted by kind, key, year / date. */
export function summarizeMissingReference(missing: readonly RateMissing[]): MissingReference[] {
  const m = new Map<string, MissingReference>();
  for (const r of missing) {
    const e: MissingReference =
      r.kind === 'old-regime-k'
        ? { kind: r.kind, key: r.key, year: r.year }
        : { kind: r.kind, key: 'rate', date: r.on };
    const id =
      e.kind === 'old-regime-k'
        ? `${e.kind}|${e.key}|${String(e.year).padStart(4, '0')}`
        : `${e.kind}|${e.key}|${e.date}`;
    m.set(id, e);
  }
  return [...m.entries()].sort(([a], [b]) => cmpStr(a, b)).map(([, e]) => e);
}

export interface PrincipalState {
  receivable: Receivable;
  paid: number;
  /** Paid on or before the due date (on-time share, §7). */
  paidByDue: number;
  /** Day the line became fully paid, or null. */
  settledOn: IsoDate | null;
  /** Charge accrued since the last event through D − 1, rounded at D (reporting only). */
  accruedAtAsOf: number;
}

export interface PaymentResult {
  payment: PaymentInput;
  allocations: AllocationPart[];
  /** Part of the payment left as credit (thừa). */
  toCredit: number;
}

export interface CreditApplication {
  date: IsoDate;
  allocations: AllocationPart[];
}

export interface AllocationResult {
  asOf: IsoDate;
  principal: PrincipalState[];
  charges: ChargeLine[];
  payments: PaymentResult[];
  creditApplications: CreditApplication[];
  /** Credit held at the end of D. */
  credit: number;
  /** Opening credit that became available (included in `credit` flows). */
  openingCreditApplied: number;
  /** Charges not booked (or accruals not reported) for want of a reference value, in event order. */
  rateMissing: RateMissing[];
}

export interface AllocationInput {
  /** Non-superseded receivables; lines whose period starts after D are ignored. */
  receivables: readonly Receivable[];
  /** Matched, non-superseded payments; those dated after D are ignored. */
  payments: readonly PaymentInput[];
  openingCredit?: OpeningCredit | null;
  asOf: IsoDate;
  policies?: Partial<ChargePolicies>;
}

interface LineState {
  r: Receivable;
  /** The 1st of the line's period: the line exists from then on. */
  start: IsoDate;
  paid: number;
  paidByDue: number;
  settledOn: IsoDate | null;
  chargeable: boolean;
  /** Day numbers (days since 1970-01-01), computed once per line: accrual runs from `chargeFrom`. */
  chargeFrom: number | null;
  segStart: number | null;
  /** Σ unpaid × days since the last payment event (unrounded). */
  pending: bigint;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePayments(a: PaymentInput, b: PaymentInput): number {
  return (
    cmpStr(a.valueDate, b.valueDate) ||
    cmpStr(a.bankRef, b.bankRef) ||
    a.amount - b.amount ||
    cmpStr(a.memo ?? '', b.memo ?? '')
  );
}

/**
 * Replays one employer's history day by day up to the end of `asOf` (§5, §6): on each 1st the old-regime
 * interest (through 2025-07-01), then the credit; then the day's payments in bank-reference order, each an
 * allocation event that first books the daily charges accrued since the previous event. Pure and
 * deterministic: the result does not depend on the order of the input rows.
 */
export function allocate(input: AllocationInput, ref: ReferenceData): AllocationResult {
  const policies: ChargePolicies = { ...DEFAULT_CHARGE_POLICIES, ...input.policies };
  const asOf = input.asOf;
  // The regime switch is the legal date; the daily rate itself is reference data read per booking.
  const dailyFrom = NEW_LAW_FROM;

  const receivables = input.receivables
    .filter((r) => !r.superseded && firstDayOf(r.period) <= asOf)
    .slice()
    .sort(
      (a, b) =>
        cmpStr(a.dueDate, b.dueDate) ||
        cmpStr(a.period, b.period) ||
        fundOrder(a.fund) - fundOrder(b.fund) ||
        cmpStr(a.id, b.id),
    );
  const lines: LineState[] = receivables.map((r) => {
    assertSafeMoney(r.amount);
    const chargeable = r.fund !== 'HI' || policies.hiChargeable;
    const start = firstDayOf(r.period);
    return {
      r,
      start,
      paid: 0,
      paidByDue: 0,
      settledOn: r.amount === 0 ? start : null,
      chargeable,
      chargeFrom: chargeable ? toDayNumber(maxDate(addDays(r.dueDate, 1), dailyFrom)) : null,
      segStart: null,
      pending: 0n,
    };
  });
  const payments = input.payments
    .filter((p) => p.valueDate <= asOf)
    .slice()
    .sort(comparePayments);
  for (const p of payments) {
    assertSafeMoney(p.amount);
    if (p.amount < 0) throw new DomainError('NEGATIVE_AMOUNT', 'negative payment', { ...p });
  }
  const openingCredit =
    input.openingCredit && input.openingCredit.availableFrom <= asOf ? input.openingCredit : null;

  const charges: ChargeLine[] = [];
  const rateMissing: RateMissing[] = [];
  const paymentResults: PaymentResult[] = [];
  const creditApplications: CreditApplication[] = [];
  let credit = 0;

  const unpaid = (l: LineState) => l.r.amount - l.paid;

  /**
   * Closes the line's accrual segment at X (days through X − 1 at the current unpaid amount); `xn` is
   * X's day number.
   */
  const touch = (l: LineState, xn: number) => {
    if (l.chargeable && l.chargeFrom !== null) {
      const start = l.segStart === null ? l.chargeFrom : Math.max(l.segStart, l.chargeFrom);
      const days = xn - start;
      if (days > 0) l.pending += BigInt(unpaid(l)) * BigInt(days);
    }
    l.segStart = l.segStart === null || xn > l.segStart ? xn : l.segStart;
  };

  const pay = (l: LineState, amount: number, x: IsoDate, xn: number, out: AllocationPart[]) => {
    if (amount <= 0) return;
    touch(l, xn);
    l.paid += amount;
    if (x <= l.r.dueDate) l.paidByDue += amount;
    if (unpaid(l) === 0) l.settledOn = x;
    out.push({ period: l.r.period, fund: l.r.fund, kind: 'principal', amount, lineId: l.r.id });
  };

  /** Settles principal lines in due-date order; lines of one period and due date pro-rata (§5). */
  const settlePrincipal = (
    amount: number,
    eligible: LineState[],
    x: IsoDate,
    out: AllocationPart[],
  ): number => {
    let left = amount;
    let i = 0;
    const xn = left > 0 && eligible.length > 0 ? toDayNumber(x) : 0;
    while (i < eligible.length && left > 0) {
      const head = eligible[i]!;
      const group: LineState[] = [];
      while (
        i < eligible.length &&
        eligible[i]!.r.period === head.r.period &&
        eligible[i]!.r.dueDate === head.r.dueDate
      ) {
        group.push(eligible[i]!);
        i++;
      }
      const open = group.filter((l) => unpaid(l) > 0);
      const total = open.reduce((s, l) => s + unpaid(l), 0);
      if (total === 0) continue;
      if (left >= total) {
        for (const l of open) pay(l, unpaid(l), x, xn, out);
        left -= total;
      } else {
        const parts = splitLargestRemainder(left, open.map(unpaid));
        open.forEach((l, k) => pay(l, parts[k]!, x, xn, out));
        left = 0;
      }
    }
    return left;
  };

  const existing = (x: IsoDate) => lines.filter((l) => l.start <= x && unpaid(l) > 0);

  const settleCharges = (amount: number, out: AllocationPart[]): number => {
    let left = amount;
    const open = charges
      .filter((c) => c.amount > c.paid)
      .sort(
        (a, b) =>
          cmpStr(a.bookedOn, b.bookedOn) ||
          cmpStr(a.causingPeriod, b.causingPeriod) ||
          chargeOrder(a) - chargeOrder(b) ||
          cmpStr(a.id, b.id),
      );
    for (const c of open) {
      if (left === 0) break;
      const x = Math.min(left, c.amount - c.paid);
      c.paid += x;
      left -= x;
      out.push({ period: c.period, fund: c.tag, kind: 'charge', amount: x, lineId: c.id });
    }
    return left;
  };

  const oldRegimeInterest = (x: IsoDate) => {
    const i = periodOf(x);
    const threshold = lastDayOf(addMonths(i, -2));
    const base: Record<ChargeTag, bigint> = { SI: 0n, UI: 0n, HI: 0n };
    for (const l of lines) {
      if (l.r.dueDate <= threshold) base[chargeTagOf(l.r.fund)] += BigInt(unpaid(l));
    }
    const year = yearOf(x);
    for (const tag of ['SI', 'UI', 'HI'] as const) {
      if (base[tag] === 0n) continue;
      const key = kKeyOf(tag);
      const k = ref.oldRegimeK(year, key);
      if (k === null) {
        rateMissing.push({
          kind: 'old-regime-k',
          on: x,
          year,
          tag,
          key,
          base: Number(base[tag]),
          causingPeriod: addMonths(i, -1),
        });
        continue;
      }
      const amount = roundHalfUpDiv(base[tag] * BigInt(k), BigInt(K_SCALE));
      if (amount > 0) {
        charges.push({
          id: `interest:${i}:${tag}`,
          period: i,
          tag,
          amount,
          paid: 0,
          bookedOn: x,
          causingPeriod: addMonths(i, -1),
          causingFund: null,
          regime: 'monthly-interest',
          base: Number(base[tag]),
          rate: k / K_SCALE,
        });
      }
    }
  };

  const missingDaily = (l: LineState, on: IsoDate, stage: 'booking' | 'as-of', dongDays: bigint) =>
    rateMissing.push({
      kind: 'daily-charge-rate',
      on,
      stage,
      tag: chargeTagOf(l.r.fund),
      causingPeriod: l.r.period,
      causingFund: l.r.fund,
      dongDays: Number(dongDays),
    });

  const paymentEvent = (p: PaymentInput, seq: number) => {
    const v = p.valueDate;
    const bp = ref.dailyChargeBpOn(v);
    const vn = toDayNumber(v);
    for (const l of lines) {
      touch(l, vn);
      if (l.pending > 0n) {
        if (bp === null) missingDaily(l, v, 'booking', l.pending);
        const pending = l.pending;
        const amount = bp === null ? 0 : roundHalfUpDiv(pending * BigInt(bp), 10_000n);
        l.pending = 0n;
        if (amount > 0) {
          charges.push({
            id: `charge:${v}:${seq}:${l.r.id}`,
            period: periodOf(v),
            tag: chargeTagOf(l.r.fund),
            amount,
            paid: 0,
            bookedOn: v,
            causingPeriod: l.r.period,
            causingFund: l.r.fund,
            regime: 'daily',
            base: Number(pending),
            rate: (bp ?? 0) / 10_000,
          });
        }
      }
    }
    const out: AllocationPart[] = [];
    let left = p.amount;
    const ex = existing(v);
    if (policies.allocation === 'overdue-first') {
      left = settlePrincipal(
        left,
        ex.filter((l) => l.r.dueDate < v),
        v,
        out,
      );
      left = settleCharges(left, out);
      left = settlePrincipal(left, existing(v), v, out);
    } else if (policies.allocation === 'principal-fifo') {
      left = settlePrincipal(left, ex, v, out);
      left = settleCharges(left, out);
    } else {
      left = settleCharges(left, out);
      left = settlePrincipal(left, ex, v, out);
    }
    credit += left;
    paymentResults.push({ payment: p, allocations: out, toCredit: left });
  };

  // Build the calendar of days on which something happens.
  const months = new Set<Period>();
  const firstMonth = [
    ...lines.map((l) => l.r.period),
    ...payments.map((p) => periodOf(p.valueDate)),
    ...(openingCredit ? [periodOf(openingCredit.availableFrom)] : []),
  ].sort()[0];
  if (firstMonth) for (const m of periodRange(firstMonth, periodOf(asOf))) months.add(m);
  const days = new Set<IsoDate>([...months].map(firstDayOf).filter((d) => d <= asOf));
  for (const p of payments) days.add(p.valueDate);
  const byDay = new Map<IsoDate, PaymentInput[]>();
  for (const p of payments) byDay.set(p.valueDate, [...(byDay.get(p.valueDate) ?? []), p]);

  let seq = 0;
  let openingCreditApplied = 0;
  for (const x of [...days].sort()) {
    if (x.endsWith('-01')) {
      if (x <= dailyFrom) oldRegimeInterest(x);
      if (openingCredit && openingCredit.availableFrom === x) {
        credit += openingCredit.amount;
        openingCreditApplied = openingCredit.amount;
      }
      if (credit > 0) {
        const out: AllocationPart[] = [];
        credit = settlePrincipal(credit, existing(x), x, out);
        if (out.length > 0) creditApplications.push({ date: x, allocations: out });
      }
    }
    for (const p of byDay.get(x) ?? []) paymentEvent(p, seq++);
  }

  const bpAtAsOf = ref.dailyChargeBpOn(asOf);
  const asOfN = toDayNumber(asOf);
  const principal: PrincipalState[] = lines.map((l) => {
    const probe = { ...l };
    touch(probe, asOfN);
    if (bpAtAsOf === null && probe.pending > 0n) missingDaily(l, asOf, 'as-of', probe.pending);
    return {
      receivable: l.r,
      paid: l.paid,
      paidByDue: l.paidByDue,
      settledOn: l.settledOn,
      accruedAtAsOf:
        bpAtAsOf === null ? 0 : roundHalfUpDiv(probe.pending * BigInt(bpAtAsOf), 10_000n),
    };
  });
  return {
    asOf,
    principal,
    charges,
    payments: paymentResults,
    creditApplications,
    credit,
    openingCreditApplied,
    rateMissing,
  };
}

function chargeOrder(c: ChargeLine): number {
  return c.causingFund
    ? fundOrder(c.causingFund)
    : chargeTagOrder(c.tag) === 0
      ? 0
      : c.tag === 'HI'
        ? 3
        : 4;
}
