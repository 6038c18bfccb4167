import { DomainError } from './errors.js';

/** A calendar day `YYYY-MM-DD`. */
export type IsoDate = string;
/** A contribution month `YYYY-MM` (kỳ đóng). */
export type Period = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^(\d{4})-(\d{2})$/;
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

export function parseDate(d: IsoDate): { y: number; m: number; day: number } {
  const m = DATE_RE.exec(d);
  if (!m) throw new DomainError('INVALID_DATE', `not a YYYY-MM-DD date: ${d}`, { value: d });
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = Number(m[3]);
  if (!isCalendarDate(y, mo, day)) {
    throw new DomainError('INVALID_DATE', `no such day: ${d}`, { value: d });
  }
  return { y, m: mo, day };
}

export function parsePeriod(p: Period): { y: number; m: number } {
  const m = PERIOD_RE.exec(p);
  if (!m || !isMonth(Number(m[2]))) {
    throw new DomainError('INVALID_PERIOD', `not a YYYY-MM period: ${p}`, { value: p });
  }
  return { y: Number(m[1]), m: Number(m[2]) };
}

/** `YYYY-MM-DD` naming a real calendar day (the rule every DTO and parser uses). */
export function isValidDate(d: string): boolean {
  const m = DATE_RE.exec(d);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `YYYY-MM` with a real month (01–12). */
export function isValidPeriod(p: string): boolean {
  const m = PERIOD_RE.exec(p);
  return m !== null && isMonth(Number(m[2]));
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

/** Days since 1970-01-01 (UTC calendar arithmetic only). */
export function toDayNumber(d: IsoDate): number {
  const { y, m, day } = parseDate(d);
  return Math.round(Date.UTC(y, m - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(n: number): IsoDate {
  const dt = new Date(n * MS_PER_DAY);
  return makeDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
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
