import { dateParser, parseMoney, parseText, parseUnitCode, periodParser } from '../values.js';
import { column, type ColumnSpec } from '../column-schema.js';
import { FUND_KEYS, FUND_NAMES, type FundKey } from '../value-lists.js';

/** Business dates (receipts, payments, due dates): nothing before the VSS existed. */
export const parseBusinessDate = dateParser({ min: '1995-01-01', max: '2100-12-31' });
export const parseBirthDate = dateParser({ min: '1920-01-01', max: '2020-12-31' });
export const parsePeriod = periodParser(1995, 2100);

export const UNIT_CODE_HEADERS = ['Mã đơn vị', 'Mã ĐV', 'madvi', 'unit code'] as const;

export function unitCodeColumn(
  opts: Omit<ColumnSpec, 'key' | 'headers' | 'parse'> = {},
): ColumnSpec {
  return column('unitCode', UNIT_CODE_HEADERS, parseUnitCode, opts);
}

export function textColumn(
  key: string,
  headers: readonly string[],
  opts: Omit<ColumnSpec, 'key' | 'headers' | 'parse'> = {},
): ColumnSpec {
  return column(key, headers, parseText, opts);
}

/** One money column per fund, keyed by the fund key, headed by the fund's names. */
export function fundColumns(): ColumnSpec[] {
  return FUND_KEYS.map((f) => column(f, FUND_NAMES[f], parseMoney));
}

/** Reads the per-fund amounts of a row (null when every fund cell is blank). */
export function fundAmounts(
  values: readonly unknown[],
  idx: Record<string, number>,
): Partial<Record<FundKey, number>> | null {
  let out: Partial<Record<FundKey, number>> | null = null;
  for (const f of FUND_KEYS) {
    const v = values[idx[f]!];
    if (typeof v === 'number') (out ??= {})[f] = v;
  }
  return out;
}
