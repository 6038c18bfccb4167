/**
 * The confusions banks and typists produce, applied to receipts the rules 0–4 of domain.md §8 do not
 * match (name suggestions and suspense): unit codes in memos with O/0, I/1, L/1, S/5, B/8, Z/2 swapped or
 * one character dropped or doubled; payer names without diacritics, legal forms abbreviated
 * (`Công ty TNHH` → `CTY TNHH`, `Hợp tác xã` → `HTX`) and cut at the bank's field length (24 or 30).
 *
 * Each receipt draws from its own stream (`confuse:<bank reference>`), so nothing else of the province
 * moves: amounts, dates and the receipts matched by rules 0–4 are those of a province without confusions.
 */
import { SUSPENSE_UNIT } from './identifiers.js';
import { foldDiacritics, normaliseName } from './names.js';
import { rngFor } from './prng.js';
import type { Rng } from './prng.js';
import type { Employer, Receipt } from './types.js';

/** Share of the unmatched receipts of an employer that get confusions. */
export const CONFUSED_SHARE = 0.7;
/** Field lengths of payer names on the statements banks send. */
export const BANK_NAME_LENGTHS = [24, 30] as const;

const AS_LETTER: Readonly<Record<string, readonly string[]>> = {
  '0': ['O'],
  '1': ['I', 'L'],
  '5': ['S'],
  '8': ['B'],
  '2': ['Z'],
};
const AS_DIGIT: Readonly<Record<string, string>> = {
  O: '0',
  I: '1',
  L: '1',
  S: '5',
  B: '8',
  Z: '2',
};

/**
 * A unit code as a typist or a bank's OCR writes it: one or two confusable characters swapped (most
 * often), else one character dropped or doubled. Never a known code; null when every try was one.
 */
export function confuseCode(
  rng: Rng,
  code: string,
  known: ReadonlySet<string>,
): { code: string; kind: string } | null {
  for (let attempt = 0; attempt < 12; attempt++) {
    const chars = code.split('');
    const swappable = chars
      .map((c, i) => (AS_LETTER[c] || AS_DIGIT[c] ? i : -1))
      .filter((i) => i >= 0);
    let kind: string;
    if (swappable.length > 0 && rng.chance(0.75)) {
      const n = swappable.length > 1 && rng.chance(0.3) ? 2 : 1;
      for (const i of rng.shuffle([...swappable]).slice(0, n)) {
        const c = chars[i] as string;
        chars[i] = AS_LETTER[c] ? rng.pick(AS_LETTER[c]) : (AS_DIGIT[c] as string);
      }
      kind = 'code-confusable';
    } else {
      const i = rng.int(2, chars.length - 1);
      if (rng.chance(0.5)) chars.splice(i, 1);
      else chars.splice(i, 0, chars[i] as string);
      kind = 'code-edit';
    }
    let out = chars.join('');
    if (rng.chance(0.15)) out = out.toLowerCase();
    if (out.toUpperCase() !== code && !known.has(out.toUpperCase())) return { code: out, kind };
  }
  return null;
}

/** How a bank's statement shows a payer's name: no diacritics, upper case, legal forms short, cut. */
export function bankPayerName(rng: Rng, name: string): { payerName: string; kind: string } {
  let s = foldDiacritics(name).toUpperCase();
  if (rng.chance(0.85)) {
    s = s
      .replace(/CONG TY TNHH MOT THANH VIEN /g, 'CTY TNHH MTV ')
      .replace(/CONG TY CO PHAN /g, 'CTY CP ')
      .replace(/CONG TY /g, 'CTY ')
      .replace(/HOP TAC XA /g, 'HTX ');
  }
  const cut = rng.pick(BANK_NAME_LENGTHS);
  if (s.length <= cut) return { payerName: s, kind: 'name-bank' };
  return { payerName: s.slice(0, cut).trimEnd(), kind: `name-cut-${cut}` };
}

function withCode(rng: Rng, receipt: Receipt, code: string): string {
  // A typo memo starts with the (mistyped) code; a name memo has none: the code goes before or after.
  if (receipt.memoStyle === 'typo') return receipt.memo.replace(/^\S+/, code);
  return rng.chance(0.5) ? `${code} ${receipt.memo}` : `${receipt.memo} DV ${code}`;
}

export interface ConfusionContext {
  employers: ReadonlyMap<string, Employer>;
  /** Normalised names of the province's employers. */
  normalisedNames: ReadonlySet<string>;
  /** Unit codes of the province (and KM00000). */
  unitCodes: ReadonlySet<string>;
}

/**
 * Applies confusions to a share of the receipts that rules 0–4 leave unmatched and that came from an
 * employer of the province; the others are returned as they are. A payer name cut so short that it
 * is another employer's name is left alone; one that no longer normalises to its employer's name makes
 * the receipt go to suspense (`none`), one that still does keeps the name suggestion.
 */
export function confuseUnmatched(seed: number, receipt: Receipt, ctx: ConfusionContext): Receipt {
  if (receipt.intendedUnitCode === null) return receipt;
  if (receipt.expectedMethod !== 'name' && receipt.expectedMethod !== 'none') return receipt;
  const employer = ctx.employers.get(receipt.intendedUnitCode);
  if (!employer) return receipt;
  const rng = rngFor(seed, `confuse:${receipt.bankRef}`);
  if (!rng.chance(CONFUSED_SHARE)) return receipt;
  const what = rng.weighted<'code' | 'name' | 'both'>([
    ['code', 30],
    ['name', 40],
    ['both', 30],
  ]);
  const out: Receipt = { ...receipt };
  const confusions: string[] = [];
  if (what !== 'name') {
    const c = confuseCode(rng, employer.unitCode, ctx.unitCodes);
    if (c) {
      out.memo = withCode(rng, receipt, c.code);
      confusions.push(c.kind);
    }
  }
  if (what !== 'code') {
    const b = bankPayerName(rng, employer.name);
    const norm = normaliseName(b.payerName);
    const own = normaliseName(employer.name);
    if (norm === own || !ctx.normalisedNames.has(norm)) {
      out.payerName = b.payerName;
      out.expectedMethod = norm === own ? 'name' : 'none';
      out.expectedUnitCode = norm === own ? employer.unitCode : SUSPENSE_UNIT;
      confusions.push(b.kind);
    }
  }
  if (confusions.length === 0) return receipt;
  out.confusions = confusions;
  return out;
}
