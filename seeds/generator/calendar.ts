/** Periods (`YYYY-MM`) and ISO dates (`YYYY-MM-DD`) as plain strings; all arithmetic in UTC. */
export type Period = string;
export type IsoDate = string;

export function parsePeriod(p: Period): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (!m) throw new Error(`not a period: ${p}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function formatPeriod(year: number, month: number): Period {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(p: Period, n: number): Period {
  const { year, month } = parsePeriod(p);
  const idx = year * 12 + (month - 1) + n;
  return formatPeriod(Math.floor(idx / 12), (idx % 12) + 1);
}

export function monthIndex(p: Period): number {
  const { year, month } = parsePeriod(p);
  return year * 12 + month - 1;
}

export function monthsBetween(from: Period, to: Period): number {
  return monthIndex(to) - monthIndex(from);
}

/** `count` consecutive periods ending at `end`. */
export function periodRange(end: Period, count: number): Period[] {
  const out: Period[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(addMonths(end, -i));
  return out;
}

export function lastDayOf(p: Period): IsoDate {
  const { year, month } = parsePeriod(p);
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

export function firstDayOf(p: Period): IsoDate {
  return `${p}-01`;
}

export function periodOf(d: IsoDate): Period {
  return d.slice(0, 7);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const t = Date.parse(`${d}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export type PaymentCycle = 'monthly' | 'quarterly' | 'semiannual';

/** The last period of the cycle that contains `p`. */
export function cycleEnd(p: Period, cycle: PaymentCycle): Period {
  const { year, month } = parsePeriod(p);
  if (cycle === 'monthly') return p;
  const size = cycle === 'quarterly' ? 3 : 6;
  const last = Math.ceil(month / size) * size;
  return formatPeriod(year, last);
}

/** domain.md §4: old law same-month due dates up to 2025-06, then end of the following month. */
export function dueDate(p: Period, cycle: PaymentCycle): IsoDate {
  const end = cycleEnd(p, cycle);
  return p <= '2025-06' ? lastDayOf(end) : lastDayOf(addMonths(end, 1));
}

/** dd/mm/yyyy as users type it. */
export function toDmy(d: IsoDate): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** MM/YYYY as users type periods. */
export function toMmYyyy(p: Period): string {
  return `${p.slice(5, 7)}/${p.slice(0, 4)}`;
}

/** A Date whose UTC calendar day is `d`: exceljs writes it as that day's serial. */
export function utcDate(d: IsoDate): Date {
  return new Date(`${d}T00:00:00Z`);
}
