import type { IsoDate, Period } from './dates.js';

/**
 * The day Law 41/2024/QH15 took effect: periods from 2025-07 are due a month later (art. 34(4)) and the
 * daily 0.03% charge replaces the monthly interest (art. 40, 41, 141(12)). A legal date, not a rate.
 */
export const NEW_LAW_FROM: IsoDate = '2025-07-01';
export const NEW_LAW_FIRST_PERIOD: Period = '2025-07';

export function isNewRegimePeriod(p: Period): boolean {
  return p >= NEW_LAW_FIRST_PERIOD;
}
