/**
 * Fund keys in §2's order, which is also the tie-break order of every pro-rata split:
 * SI_SICK (ốm đau, thai sản), SI_RETIRE (hưu trí, tử tuất), SI_OA (TNLĐ-BNN), HI (BHYT),
 * UI (BHTN), OPENING (opening balance from a C12 summary, số dư đầu kỳ).
 */
export const FUND_KEYS = ['SI_SICK', 'SI_RETIRE', 'SI_OA', 'HI', 'UI', 'OPENING'] as const;
export type FundKey = (typeof FUND_KEYS)[number];

/** Funds a roster assessment produces (no OPENING). */
export const CONTRIBUTION_FUNDS = ['SI_SICK', 'SI_RETIRE', 'SI_OA', 'HI', 'UI'] as const;
export type ContributionFund = (typeof CONTRIBUTION_FUNDS)[number];

/** Tags a late-payment charge is booked under (lãi chậm đóng / tiền chậm đóng). */
export const CHARGE_TAGS = ['SI', 'UI', 'HI'] as const;
export type ChargeTag = (typeof CHARGE_TAGS)[number];

export function isFundKey(s: string): s is FundKey {
  return (FUND_KEYS as readonly string[]).includes(s);
}

export function fundOrder(f: FundKey): number {
  return FUND_KEYS.indexOf(f);
}

/** The charge tag of a principal fund: the three SI funds and OPENING charge as SI (§5, §6). */
export function chargeTagOf(f: FundKey): ChargeTag {
  if (f === 'HI') return 'HI';
  if (f === 'UI') return 'UI';
  return 'SI';
}

/** Order of charge tags, by the first fund each covers in §2's order (SI, HI, UI). */
export function chargeTagOrder(t: ChargeTag): number {
  return t === 'SI' ? 0 : t === 'HI' ? 1 : 2;
}

export type FundAmounts = Record<ContributionFund, number>;

export function zeroFundAmounts(): FundAmounts {
  return { SI_SICK: 0, SI_RETIRE: 0, SI_OA: 0, HI: 0, UI: 0 };
}
