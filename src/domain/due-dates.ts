import { addMonths, lastDayOf, parsePeriod, type IsoDate, type Period } from './dates.js';
import type { PaymentCycle } from './employer.js';
import { isNewRegimePeriod } from './regime.js';

/** Last month of the calendar cycle (quarter or half) that `p` belongs to. */
export function cycleEnd(p: Period, cycle: PaymentCycle): Period {
  if (cycle === 'monthly') return p;
  const { m } = parsePeriod(p);
  const len = cycle === 'quarterly' ? 3 : 6;
  return addMonths(p, Math.ceil(m / len) * len - m);
}

/**
 * Due date (hạn nộp) of a period, §4. Up to 2025-06: last day of the (cycle's last) month. From 2025-07:
 * last day of the month after the month (or the cycle). Never moved for weekends or holidays.
 */
export function dueDate(p: Period, cycle: PaymentCycle = 'monthly'): IsoDate {
  const end = cycleEnd(p, cycle);
  return isNewRegimePeriod(p) ? lastDayOf(addMonths(end, 1)) : lastDayOf(end);
}
