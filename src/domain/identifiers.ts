/**
 * §1 identifiers, written once: unit code (mã đơn vị), tax code (mã số thuế), SI number (mã số BHXH),
 * office code (mã cơ quan BHXH) and province code. Import parsers, DTO validation and matching all use
 * these; none keeps a pattern of its own.
 */

/** Suspense unit for receipts that could not be identified (§1, §8). */
export const SUSPENSE_UNIT_CODE = 'KM00000';

const UNIT_CODE_RE = /^[A-Z0-9]{5,10}$/;
const SI_NUMBER_RE = /^\d{10}$/;
const OFFICE_CODE_RE = /^\d{5}$/;
/** Offices carry a province code; no official width is fixed, the codes in use are 2 to 5 digits. */
const PROVINCE_CODE_RE = /^\d{2,5}$/;
const TAX_CODE_RE = /^\d{10}(\d{3})?$/;

/** Upper-cases and trims; returns null unless the result matches `^[A-Z0-9]{5,10}$`. */
export function normalizeUnitCode(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  return UNIT_CODE_RE.test(s) ? s : null;
}

/** A unit code as §1 accepts it: `^[A-Z0-9]{5,10}$` once trimmed and upper-cased. */
export function isValidUnitCode(raw: string): boolean {
  return normalizeUnitCode(raw) !== null;
}

/** Exactly 10 digits, leading zeros significant (kept as text). */
export function isValidSiNumber(raw: string): boolean {
  return SI_NUMBER_RE.test(raw);
}

/** Office code: exactly 5 digits, e.g. `06703`. */
export function isValidOfficeCode(raw: string): boolean {
  return OFFICE_CODE_RE.test(raw);
}

/** Province code shared by the offices of one province: 2 to 5 digits, e.g. `67`. */
export function isValidProvinceCode(raw: string): boolean {
  return PROVINCE_CODE_RE.test(raw);
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** Removes spaces and hyphens. */
export function normalizeTaxCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** Check digit of the first 9 digits, or null when the formula gives 10 (such codes are invalid). */
export function taxCodeCheckDigit(first9: string): number | null {
  let s = 0;
  for (let i = 0; i < 9; i++) s += (first9.charCodeAt(i) - 48) * TAX_WEIGHTS[i]!;
  const d = 10 - (s % 11);
  return d === 10 ? null : d;
}

/**
 * Why a tax code is refused once normalised: `format` (not 10 digits, or 13 for a branch) or
 * `check-digit` (the 10th digit is not §1's check digit, or the formula gives 10); null when valid.
 * The branch suffix is not checked.
 */
export function taxCodeFault(raw: string): 'format' | 'check-digit' | null {
  const s = normalizeTaxCode(raw);
  if (!TAX_CODE_RE.test(s)) return 'format';
  const d = taxCodeCheckDigit(s);
  return d !== null && d === s.charCodeAt(9) - 48 ? null : 'check-digit';
}

/** The tax code in normal form (spaces and hyphens removed) when it is valid, otherwise null. */
export function taxCodeOf(raw: string): string | null {
  return taxCodeFault(raw) === null ? normalizeTaxCode(raw) : null;
}

/** A valid tax code after normalisation (see {@link taxCodeOf}). */
export function isValidTaxCode(raw: string): boolean {
  return taxCodeOf(raw) !== null;
}
