/** §1 identifiers: unit code (mã đơn vị), tax code (mã số thuế), SI number (mã số BHXH). */

/** Suspense unit for receipts that could not be identified (§1, §8). */
export const SUSPENSE_UNIT_CODE = 'KM00000';

const UNIT_CODE_RE = /^[A-Z0-9]{5,10}$/;

/** Upper-cases and trims; returns null unless the result matches `^[A-Z0-9]{5,10}$`. */
export function normalizeUnitCode(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  return UNIT_CODE_RE.test(s) ? s : null;
}

export function isValidSiNumber(raw: string): boolean {
  return /^\d{10}$/.test(raw);
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** Removes spaces and hyphens. */
export function normalizeTaxCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** Check digit of the first 9 digits, or null when the formula gives 10 (such codes are invalid). */
export function taxCodeCheckDigit(first9: string): number | null {
  let s = 0;
  for (let i = 0; i < 9; i++) s += Number(first9[i]) * TAX_WEIGHTS[i]!;
  const d = 10 - (s % 11);
  return d === 10 ? null : d;
}

/**
 * A valid tax code after normalisation: 10 digits or 13 (branch), the 10th digit matching §1's check
 * digit. The branch suffix is not checked.
 */
export function isValidTaxCode(raw: string): boolean {
  const s = normalizeTaxCode(raw);
  if (!/^\d{10}(\d{3})?$/.test(s)) return false;
  const d = taxCodeCheckDigit(s.slice(0, 9));
  return d !== null && d === Number(s[9]);
}
