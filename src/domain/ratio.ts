import { lastDayOf, makePeriod, minDate, periodOf, type IsoDate } from './dates.js';
import { percentOf, type Share } from './arrears.js';
import type { Receivable } from './receivables.js';

/** D clamped to 31 December of Y (§7). */
export function clampAsOfToYear(year: number, asOf: IsoDate): IsoDate {
  return minDate(asOf, lastDayOf(makePeriod(year, 12)));
}

/**
 * Y's year-to-date receivable (§7): principal of Y's periods up to D's month, due or not — assessed or
 * ledger lines including adjustments; never charges or opening balances. Superseded lines still count:
 * an opening balance replaces them for settlement, not as the year's receivable.
 */
export function yearToDateReceivable(
  receivables: readonly Receivable[],
  year: number,
  asOf: IsoDate,
): number {
  const d = clampAsOfToYear(year, asOf);
  const from = makePeriod(year, 1);
  const to = periodOf(d);
  let s = 0;
  for (const r of receivables) {
    if (r.source === 'opening') continue;
    if (r.period >= from && r.period <= to) s += r.amount;
  }
  return s;
}

/** One employer's contribution to a ratio: overdue principal at the clamped D and Y's YTD receivable. */
export interface RatioItem {
  overduePrincipal: number;
  ytdReceivable: number;
  hardToCollect: boolean;
}

/** Late-payment ratio (tỷ lệ chậm đóng), both variants (§7). */
export interface LateRatio {
  all: Share;
  withoutHardToCollect: Share;
}

export function lateRatio(items: readonly RatioItem[]): LateRatio {
  let n = 0;
  let d = 0;
  let n2 = 0;
  let d2 = 0;
  for (const it of items) {
    n += it.overduePrincipal;
    d += it.ytdReceivable;
    if (!it.hardToCollect) {
      n2 += it.overduePrincipal;
      d2 += it.ytdReceivable;
    }
  }
  return {
    all: { numerator: n, denominator: d, percent: percentOf(n, d) },
    withoutHardToCollect: { numerator: n2, denominator: d2, percent: percentOf(n2, d2) },
  };
}
