/**
 * Pure formatting helpers of the console (no DOM, no React): the way officers write money, dates and
 * periods, whatever the interface language. The API speaks integer đồng, `YYYY-MM-DD` and `YYYY-MM`.
 */

const MINUS = '-';

/** Groups the digits of a non-negative integer string by threes with `.` (`5310000` → `5.310.000`). */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** An integer with `.` as the thousands separator: `1234567` → `1.234.567`; `null` → `—`. */
export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const n = Math.round(value);
  const body = groupThousands(String(Math.abs(n)));
  return n < 0 ? `${MINUS}${body}` : body;
}

/** Money in whole đồng as officers write it: `5310000` → `5.310.000 ₫`, `-1500` → `-1.500 ₫`. */
export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${formatInteger(value)} ₫`;
}

/**
 * A decimal with `,` as the decimal mark and at most `digits` decimals, trailing zeros dropped:
 * months of debt `2.5` → `2,5`, `3.125` → `3,125`, `4` → `4`.
 */
export function formatDecimal(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(digits);
  const [whole, frac = ''] = fixed.split('.');
  const trimmed = frac.replace(/0+$/, '');
  const sign = value < 0 && Number(fixed) !== 0 ? MINUS : '';
  return `${sign}${groupThousands(whole)}${trimmed ? `,${trimmed}` : ''}`;
}

/**
 * Months of debt as the inspection queue shows them: one decimal, kept, half up (`2.95` → `3,0`,
 * `10` → `10,0`, `2.449` → `2,4`); the 3-decimal value stays on the flag page.
 */
export function formatMonthsOneDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const tenths = Math.round(Math.abs(value) * 1000) / 100; // exact thousandths, in tenths
  const n = Math.floor(tenths + 0.5 + 1e-9);
  const body = `${groupThousands(String(Math.floor(n / 10)))},${n % 10}`;
  return value < 0 && n !== 0 ? `${MINUS}${body}` : body;
}

/** A percentage with two decimals and `,`: `2.69` → `2,69 %`. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(2).replace('.', ',');
  return `${value < 0 && Number(value.toFixed(2)) !== 0 ? MINUS : ''}${fixed} %`;
}

export { formatDate, formatDateTime, formatPeriod } from '../../../shared/format.js';

/**
 * What an officer types for a period, as the API's `YYYY-MM`: `04/2026`, `4/2026`, `2026-04`, `2026-4`.
 * `null` when it is not a month.
 */
export function parsePeriod(input: string): string | null {
  const s = input.trim();
  let year: number;
  let month: number;
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
  if (m) {
    month = Number(m[1]);
    year = Number(m[2]);
  } else if ((m = /^(\d{4})\s*[/.-]\s*(\d{1,2})$/.exec(s))) {
    year = Number(m[1]);
    month = Number(m[2]);
  } else {
    return null;
  }
  if (month < 1 || month > 12 || year < 1900 || year > 2999) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `dd/mm/yyyy` (or `d/m/yyyy`, or already `yyyy-mm-dd`) → `yyyy-mm-dd`; `null` when it is not a real day. */
export function parseDate(input: string): string | null {
  const s = input.trim();
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's date (`YYYY-MM-DD`) in the business time zone. */
export function todayIn(timeZone = 'Asia/Ho_Chi_Minh', now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A byte count for people: `1536` → `1,5 KB`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatDecimal(v, 1)} ${units[i]}`;
}
