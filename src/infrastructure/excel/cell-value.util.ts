import { ProblemCode } from './problem.js';

/** A cell reduced to what validation needs. `null` is a blank cell. */
export type CellScalar = string | number | boolean | Date;

/** Why a cell could not be reduced to a scalar; set on the context when `toScalar` returns BAD. */
export interface ParseContext {
  code: ProblemCode;
  detail: string;
  /** Workbook counts dates from 1904. */
  date1904: boolean;
}

export const BAD: unique symbol = Symbol('bad-cell');
export type Bad = typeof BAD;

export function newParseContext(date1904 = false): ParseContext {
  return { code: ProblemCode.REQUIRED, detail: '', date1904 };
}

/**
 * exceljs value → scalar: formulas give their cached result (none → FORMULA_NO_RESULT), rich text
 * and hyperlinks their plain text, error cells CELL_ERROR; blank strings are blanks.
 */
export function toScalar(v: unknown, ctx: ParseContext): CellScalar | null | Bad {
  switch (typeof v) {
    case 'string': {
      // Fast path: most strings need no trimming.
      const n = v.length;
      if (n === 0) return null;
      const a = v.charCodeAt(0);
      const b = v.charCodeAt(n - 1);
      if (a > 32 && b > 32 && a !== 160 && b !== 160) return v;
      const t = v.replace(/^[\s\u00a0\u202f\ufeff]+|[\s\u00a0\u202f\ufeff]+$/g, '');
      return t.length === 0 ? null : t;
    }
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'boolean':
      return v;
    case 'undefined':
      return null;
    case 'object':
      return objectScalar(v, ctx);
    default:
      return null;
  }
}

function objectScalar(v: object | null, ctx: ParseContext): CellScalar | null | Bad {
  if (v === null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) {
    const r = o.result;
    if (r === '') return null;
    // exceljs' stream reader turns a cached error result (t="e") into NaN.
    if (typeof r === 'number' && Number.isNaN(r)) return errorCell('#VALUE!', ctx);
    if (r === undefined || r === null) {
      ctx.code = ProblemCode.FORMULA_NO_RESULT;
      ctx.detail =
        'the cell holds a formula with no saved result; open the file in Excel, let it calculate, save and re-upload (or paste values)';
      return BAD;
    }
    if (typeof r === 'object' && r !== null && 'error' in r)
      return errorCell(String((r as { error: unknown }).error), ctx);
    return toScalar(r, ctx);
  }
  if ('richText' in o && Array.isArray(o.richText)) {
    let s = '';
    for (const part of o.richText as { text?: string }[]) s += part.text ?? '';
    return toScalar(s, ctx);
  }
  if ('error' in o) return errorCell(String(o.error), ctx);
  if ('text' in o) return toScalar(o.text, ctx);
  return null;
}

function errorCell(code: string, ctx: ParseContext): Bad {
  ctx.code = ProblemCode.CELL_ERROR;
  ctx.detail = `the cell shows the Excel error ${code}`;
  return BAD;
}

/** Plain text of any cell (for headers and labels); blanks and errors give ''. */
export function cellText(v: unknown): string {
  const s = toScalar(v, newParseContext());
  if (s === null || s === BAD) return '';
  if (s instanceof Date) return s.toISOString().slice(0, 10);
  return String(s);
}
