import { cellText } from '../../../infrastructure/excel/cell-value.util.js';
import { foldKey, foldText } from '../../../infrastructure/excel/normalize.util.js';
import { headerLookup, type SheetSchema } from './column-schema.js';

/** A sheet schema with its folded-header lookup, built once per process. */
export interface CompiledSheet {
  schema: SheetSchema;
  lookup: Map<string, number>;
  requiredKeys: Set<string>;
}

const compiled = new WeakMap<SheetSchema, CompiledSheet>();

export function compileSheet(schema: SheetSchema): CompiledSheet {
  let c = compiled.get(schema);
  if (!c) {
    c = {
      schema,
      lookup: headerLookup(schema.columns),
      requiredKeys: new Set(schema.requiredAnyOf.flat()),
    };
    compiled.set(schema, c);
  }
  return c;
}

/** Text cells of a candidate header row, folded once. */
export interface HeaderCell {
  col: number;
  text: string;
  key: string;
}

export function headerCells(values: readonly unknown[]): HeaderCell[] {
  const out: HeaderCell[] = [];
  for (let col = 1; col < values.length; col++) {
    const v = values[col];
    if (typeof v === 'number' || v === undefined || v === null) continue;
    const text = cellText(v).trim();
    if (!text) continue;
    const key = foldKey(text);
    if (key) out.push({ col, text, key });
  }
  return out;
}

export interface HeaderMatch {
  /** Schema keys found in the row. */
  keys: Set<string>;
  /** Every key of one `requiredAnyOf` alternative is present. */
  complete: boolean;
  /** Keys of the closest alternative that are missing (empty when complete). */
  missing: string[];
  /** Required keys present. */
  requiredHits: number;
}

export function matchHeader(sheet: CompiledSheet, cells: readonly HeaderCell[]): HeaderMatch {
  const keys = new Set<string>();
  for (const c of cells) {
    const i = sheet.lookup.get(c.key);
    if (i !== undefined) keys.add(sheet.schema.columns[i]!.key);
  }
  let missing: string[] = [];
  let best = -1;
  let complete = false;
  for (const alt of sheet.schema.requiredAnyOf) {
    const miss = alt.filter((k) => !keys.has(k));
    if (miss.length === 0) {
      complete = true;
      missing = [];
      break;
    }
    const score = alt.length - miss.length;
    if (score > best) {
      best = score;
      missing = miss;
    }
  }
  let requiredHits = 0;
  for (const k of keys) if (sheet.requiredKeys.has(k)) requiredHits++;
  return { keys, complete, missing, requiredHits };
}

/** Looks like a damaged header of this schema: some required column and at least two known ones. */
export function isPartialHeader(m: HeaderMatch): boolean {
  return !m.complete && m.requiredHits >= 1 && m.keys.size >= 2;
}

const UNIT_LABEL = /^\s*(ma don vi|ma dv|madvi|unit code)\b\s*:?\s*(.*)$/;

/**
 * Finds a unit code written above the header: a cell `Mã đơn vị: TC0001C`, or a cell
 * `Mã đơn vị:` with the code in the next non-blank cell of the same row.
 */
export function findUnitCodeLabel(
  rows: readonly { number: number; values: readonly unknown[] }[],
): { row: number; col: number; text: string } | null {
  for (const r of rows) {
    const vals = r.values;
    for (let col = 1; col < vals.length; col++) {
      const v = vals[col];
      if (typeof v !== 'string' && (typeof v !== 'object' || v === null)) continue;
      const text = cellText(v);
      const m = UNIT_LABEL.exec(foldText(text));
      if (!m) continue;
      const colon = text.indexOf(':');
      const rest = colon >= 0 ? text.slice(colon + 1).trim() : '';
      if (rest) return { row: r.number, col, text: rest };
      for (let c = col + 1; c < vals.length; c++) {
        const next = cellText(vals[c]).trim();
        if (next) return { row: r.number, col: c, text: next };
      }
    }
  }
  return null;
}
