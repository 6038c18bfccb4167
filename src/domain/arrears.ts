import { daysBetween, isLastDayOfMonth, parseDate, type IsoDate, type Period } from './dates.js';
import { roundHalfUpDivBig, toSafeNumber } from './money.js';
import type { Receivable } from './receivables.js';

/** What the arrears measures need of a principal line as of D. */
export interface LineStatus {
  receivable: Receivable;
  paid: number;
  paidByDue: number;
}

/** B01-TS ageing buckets (phân tích tuổi nợ). */
export interface Ageing {
  lt1: number;
  m1to3: number;
  m3to6: number;
  m6to12: number;
  ge12: number;
}

/** Debt class (phân loại nợ) API keys: chậm đóng, nợ đọng, kéo dài, khó thu. */
export type DebtClass = 'late' | 'overdue' | 'prolonged' | 'hard-to-collect';

const unpaidOf = (l: LineStatus) => l.receivable.amount - l.paid;

/** Overdue principal (nợ quá hạn): unpaid principal of lines due before D (§7). */
export function overduePrincipal(lines: readonly LineStatus[], asOf: IsoDate): number {
  let s = 0;
  for (const l of lines) if (l.receivable.dueDate < asOf) s += unpaidOf(l);
  return s;
}

/** Unpaid principal of all existing lines, due or not. */
export function principalOutstanding(lines: readonly LineStatus[]): number {
  return lines.reduce((s, l) => s + unpaidOf(l), 0);
}

class Fraction {
  constructor(
    public num: bigint,
    public den: bigint,
  ) {}
  add(n: bigint, d: bigint): void {
    this.num = this.num * d + n * this.den;
    this.den = this.den * d;
    const g = gcd(this.num < 0n ? -this.num : this.num, this.den);
    if (g > 1n) {
      this.num /= g;
      this.den /= g;
    }
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/**
 * Months of debt (tỷ lệ nợ / tyleno), in thousandths, half-up (§7): walk the overdue periods from the
 * newest back, skipping periods without a receivable; a fully unpaid period counts 1 (opening lines
 * count unpaid ÷ p, or tyleno × unpaid ÷ amount); the first partly unpaid period adds
 * unpaid ÷ receivable (opening: as above) and ends the walk; a fully paid period ends it.
 */
export function monthsOfDebtMilli(lines: readonly LineStatus[], asOf: IsoDate): number {
  const byPeriod = new Map<Period, LineStatus[]>();
  for (const l of lines) {
    if (l.receivable.dueDate >= asOf) continue;
    byPeriod.set(l.receivable.period, [...(byPeriod.get(l.receivable.period) ?? []), l]);
  }
  const acc = new Fraction(0n, 1n);
  for (const p of [...byPeriod.keys()].sort().reverse()) {
    const ls = byPeriod.get(p)!;
    const receivable = ls.reduce((s, l) => s + l.receivable.amount, 0);
    if (receivable === 0) continue;
    const unpaid = ls.reduce((s, l) => s + unpaidOf(l), 0);
    if (unpaid === 0) break;
    const regular = ls.filter((l) => l.receivable.source !== 'opening');
    const opening = ls.filter((l) => l.receivable.source === 'opening');
    const full = unpaid === receivable;
    // Regular part: 1 if fully unpaid, else unpaid / receivable of the regular lines.
    const rRec = regular.reduce((s, l) => s + l.receivable.amount, 0);
    const rUnp = regular.reduce((s, l) => s + unpaidOf(l), 0);
    if (rRec > 0) {
      if (full) acc.add(1n, 1n);
      else acc.add(BigInt(rUnp), BigInt(rRec));
    }
    for (const o of opening) {
      const u = unpaidOf(o);
      const basis = o.receivable.openingBasis;
      if (u === 0) continue;
      if (basis?.kind === 'payable') acc.add(BigInt(u), BigInt(basis.payable));
      else {
        const t = BigInt(basis?.kind === 'tyleno' ? basis.tylenoMilli : 1000);
        acc.add(t * BigInt(u), 1000n * BigInt(o.receivable.amount));
      }
    }
    if (!full) break;
  }
  return toSafeNumber(roundHalfUpDivBig(acc.num * 1000n, acc.den), 'monthsOfDebt');
}

/** Months of debt as a number with 3 decimals. */
export function monthsOfDebt(lines: readonly LineStatus[], asOf: IsoDate): number {
  return monthsOfDebtMilli(lines, asOf) / 1000;
}

/**
 * Whole months since a due date (§7): month-ends after the due date's month up to D, counting D's month
 * only if D is its last day.
 */
export function wholeMonthsSince(due: IsoDate, asOf: IsoDate): number {
  const a = parseDate(due);
  const b = parseDate(asOf);
  const n = b.y * 12 + b.m - (a.y * 12 + a.m) - (isLastDayOfMonth(asOf) ? 0 : 1);
  return Math.max(0, n);
}

export function ageing(lines: readonly LineStatus[], asOf: IsoDate): Ageing {
  const out: Ageing = { lt1: 0, m1to3: 0, m3to6: 0, m6to12: 0, ge12: 0 };
  for (const l of lines) {
    if (l.receivable.dueDate >= asOf) continue;
    const u = unpaidOf(l);
    if (u === 0) continue;
    const m = wholeMonthsSince(l.receivable.dueDate, asOf);
    if (m < 1) out.lt1 += u;
    else if (m < 3) out.m1to3 += u;
    else if (m < 6) out.m3to6 += u;
    else if (m < 12) out.m6to12 += u;
    else out.ge12 += u;
  }
  return out;
}

/** Debt class (§7): none without overdue principal; hard to collect by status; else by months. */
export function debtClass(
  overdue: number,
  monthsMilli: number,
  hardToCollect: boolean,
): DebtClass | null {
  if (overdue <= 0) return null;
  if (hardToCollect) return 'hard-to-collect';
  if (monthsMilli < 1000) return 'late';
  if (monthsMilli < 3000) return 'overdue';
  return 'prolonged';
}

/** Days the oldest unpaid overdue principal line is past due at D, or null. */
export function oldestUnpaidDaysPastDue(
  lines: readonly LineStatus[],
  asOf: IsoDate,
): number | null {
  let oldest: IsoDate | null = null;
  for (const l of lines) {
    if (
      unpaidOf(l) > 0 &&
      l.receivable.dueDate < asOf &&
      (oldest === null || l.receivable.dueDate < oldest)
    ) {
      oldest = l.receivable.dueDate;
    }
  }
  return oldest === null ? null : daysBetween(oldest, asOf);
}

export interface Share {
  numerator: number;
  denominator: number;
  /** Percent, half-up to 2 decimals; null when the denominator is 0. */
  percent: number | null;
}

/** numerator ÷ denominator as a percent rounded half-up to 2 decimals. */
export function percentOf(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Number(roundHalfUpDivBig(BigInt(numerator) * 10_000n, BigInt(denominator))) / 100;
}

/**
 * On-time share (§7): over the 12 latest periods with a receivable due before D, principal settled on
 * or before each line's due date ÷ those periods' receivable. Null when there is no such period.
 */
export function onTimeShare(lines: readonly LineStatus[], asOf: IsoDate): Share | null {
  const due = lines.filter((l) => l.receivable.dueDate < asOf && l.receivable.amount > 0);
  const periods = [...new Set(due.map((l) => l.receivable.period))].sort().reverse().slice(0, 12);
  if (periods.length === 0) return null;
  const set = new Set(periods);
  let num = 0;
  let den = 0;
  for (const l of due) {
    if (!set.has(l.receivable.period)) continue;
    num += Math.min(l.paidByDue, l.receivable.amount);
    den += l.receivable.amount;
  }
  return { numerator: num, denominator: den, percent: percentOf(num, den) };
}
