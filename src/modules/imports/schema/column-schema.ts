import type { ValueParser } from './values.js';
import type { ProblemCode } from '../../../infrastructure/excel/problem.js';
import { foldKey } from '../../../infrastructure/excel/normalize.util.js';

/**
 * One column of an import sheet. The same definition validates uploads and lays out the
 * downloadable template: `headers[0]` is the template header, every header and the English `key`
 * are accepted after folding (foldKey).
 */
export interface ColumnSpec {
  key: string;
  headers: readonly string[];
  parse: ValueParser<unknown>;
  /** The header must be present. Unless `allowBlank`, so must the value on every data row. */
  required?: boolean;
  allowBlank?: boolean;
  /** Several columns may carry this key; their amounts are added (roster allowances). */
  sum?: boolean;
  /** Not a value of the record (row numbers `STT`): does not make a row non-blank. */
  passive?: boolean;
  /** Left out of the generated template. */
  hiddenInTemplate?: boolean;
}

/** Where a record came from, carried on every record so later steps can point back at the row. */
export interface RowPosition {
  sheet: string;
  row: number;
}

/** Handed to `build`: lets it add a row problem on a column, and gives sheet-level context. */
export interface BuildContext {
  /** Unit code found above the header (`Mã đơn vị: TC0001C`), or the workbook's, if any. */
  unitCode: string | null;
  /** c12-summary: the period of the file. */
  period: string | null;
  fail(key: string, code: ProblemCode, detail: string): void;
}

/**
 * One sheet layout of a kind. `values` passed to `build` are indexed like `columns` (null when
 * the column is absent or blank); `build` returns nothing when it reported a problem.
 */
export interface SheetSchema<R = unknown> {
  role: string;
  /** Alternatives of required column keys: the header row must hold every key of one of them. */
  requiredAnyOf: readonly (readonly string[])[];
  columns: readonly ColumnSpec[];
  /** The unit code may stand above the header instead of in a column (roster). */
  unitCodeAbove?: boolean;
  /** The schema needs a file period (c12-summary). */
  needsPeriod?: boolean;
  build(values: readonly unknown[], at: RowPosition, ctx: BuildContext): R | R[] | undefined;
}

/** key → position in `columns`, computed once so `build` reads values by index, not by name. */
export function indexColumns(columns: readonly ColumnSpec[]): Record<string, number> {
  const out: Record<string, number> = {};
  columns.forEach((c, i) => {
    out[c.key] = i;
  });
  return out;
}

/** Folded header → column index in the schema. Throws when two columns claim one header. */
export function headerLookup(columns: readonly ColumnSpec[]): Map<string, number> {
  const map = new Map<string, number>();
  columns.forEach((c, i) => {
    for (const h of [c.key, ...c.headers]) {
      const k = foldKey(h);
      const prev = map.get(k);
      if (prev !== undefined && prev !== i)
        throw new Error(`Header "${h}" is claimed by ${columns[prev]!.key} and ${c.key}`);
      map.set(k, i);
    }
  });
  return map;
}

export function column(
  key: string,
  headers: readonly string[],
  parse: ValueParser<unknown>,
  opts: Omit<ColumnSpec, 'key' | 'headers' | 'parse'> = {},
): ColumnSpec {
  return { key, headers, parse, ...opts };
}
