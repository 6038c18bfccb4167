import {
  BAD,
  type Bad,
  type CellScalar,
  type ParseContext,
} from '../../../infrastructure/excel/cell-value.util.js';
import { foldKey } from '../../../infrastructure/excel/normalize.util.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import { isCalendarDate, isMonth, parseDate } from '../../../domain/dates.js';
import {
  isValidOfficeCode,
  isValidSiNumber,
  normalizeTaxCode,
  normalizeUnitCode,
  taxCodeFault,
} from '../../../domain/identifiers.js';

/**
 * Parsers for values as officers and employers type them. Each takes a non-blank scalar and
 * returns the typed value, or BAD with `ctx.code`/`ctx.detail` set: no exceptions and no
 * allocation on the happy path of numeric cells, since they run on every cell of a million-row
 * roster. What they add is spreadsheet habit (leading zeros Excel dropped, a forcing apostrophe,
 * `dd/mm/yyyy`, serial numbers); whether the result is a valid code, day or month is decided by the
 * §1 and calendar rules in `src/domain`, the same ones DTO validation and matching use.
 */
export type ValueParser<T> = (v: CellScalar, ctx: ParseContext) => T | Bad;

function fail(ctx: ParseContext, code: ProblemCode, detail: string): Bad {
  ctx.code = code;
  ctx.detail = detail;
  return BAD;
}

function show(v: CellScalar): string {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`;
}

// ---------------------------------------------------------------- text and codes

export function parseText(v: CellScalar, ctx: ParseContext): string | Bad {
  if (typeof v === 'string')
    return v.length <= 1000
      ? v
      : fail(ctx, ProblemCode.TEXT_TOO_LONG, 'the text is longer than 1,000 characters');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.toISOString().slice(0, 10);
}

/** Unit code (mã đơn vị): §1, `^[A-Z0-9]{5,10}$` after upper-casing. */
export function parseUnitCode(v: CellScalar, ctx: ParseContext): string | Bad {
  const s =
    typeof v === 'string'
      ? normalizeUnitCode(v)
      : typeof v === 'number'
        ? normalizeUnitCode(String(v))
        : null;
  if (s !== null) return s;
  return fail(
    ctx,
    ProblemCode.INVALID_UNIT_CODE,
    `${show(v)} is not a unit code (5 to 10 letters and digits, e.g. TC0001C)`,
  );
}

function digitsOf(v: CellScalar, padTo: number): string | null {
  if (typeof v === 'number') {
    // Excel drops leading zeros of codes typed as numbers: put them back.
    if (!Number.isSafeInteger(v) || v < 0) return null;
    const s = String(v);
    return s.length < padTo ? s.padStart(padTo, '0') : s;
  }
  if (typeof v !== 'string') return null;
  let s = v;
  if (s.charCodeAt(0) === 39) s = s.slice(1); // a leading apostrophe typed to force text
  if (/[\s.]/.test(s)) s = s.replace(/[\s.]/g, '');
  return s;
}

/** SI number (mã số BHXH): exactly 10 digits, kept as text with its leading zeros. */
export function parseSiNumber(v: CellScalar, ctx: ParseContext): string | Bad {
  const s = digitsOf(v, 10);
  if (s !== null && isValidSiNumber(s)) return s;
  return fail(
    ctx,
    ProblemCode.INVALID_SI_NUMBER,
    `${show(v)} is not an SI number (exactly 10 digits)`,
  );
}

/** Office code (mã cơ quan BHXH): 5 digits, e.g. 06703. */
export function parseOfficeCode(v: CellScalar, ctx: ParseContext): string | Bad {
  const s = digitsOf(v, 5);
  if (s !== null && isValidOfficeCode(s)) return s;
  return fail(
    ctx,
    ProblemCode.INVALID_OFFICE_CODE,
    `${show(v)} is not an office code (5 digits, e.g. 06703)`,
  );
}

/**
 * Tax code (mã số thuế): §1 (10 or 13 digits once spaces and hyphens are removed, check digit
 * verified). Typed habits first: a number whose leading zero Excel dropped, a forcing apostrophe,
 * dots grouping the digits.
 */
export function parseTaxCode(v: CellScalar, ctx: ParseContext): string | Bad {
  let s = typeof v === 'number' ? digitsOf(v, 10) : typeof v === 'string' ? v : null;
  if (s !== null && s.charCodeAt(0) === 39) s = s.slice(1);
  if (s !== null && s.includes('.')) s = s.replace(/\./g, '');
  const fault = s === null ? 'format' : taxCodeFault(s);
  if (fault === 'format') {
    return fail(
      ctx,
      ProblemCode.INVALID_TAX_CODE,
      `${show(v)} is not a tax code (10 digits, or 13 for a branch)`,
    );
  }
  if (fault === 'check-digit') {
    return fail(
      ctx,
      ProblemCode.INVALID_TAX_CODE,
      `${show(v)} is not a valid tax code (check digit does not match)`,
    );
  }
  return normalizeTaxCode(s!);
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

// ---------------------------------------------------------------- money and numbers

const MONEY_GROUPED = /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/;
const MONEY_DECIMAL = /^(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*|\d+)([.,])(\d+)$/;
const MONEY_SUFFIX = /\s*(?:vn[dđ]|đ|đồng|dong)$/i;

/** Whole đồng, zero or more. `5.310.000`, `5,310,000`, `5 310 000`, `5310000`, numeric cells. */
export function parseMoney(v: CellScalar, ctx: ParseContext): number | Bad {
  return money(v, ctx, false);
}

/** Whole đồng that may be negative (C12 balances: a negative closing balance is a credit). */
export function parseSignedMoney(v: CellScalar, ctx: ParseContext): number | Bad {
  return money(v, ctx, true);
}

function money(v: CellScalar, ctx: ParseContext, signed: boolean): number | Bad {
  let n: number;
  if (typeof v === 'number') {
    n = v;
    if (!Number.isInteger(n)) {
      const r = Math.round(n);
      // Float noise from formulas (e.g. 0.1 * 3 * 10) is not a fraction of a đồng.
      if (Math.abs(n - r) > 1e-6)
        return fail(
          ctx,
          ProblemCode.MONEY_FRACTION,
          `${show(v)} has a fraction of a đồng; amounts are whole đồng`,
        );
      n = r;
    }
  } else if (typeof v === 'string') {
    const parsed = moneyText(v, ctx);
    if (parsed === BAD) return BAD;
    n = parsed;
  } else {
    return fail(ctx, ProblemCode.NOT_A_NUMBER, `${show(v)} is not an amount in đồng`);
  }
  if (n < 0 && !signed)
    return fail(
      ctx,
      ProblemCode.NEGATIVE_AMOUNT,
      `${show(v)} is negative; amounts must be zero or more`,
    );
  if (!Number.isSafeInteger(n))
    return fail(ctx, ProblemCode.AMOUNT_TOO_LARGE, `${show(v)} is too large`);
  return n === 0 ? 0 : n;
}

function moneyText(text: string, ctx: ParseContext): number | Bad {
  let s = text;
  let negative = false;
  if (/[\s\u00a0\u202f]/.test(s)) s = s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (MONEY_SUFFIX.test(s)) s = s.replace(MONEY_SUFFIX, '');
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  } else if (s.startsWith('-') || s.startsWith('−')) {
    negative = true;
    s = s.slice(1);
  }
  if (s.includes(' ')) {
    // Spaces are thousands separators only in groups of three.
    if (!/^\d{1,3}(?: \d{3})+$/.test(s))
      return fail(ctx, ProblemCode.NOT_A_NUMBER, `"${text}" is not an amount in đồng`);
    s = s.replace(/ /g, '');
  }
  let n: number;
  if (isDigits(s)) {
    n = Number(s);
  } else if (MONEY_GROUPED.test(s)) {
    n = Number(s.replace(/[.,]/g, ''));
  } else {
    const m = MONEY_DECIMAL.exec(s);
    // Mixed marks with a 3-digit tail (`5.310,000`) are ambiguous: refuse rather than guess.
    if (!m || m[2] === m[3] || m[4]!.length === 3)
      return fail(ctx, ProblemCode.NOT_A_NUMBER, `"${text}" is not an amount in đồng`);
    if (!/^0+$/.test(m[4]!))
      return fail(
        ctx,
        ProblemCode.MONEY_FRACTION,
        `"${text}" has a fraction of a đồng; amounts are whole đồng`,
      );
    n = Number(m[1]!.replace(/[.,]/g, ''));
  }
  return negative ? -n : n;
}

/**
 * A decimal with `,` or `.` as the decimal mark, as integer thousandths rounded half-up
 * (C12 `tyleno`: `9.344` → 9344, `9,344` → 9344).
 */
export function parseThousandths(v: CellScalar, ctx: ParseContext): number | Bad {
  if (typeof v === 'number') {
    const x = Math.round(v * 1000 + (v >= 0 ? 1e-9 : -1e-9));
    return Number.isSafeInteger(x)
      ? x === 0
        ? 0
        : x
      : fail(ctx, ProblemCode.INVALID_DECIMAL, `${show(v)} is too large`);
  }
  if (typeof v !== 'string')
    return fail(ctx, ProblemCode.INVALID_DECIMAL, `${show(v)} is not a number`);
  const m = /^([-−]?)(\d+)(?:[.,](\d+))?$/.exec(v.replace(/\s/g, ''));
  if (!m)
    return fail(
      ctx,
      ProblemCode.INVALID_DECIMAL,
      `"${v}" is not a number (use , or . as the decimal mark)`,
    );
  const frac = (m[3] ?? '').padEnd(4, '0');
  let x = Number(m[2]) * 1000 + Number(frac.slice(0, 3));
  if (frac.charCodeAt(3) >= 53) x += 1;
  if (m[1]) x = -x;
  return x === 0 ? 0 : x;
}

/**
 * A rate as basis points: `0,5%` / `0.5%` / `0.5` (percent) / `0.005` (fraction) → 50.
 * A bare number under 0.05 is a fraction, otherwise percent. `allowed` lists the accepted values.
 */
export function rateParser(allowed: readonly number[]): ValueParser<number> {
  return (v, ctx) => {
    let x: number;
    let percent: boolean;
    if (typeof v === 'number') {
      x = v;
      percent = v >= 0.05;
    } else if (typeof v === 'string') {
      const s = v.replace(/\s/g, '');
      const m = /^(\d+(?:[.,]\d+)?)(%?)$/.exec(s);
      if (!m)
        return fail(ctx, ProblemCode.INVALID_RATE, `"${v}" is not a rate (e.g. 0,5% or 0.005)`);
      x = Number(m[1]!.replace(',', '.'));
      percent = m[2] === '%' || x >= 0.05;
    } else {
      return fail(ctx, ProblemCode.INVALID_RATE, `${show(v)} is not a rate`);
    }
    const bp = Math.round(percent ? x * 100 : x * 10000);
    if (Math.abs((percent ? x * 100 : x * 10000) - bp) > 1e-6 || !allowed.includes(bp)) {
      return fail(
        ctx,
        ProblemCode.INVALID_RATE,
        `${show(v)} is not an accepted rate (${allowed.map((a) => `${(a / 100).toString().replace('.', ',')}%`).join(' or ')})`,
      );
    }
    return bp;
  };
}

// ---------------------------------------------------------------- dates and periods

/** Days since 1970-01-01 → `YYYY-MM-DD` (proleptic Gregorian, no Date objects). */
export function isoFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** A valid calendar date (the domain's rule) → days since 1970-01-01; otherwise NaN. */
export function daysFromCivil(y: number, m: number, d: number): number {
  if (!isCalendarDate(y, m, d)) return NaN;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Excel serial → days since 1970-01-01 (time of day dropped). */
export function daysFromSerial(serial: number, date1904: boolean): number {
  return Math.floor(serial) + (date1904 ? 1462 : 0) - 25569;
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

function dateDays(v: CellScalar, ctx: ParseContext): number | Bad {
  if (typeof v === 'number') return daysFromSerial(v, ctx.date1904);
  if (v instanceof Date) return Math.floor(v.getTime() / 86_400_000);
  if (typeof v === 'string') {
    const s = v.length > 10 ? v.replace(/[ T]00:00(:00(\.0+)?)?Z?$/, '') : v;
    let m = DMY.exec(s);
    if (m) return daysFromCivil(Number(m[3]), Number(m[2]), Number(m[1]));
    m = YMD.exec(s);
    if (m) return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
    if (isDigits(s)) return daysFromSerial(Number(s), ctx.date1904);
  }
  return NaN;
}

export interface DateRange {
  /** Earliest plausible date, `YYYY-MM-DD`. */
  min: string;
  /** Latest plausible date, `YYYY-MM-DD`. */
  max: string;
}

/**
 * Date → `YYYY-MM-DD`: a date cell, a bare number as an Excel serial, text `dd/mm/yyyy` or
 * `yyyy-mm-dd`. Outside `range` (e.g. a date in 1900 from a stray small number) is an error.
 */
export function dateParser(range: DateRange): ValueParser<string> {
  const min = parseDate(range.min);
  const max = parseDate(range.max);
  const lo = daysFromCivil(min.y, min.m, min.day);
  const hi = daysFromCivil(max.y, max.m, max.day);
  return (v, ctx) => {
    const days = dateDays(v, ctx);
    if (days === BAD) return BAD;
    if (Number.isNaN(days))
      return fail(ctx, ProblemCode.INVALID_DATE, `${show(v)} is not a date (use dd/mm/yyyy)`);
    if (days < lo || days > hi) {
      return fail(
        ctx,
        ProblemCode.DATE_OUT_OF_RANGE,
        `${isoFromDays(days)} is not a plausible date (expected ${range.min} to ${range.max})`,
      );
    }
    return isoFromDays(days);
  };
}

const MY = /^(\d{1,2})[/.-](\d{4})$/;
const YM = /^(\d{4})[-/.](\d{1,2})$/;

/**
 * The common `MM/YYYY` / `M/YYYY` (separator `/`, `.` or `-`) read without a regex (a roster has two a
 * line): year × 100 + month as written; -1 for any other text (MY and YM then read it as before).
 */
function monthYear(v: string): number {
  const sep = v.length - 5;
  if (sep !== 1 && sep !== 2) return -1;
  const c = v.charCodeAt(sep);
  if (c !== 47 && c !== 46 && c !== 45) return -1;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    if (i === sep) continue;
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  // n is the month's digits then the year's: month × 10⁴ + year
  return (n % 10000) * 100 + Math.floor(n / 10000);
}

/** Period → `YYYY-MM`: `MM/YYYY`, `M/YYYY`, `YYYY-MM`, or a date (cell, serial or text): its month. */
export function periodParser(minYear: number, maxYear: number): ValueParser<string> {
  return (v, ctx) => {
    let y = NaN;
    let m = NaN;
    if (typeof v === 'string') {
      const my = monthYear(v);
      let r = my < 0 ? MY.exec(v) : null;
      if (my >= 0) {
        m = my % 100;
        y = Math.floor(my / 100);
      } else if (r) {
        m = Number(r[1]);
        y = Number(r[2]);
      } else if ((r = YM.exec(v))) {
        y = Number(r[1]);
        m = Number(r[2]);
      }
    }
    if (Number.isNaN(y)) {
      const days = dateDays(v, ctx);
      if (days === BAD) return BAD;
      if (!Number.isNaN(days)) {
        const iso = isoFromDays(days);
        y = Number(iso.slice(0, 4));
        m = Number(iso.slice(5, 7));
      }
    }
    if (Number.isNaN(y) || !isMonth(m))
      return fail(ctx, ProblemCode.INVALID_PERIOD, `${show(v)} is not a month (use MM/YYYY)`);
    if (y < minYear || y > maxYear)
      return fail(
        ctx,
        ProblemCode.INVALID_PERIOD,
        `${show(v)} is not a plausible month (${minYear} to ${maxYear})`,
      );
    return `${y}-${m < 10 ? '0' : ''}${m}`;
  };
}

// ---------------------------------------------------------------- value lists

/** A closed list of values matched after folding (`Hằng tháng` = `hang thang` = `HANG THANG`). */
export function listParser<T extends string>(
  code: ProblemCode,
  what: string,
  entries: Readonly<Record<T, readonly string[]>>,
): ValueParser<T> {
  const map = new Map<string, T>();
  for (const key of Object.keys(entries) as T[]) {
    map.set(foldKey(key), key);
    for (const alias of entries[key]) map.set(foldKey(alias), key);
  }
  const shown = (Object.keys(entries) as T[]).map((k) => entries[k][0] ?? k).join(', ');
  return (v, ctx) => {
    const hit = map.get(foldKey(typeof v === 'string' ? v : String(v)));
    return hit ?? fail(ctx, code, `${show(v)} is not a known ${what} (${shown})`);
  };
}
