import { DomainError } from './errors.js';

/** A calendar day `YYYY-MM-DD`. */
export type IsoDate = string;
/** A contribution month `YYYY-MM` (kỳ đóng). */
export type Period = string;

const MS_PER_DAY = 86_400_000;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * Whether year, month and day name a real day of the proleptic Gregorian calendar (`2024-02-29` yes,
 * `2025-02-29` and `2026-02-30` no). Allocation-free: import parsers call it for every date cell.
 */
export function isCalendarDate(y: number, m: number, day: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(day) &&
    m >= 1 &&
    m <= 12 &&
    day >= 1 &&
    day <= daysInMonth(y, m)
  );
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/**
 * The number of `n` ASCII digits at `s[from..]`, or -1 when one is not a digit 0–9. Dates are read
 * this way rather than by a regular expression: the ledger reads thousands of them per employer.
 */
function digitsAt(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Year, month and day of `YYYY-MM-DD` when it is shaped so (not checked as a calendar day), or null. */
function dateParts(d: string): { y: number; m: number; day: number } | null {
  if (typeof d !== 'string' || d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45)
    return null;
  const y = digitsAt(d, 0, 4);
  const m = digitsAt(d, 5, 2);
  const day = digitsAt(d, 8, 2);
  return y < 0 || m < 0 || day < 0 ? null : { y, m, day };
}

/** Year and month of `YYYY-MM` with a real month, or null. */
function periodParts(p: string): { y: number; m: number } | null {
  if (typeof p !== 'string' || p.length !== 7 || p.charCodeAt(4) !== 45) return null;
  const y = digitsAt(p, 0, 4);
  const m = digitsAt(p, 5, 2);
  return y < 0 || !isMonth(m) ? null : { y, m };
}

export function parseDate(d: IsoDate): { y: number; m: number; day: number } {
  const parts = dateParts(d);
  if (!parts) throw new DomainError('INVALID_DATE', `not a YYYY-MM-DD date: ${d}`, { value: d });
  if (!isCalendarDate(parts.y, parts.m, parts.day)) {
    throw new DomainError('INVALID_DATE', `no such day: ${d}`, { value: d });
  }
  return parts;
}

export function parsePeriod(p: Period): { y: number; m: number } {
  const parts = periodParts(p);
  if (!parts) throw new DomainError('INVALID_PERIOD', `not a YYYY-MM period: ${p}`, { value: p });
  return parts;
}

/** `YYYY-MM-DD` naming a real calendar day (the rule every DTO and parser uses). */
export function isValidDate(d: string): boolean {
  const p = dateParts(d);
  return p !== null && isCalendarDate(p.y, p.m, p.day);
}

/** `YYYY-MM` with a real month (01–12). */
export function isValidPeriod(p: string): boolean {
  return periodParts(p) !== null;
}

/** 1 to 12. */
export function isMonth(m: number): boolean {
  return Number.isInteger(m) && m >= 1 && m <= 12;
}

export function makeDate(y: number, m: number, day: number): IsoDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(day)}`;
}

export function makePeriod(y: number, m: number): Period {
  return `${pad(y, 4)}-${pad(m)}`;
}

/**
 * Days since 1970-01-01 (UTC calendar arithmetic only). Computed without a Date for years from 100
 * on (days from the civil date); `Date.UTC`'s reading of years 0–99 is kept for those.
 */
export function toDayNumber(d: IsoDate): number {
  const { y, m, day } = parseDate(d);
  if (y < 100) return Math.round(Date.UTC(y, m - 1, day) / MS_PER_DAY);
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Recently formatted day numbers: a ledger formats the same few hundred days again and again. */
const FORMATTED = new Map<number, IsoDate>();
const FORMATTED_MAX = 20_000;

export function fromDayNumber(n: number): IsoDate {
  const hit = FORMATTED.get(n);
  if (hit !== undefined) return hit;
  const dt = new Date(n * MS_PER_DAY);
  const out = makeDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
  if (FORMATTED.size >= FORMATTED_MAX) FORMATTED.clear();
  FORMATTED.set(n, out);
  return out;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/** `b − a` in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function periodOf(d: IsoDate): Period {
  return d.slice(0, 7);
}

export function addMonths(p: Period, n: number): Period {
  const { y, m } = parsePeriod(p);
  const idx = y * 12 + (m - 1) + n;
  return makePeriod(Math.floor(idx / 12), (idx % 12) + 1);
}

/** Month index (y·12 + m − 1) for month differences. */
export function periodIndex(p: Period): number {
  const { y, m } = parsePeriod(p);
  return y * 12 + m - 1;
}

export function firstDayOf(p: Period): IsoDate {
  parsePeriod(p);
  return `${p}-01`;
}

export function lastDayOf(p: Period): IsoDate {
  const { y, m } = parsePeriod(p);
  return makeDate(y, m, daysInMonth(y, m));
}

export function isLastDayOfMonth(d: IsoDate): boolean {
  const { y, m, day } = parseDate(d);
  return day === daysInMonth(y, m);
}

export function yearOf(d: IsoDate | Period): number {
  return Number(d.slice(0, 4));
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Periods from `from` to `to` inclusive (empty if from > to). */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  const a = periodIndex(from);
  const b = periodIndex(to);
  for (let i = a; i <= b; i++) out.push(makePeriod(Math.floor(i / 12), (i % 12) + 1));
  return out;
}
