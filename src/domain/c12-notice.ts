import { addMonths, lastDayOf, periodOf, type IsoDate, type Period } from './dates.js';
import type { ChargeTag, FundKey } from './funds.js';
import type { Ledger } from './ledger.js';

/**
 * The fund columns of a C12-TS notice (§11), in the form's order: SI sickness and maternity (ốm đau,
 * thai sản), SI retirement and survivorship (hưu trí, tử tuất), HI (BHYT), UI (BHTN), OA (TNLĐ-BNN),
 * then OPENING (an opening balance taken from a C12 summary, which carries no fund split, §5).
 */
export const NOTICE_FUNDS = ['SI_SICK', 'SI_RETIRE', 'HI', 'UI', 'SI_OA', 'OPENING'] as const;
export type NoticeFund = (typeof NOTICE_FUNDS)[number];

/** One line of the notice across the fund columns, with its total. */
export type FundRow = Record<NoticeFund, number> & { total: number };

/**
 * The column a late charge is shown in. Charges are booked per tag (§6), not per fund: SI charges are
 * shown in the retirement column (the SI fund VSS credits late-payment interest to), UI and HI in their own.
 */
export function chargeColumn(tag: ChargeTag): NoticeFund {
  return tag === 'SI' ? 'SI_RETIRE' : tag;
}

export function zeroRow(): FundRow {
  return { SI_SICK: 0, SI_RETIRE: 0, HI: 0, UI: 0, SI_OA: 0, OPENING: 0, total: 0 };
}

function add(row: FundRow, fund: NoticeFund, amount: number): void {
  row[fund] += amount;
  row.total += amount;
}

function principalColumn(fund: FundKey | ChargeTag): NoticeFund {
  return fund as NoticeFund;
}

export interface NoticeCharge {
  tag: ChargeTag;
  regime: 'monthly-interest' | 'daily';
  bookedOn: IsoDate;
  causingPeriod: Period;
  /** đồng (old regime P_i − S_i) or đồng·days (daily regime). */
  base: number;
  rate: number;
  amount: number;
}

export interface NoticePayment {
  valueDate: IsoDate;
  bankRef: string;
  amount: number;
  /** D.1 / D.2 of this payment. */
  contributions: FundRow;
  charges: FundRow;
  toCredit: number;
}

/** A balance at the end of a day: A (opening) and Đ (closing). */
export interface NoticeBalance {
  asOf: IsoDate;
  /** A.2.1 / Đ: credit held (thừa), per employer, not per fund. */
  credit: number;
  /** A.2.2 / Đ: unpaid principal that exists (thiếu), due or not, as a C12 shows it. */
  owed: FundRow;
  /** A.3 / Đ: booked late charges still unpaid. */
  chargesUnpaid: FundRow;
}

/** One employer's C12-TS notice for a month (§11), every figure taken from its ledger. */
export interface C12Notice {
  unitCode: string;
  period: Period;
  opening: NoticeBalance;
  /** B.3: the period's receivable (agency ledger or assessed; an opening line of the period too). */
  payable: FundRow;
  /** B.4: adjustments (ledger lines with a reason) of the period. */
  adjustments: FundRow;
  /** B.5: late charges booked in the month, each with its base and rate. */
  charges: NoticeCharge[];
  chargesBooked: FundRow;
  /** C: payments of the month, one line per bank order (superseded ones left out). */
  payments: NoticePayment[];
  paymentsTotal: number;
  /** D.1: principal settled in the month by payments; and by credit applied on the 1st. */
  contributions: FundRow;
  contributionsFromCredit: FundRow;
  /** D.2: charges settled in the month. */
  chargesPaid: FundRow;
  /** Part of the month's payments left as credit. */
  toCredit: number;
  closing: NoticeBalance;
}

/** The day a month's notice is struck (its last day) and the day its opening is read (the month before's last day). */
export function noticeDays(period: Period): { opening: IsoDate; closing: IsoDate } {
  return { opening: lastDayOf(addMonths(period, -1)), closing: lastDayOf(period) };
}

function balanceOf(ledger: Ledger): NoticeBalance {
  const owed = zeroRow();
  for (const l of ledger.principal) {
    const unpaid = l.receivable.amount - l.paid;
    if (unpaid !== 0) add(owed, principalColumn(l.receivable.fund), unpaid);
  }
  const chargesUnpaid = zeroRow();
  for (const c of ledger.charges) {
    if (c.amount > c.paid) add(chargesUnpaid, chargeColumn(c.tag), c.amount - c.paid);
  }
  return { asOf: ledger.asOf, credit: ledger.totals.credit, owed, chargesUnpaid };
}

/**
 * Builds month P's notice from the ledger as of the last day of P−1 (section A) and as of the last day
 * of P (sections B–Đ). Pure: both ledgers are computed from the same stored inputs, so
 * Đ = A + B − D holds per fund column for principal and charges.
 */
export function buildC12Notice(period: Period, opening: Ledger, closing: Ledger): C12Notice {
  const days = noticeDays(period);
  if (opening.asOf !== days.opening || closing.asOf !== days.closing) {
    throw new Error(`notice ${period} needs ledgers as of ${days.opening} and ${days.closing}`);
  }
  const payable = zeroRow();
  const adjustments = zeroRow();
  for (const l of closing.principal) {
    const r = l.receivable;
    if (r.period !== period) continue;
    add(r.source === 'adjustment' ? adjustments : payable, principalColumn(r.fund), r.amount);
  }
  const charges: NoticeCharge[] = [];
  const chargesBooked = zeroRow();
  for (const c of closing.charges) {
    if (c.period !== period) continue;
    charges.push({
      tag: c.tag,
      regime: c.regime,
      bookedOn: c.bookedOn,
      causingPeriod: c.causingPeriod,
      base: c.base,
      rate: c.rate,
      amount: c.amount,
    });
    add(chargesBooked, chargeColumn(c.tag), c.amount);
  }
  const contributions = zeroRow();
  const chargesPaid = zeroRow();
  const payments: NoticePayment[] = [];
  let toCredit = 0;
  for (const p of closing.payments) {
    if (p.superseded || periodOf(p.valueDate) !== period) continue;
    const pc = zeroRow();
    const pd = zeroRow();
    for (const a of p.allocations) {
      if (a.kind === 'principal') add(pc, principalColumn(a.fund as FundKey), a.amount);
      else add(pd, chargeColumn(a.fund as ChargeTag), a.amount);
    }
    for (const f of NOTICE_FUNDS) {
      add(contributions, f, pc[f]);
      add(chargesPaid, f, pd[f]);
    }
    toCredit += p.toCredit;
    payments.push({
      valueDate: p.valueDate,
      bankRef: p.bankRef,
      amount: p.amount,
      contributions: pc,
      charges: pd,
      toCredit: p.toCredit,
    });
  }
  const contributionsFromCredit = zeroRow();
  for (const c of closing.creditApplications) {
    if (periodOf(c.date) !== period) continue;
    for (const a of c.allocations) add(contributionsFromCredit, principalColumn(a.fund), a.amount);
  }
  return {
    unitCode: closing.unitCode,
    period,
    opening: balanceOf(opening),
    payable,
    adjustments,
    charges,
    chargesBooked,
    payments,
    paymentsTotal: payments.reduce((s, p) => s + p.amount, 0),
    contributions,
    contributionsFromCredit,
    chargesPaid,
    toCredit,
    closing: balanceOf(closing),
  };
}
