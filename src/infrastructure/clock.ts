import type { IsoDate } from '../domain/dates.js';
import { addDays } from '../domain/dates.js';

/** The calendar day in the business time zone at `now` (`YYYY-MM-DD`): what "today" means to an office. */
export function businessToday(timeZone: string, now: Date = new Date()): IsoDate {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    // built once per time zone: building one costs more than a whole ledger request's routing
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DAY_FORMATS.set(timeZone, format);
  }
  return format.format(now);
}

const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * The one clock (style.md "One clock"): services never read the system time themselves. "Today" is
 * fixed once at the edge (a controller, a job) and passed down as `asOf`; instants (`now`) stamp rows.
 * Injected by class; tests and demos freeze it with `CLOCK_FIXED_AT`.
 */
export abstract class Clock {
  abstract readonly timeZone: string;
  abstract now(): Date;

  /** The calendar day in the business time zone. */
  today(): IsoDate {
    return businessToday(this.timeZone, this.now());
  }

  /** The day that has just ended in the business time zone: what the nightly run recomputes. */
  yesterday(): IsoDate {
    return addDays(this.today(), -1);
  }
}

export class SystemClock extends Clock {
  constructor(readonly timeZone: string) {
    super();
  }

  now(): Date {
    return new Date();
  }
}

/** A clock stopped at one instant (tests, demos): the same scenario gives the same days on any day. */
export class FixedClock extends Clock {
  constructor(
    private readonly at: Date,
    readonly timeZone: string,
  ) {
    super();
  }

  now(): Date {
    return new Date(this.at.getTime());
  }
}

/** The clock the configuration asks for. */
export function clockOf(config: { businessTimeZone: string; clockFixedAt: Date | null }): Clock {
  return config.clockFixedAt
    ? new FixedClock(config.clockFixedAt, config.businessTimeZone)
    : new SystemClock(config.businessTimeZone);
}
