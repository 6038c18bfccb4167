/**
 * A small local contribution calculator (domain.md §2–§3), enough to state the truth of the generated
 * salaries: per employer, period and fund, round_half_up(Σ base × rate_bp / 10000). Kept here on purpose:
 * the generator must not depend on the code it is meant to test.
 */
import type { Period } from './calendar.js';

export type FundKey = 'SI_SICK' | 'SI_RETIRE' | 'SI_OA' | 'HI' | 'UI';
export const FUNDS: readonly FundKey[] = ['SI_SICK', 'SI_RETIRE', 'SI_OA', 'HI', 'UI'];

/** Vietnamese fund names as officers write them (product.md). */
export const FUND_NAMES: Readonly<Record<FundKey, string>> = {
  SI_SICK: 'Ốm đau, thai sản',
  SI_RETIRE: 'Hưu trí, tử tuất',
  SI_OA: 'TNLĐ-BNN',
  HI: 'BHYT',
  UI: 'BHTN',
};

export type Region = 1 | 2 | 3 | 4;
export type OaRateBp = 50 | 30;

/** Employer + employee shares, in basis points. */
export function rateBp(fund: FundKey, oaRateBp: OaRateBp): number {
  switch (fund) {
    case 'SI_SICK':
      return 300;
    case 'SI_RETIRE':
      return 2200;
    case 'SI_OA':
      return oaRateBp;
    case 'HI':
      return 450;
    case 'UI':
      return 200;
  }
}

export function totalRateBp(oaRateBp: OaRateBp): number {
  return FUNDS.reduce((s, f) => s + rateBp(f, oaRateBp), 0);
}

const MIN_WAGES: readonly (readonly [Period, readonly [number, number, number, number]])[] = [
  ['2019-01', [4_180_000, 3_710_000, 3_250_000, 2_920_000]],
  ['2020-01', [4_420_000, 3_920_000, 3_430_000, 3_070_000]],
  ['2022-07', [4_680_000, 4_160_000, 3_640_000, 3_250_000]],
  ['2024-07', [4_960_000, 4_410_000, 3_860_000, 3_450_000]],
  ['2026-01', [5_310_000, 4_730_000, 4_140_000, 3_700_000]],
];

const REFERENCE_LEVELS: readonly (readonly [Period, number])[] = [
  ['2019-07', 1_490_000],
  ['2023-07', 1_800_000],
  ['2024-07', 2_340_000],
  ['2026-07', 2_530_000],
];

function inForce<T>(table: readonly (readonly [Period, T])[], p: Period): T {
  let found: T | undefined;
  for (const [from, v] of table) if (from <= p) found = v;
  if (found === undefined) throw new Error(`no reference data for ${p}`);
  return found;
}

/** Regional minimum wage in force on the 1st of `p` (the floor). */
export function regionalMinimumWage(p: Period, region: Region): number {
  return inForce(MIN_WAGES, p)[region - 1] as number;
}

export function siCap(p: Period): number {
  return 20 * inForce(REFERENCE_LEVELS, p);
}

export function uiCap(p: Period, region: Region): number {
  return 20 * regionalMinimumWage(p, region);
}

/** Integer round half up of n / d for non-negative integers. */
export function divRoundHalfUp(n: number, d: number): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  return 2 * r >= d ? q + 1 : q;
}

/**
 * Per-fund amounts for one employer-period from the salaries (salary + allowances) of its insured persons.
 * Sums stay far below 2^53 (base ≤ 10^8 đồng × rate ≤ 2200 × persons ≤ 10^4 → ≤ 2.2·10^15).
 */
export function assessPeriod(
  salaries: readonly number[],
  p: Period,
  region: Region,
  oaRateBp: OaRateBp,
): Record<FundKey, number> {
  const cap = siCap(p);
  const ucap = uiCap(p, region);
  let siBase = 0;
  let uiBase = 0;
  for (const s of salaries) {
    siBase += Math.min(s, cap);
    uiBase += Math.min(s, ucap);
  }
  return {
    SI_SICK: divRoundHalfUp(siBase * 300, 10_000),
    SI_RETIRE: divRoundHalfUp(siBase * 2200, 10_000),
    SI_OA: divRoundHalfUp(siBase * oaRateBp, 10_000),
    HI: divRoundHalfUp(siBase * 450, 10_000),
    UI: divRoundHalfUp(uiBase * 200, 10_000),
  };
}
