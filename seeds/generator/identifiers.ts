/** Identifiers of domain.md §1: tax codes with their check digit, unit codes, SI numbers, office codes. */
import type { Rng } from './prng.js';

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** The check digit for 9 leading digits, or null when the rule yields 10 (no valid code). */
export function taxCheckDigit(first9: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (TAX_WEIGHTS[i] as number);
  const d = 10 - (sum % 11);
  return d === 10 ? null : d;
}

/** Validates a 10-digit code, or a 13-digit branch code (hyphen and spaces allowed; suffix unchecked). */
export function isValidTaxCode(code: string): boolean {
  const n = code.replace(/[\s-]/g, '');
  if (!/^\d{10}(\d{3})?$/.test(n)) return false;
  return taxCheckDigit(n.slice(0, 9)) === Number(n[9]);
}

export function randomTaxCode(rng: Rng): string {
  for (;;) {
    // Real codes start with a province prefix; any 2 digits will do here.
    const first9 = rng.digits(9);
    const d = taxCheckDigit(first9);
    if (d !== null) return first9 + String(d);
  }
}

export const UNIT_CODE_PATTERN = /^[A-Z0-9]{5,10}$/;
export const SUSPENSE_UNIT = 'KM00000';

export function siNumber(serial: number, prefix: string): string {
  const s = prefix + String(serial).padStart(10 - prefix.length, '0');
  if (s.length !== 10) throw new Error(`SI number overflow: ${s}`);
  return s;
}
