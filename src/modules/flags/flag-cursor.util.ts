/** The queue position of a flag: its sort key (`compareByRisk`, then id). */
export interface FlagSortKey {
  riskScore: number;
  monthsOfDebtMilli: number;
  unitCode: string;
  id: number;
}

/** An opaque cursor for the row after which the next page starts. */
export function encodeFlagCursor(k: FlagSortKey): string {
  return Buffer.from(JSON.stringify([k.riskScore, k.monthsOfDebtMilli, k.unitCode, k.id])).toString(
    'base64url',
  );
}

/** The sort key in a cursor, or null when it is not one `encodeFlagCursor` wrote. */
export function decodeFlagCursor(cursor: string): FlagSortKey | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 4) return null;
    const [riskScore, monthsOfDebtMilli, unitCode, id] = v as unknown[];
    if (
      !Number.isSafeInteger(riskScore) ||
      !Number.isSafeInteger(monthsOfDebtMilli) ||
      !Number.isSafeInteger(id)
    )
      return null;
    if (typeof unitCode !== 'string' || unitCode.length > 10) return null;
    return {
      riskScore: riskScore as number,
      monthsOfDebtMilli: monthsOfDebtMilli as number,
      unitCode,
      id: id as number,
    };
  } catch {
    return null;
  }
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
