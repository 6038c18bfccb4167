import type { IsoDate } from '../domain/dates.js';
import { addDays } from '../domain/dates.js';

/** The calendar day in the business time zone at `now` (`YYYY-MM-DD`): what "today" means to an office. */
export function businessToday(timeZone: string, now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The day that has just ended in the business time zone: what the nightly run recomputes. */
export function businessYesterday(timeZone: string, now: Date = new Date()): IsoDate {
  return addDays(businessToday(timeZone, now), -1);
}
