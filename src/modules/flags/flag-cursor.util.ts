import { decodeCursor, encodeCursor, intPart, textPart } from '../../infrastructure/http/keyset.js';

/** The queue position of a flag: its sort key (`compareByRisk`, then id). */
export interface FlagSortKey {
  riskScore: number;
  monthsOfDebtMilli: number;
  unitCode: string;
  id: number;
}

/** An opaque cursor for the row after which the next page starts (the shared keyset encoder). */
export function encodeFlagCursor(k: FlagSortKey): string {
  return encodeCursor([k.riskScore, k.monthsOfDebtMilli, k.unitCode, k.id]);
}

const FLAG_KEY = [intPart, intPart, textPart(10), intPart] as const;

/** The sort key in a cursor, or null when it is not one `encodeFlagCursor` wrote. */
export function decodeFlagCursor(cursor: string): FlagSortKey | null {
  const key = decodeCursor(cursor, FLAG_KEY);
  if (!key) return null;
  const [riskScore, monthsOfDebtMilli, unitCode, id] = key;
  return { riskScore, monthsOfDebtMilli, unitCode, id };
}

/** Rows strictly after `k` in queue order, as a MikroORM filter; the leading bound lets an index range start there. */
export function afterFlagCursor(k: FlagSortKey) {
  return {
    riskScore: { $lte: k.riskScore },
    $or: [
      { riskScore: { $lt: k.riskScore } },
      { riskScore: k.riskScore, monthsOfDebtMilli: { $lt: k.monthsOfDebtMilli } },
      {
        riskScore: k.riskScore,
        monthsOfDebtMilli: k.monthsOfDebtMilli,
        unitCode: { $gt: k.unitCode },
      },
      {
        riskScore: k.riskScore,
        monthsOfDebtMilli: k.monthsOfDebtMilli,
        unitCode: k.unitCode,
        id: { $gt: k.id },
      },
    ],
  };
}

export const FLAG_QUEUE_ORDER = [
  { riskScore: 'desc' },
  { monthsOfDebtMilli: 'desc' },
  { unitCode: 'asc' },
  { id: 'asc' },
] as const;
