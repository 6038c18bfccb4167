import { normalizeUnitCode, SUSPENSE_UNIT_CODE, taxCodeOf } from './identifiers.js';

/** How a receipt was tied to an employer (product.md). */
export type MatchMethod = 'column' | 'reference' | 'unit-code' | 'tax-code' | 'name' | 'officer';

export interface KnownEmployer {
  unitCode: string;
  taxCode?: string | null;
  name: string;
}

export interface ReceiptToMatch {
  memo?: string | null;
  payerName?: string | null;
  /** The statement's own unit code column, if any. */
  unitCode?: string | null;
}

export interface MatchResult {
  /** The matched employer, or null: the receipt stays on suspense (KM00000). */
  unitCode: string | null;
  method: MatchMethod | null;
  /** 0–1. */
  confidence: number;
  /** A name match waiting for an officer (rule 4), else null. */
  suggestion: string | null;
}

export const MATCH_CONFIDENCE: Record<Exclude<MatchMethod, 'officer'>, number> = {
  column: 1,
  reference: 0.99,
  'unit-code': 0.9,
  'tax-code': 0.85,
  name: 0.5,
};

const SUSPENSE: MatchResult = { unitCode: null, method: null, confidence: 0, suggestion: null };
export { SUSPENSE_UNIT_CODE };

/** Legal-form words dropped from names, already normalised (§8). Longest phrases first. */
const LEGAL_FORMS: readonly string[][] = [
  ['mot', 'thanh', 'vien'],
  ['hop', 'tac', 'xa'],
  ['cong', 'ty'],
  ['co', 'phan'],
  ['cty'],
  ['tnhh'],
  ['cp'],
  ['mtv'],
  ['dntn'],
  ['htx'],
];

/**
 * Name normalisation (§8): lower case, đ → d, diacritics removed, punctuation to spaces, legal-form words
 * dropped, spaces collapsed.
 */
export function normalizeName(raw: string): string {
  const folded = raw
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const tokens = folded.length ? folded.split(/\s+/) : [];
  const out: string[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    for (const phrase of LEGAL_FORMS) {
      if (phrase.every((w, k) => tokens[i + k] === w)) {
        i += phrase.length;
        continue outer;
      }
    }
    out.push(tokens[i]!);
    i++;
  }
  return out.join(' ');
}

/** Tax-code candidates in free text: 10 digits, optionally followed by `-NNN` or `NNN` (a branch). */
export function taxCodeCandidates(text: string): string[] {
  const out: string[] = [];
  const re = /(?<!\d)(\d{10})(?:-?(\d{3}))?(?!\d)/g;
  for (const m of text.matchAll(re)) {
    const code = taxCodeOf(m[0]);
    if (code) out.push(code);
  }
  return out;
}

/** An index of known employers for matching many receipts. */
export interface EmployerIndex {
  byCode: Map<string, KnownEmployer>;
  byTax: Map<string, string[]>;
  byName: Map<string, string[]>;
}

export function buildEmployerIndex(employers: readonly KnownEmployer[]): EmployerIndex {
  const byCode = new Map<string, KnownEmployer>();
  const byTax = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const e of employers) {
    const code = normalizeUnitCode(e.unitCode) ?? e.unitCode.toUpperCase();
    byCode.set(code, e);
    // A registered tax code failing §1 can never equal a valid candidate from a memo: not indexed.
    const t = e.taxCode ? taxCodeOf(e.taxCode) : null;
    if (t) byTax.set(t, [...(byTax.get(t) ?? []), code]);
    const n = normalizeName(e.name);
    if (n) byName.set(n, [...(byName.get(n) ?? []), code]);
  }
  return { byCode, byTax, byName };
}

/**
 * Matches a receipt to an employer (§8), first hit wins: 0 the statement's unit code column; 1 the VSS
 * payment reference `+BHXH+103+00+<unit code>+<office>+`; 2 exactly one known unit code in the memo;
 * 3 a valid tax code registered to exactly one employer; 4 a unique normalised name — a suggestion only.
 * Otherwise suspense.
 */
export function matchReceipt(
  receipt: ReceiptToMatch,
  employers: readonly KnownEmployer[] | EmployerIndex,
): MatchResult {
  const idx = Array.isArray(employers)
    ? buildEmployerIndex(employers as KnownEmployer[])
    : (employers as EmployerIndex);
  const hit = (unitCode: string, method: Exclude<MatchMethod, 'officer'>): MatchResult => ({
    unitCode,
    method,
    confidence: MATCH_CONFIDENCE[method],
    suggestion: null,
  });
  const memo = receipt.memo ?? '';

  // 0. Unit code column.
  const col = receipt.unitCode ? normalizeUnitCode(receipt.unitCode) : null;
  if (col && idx.byCode.has(col)) return hit(col, 'column');

  // 1. VSS payment reference (the office code is not checked).
  for (const m of memo.matchAll(/\+BHXH\+103\+00\+([A-Za-z0-9]+)\+/gi)) {
    const code = normalizeUnitCode(m[1]!);
    if (code && idx.byCode.has(code)) return hit(code, 'reference');
  }

  // 2. Exactly one known unit code in the memo (word boundary, case-insensitive).
  const found = new Set<string>();
  for (const tok of memo.split(/[^A-Za-z0-9_]+/)) {
    const code = normalizeUnitCode(tok);
    if (code && idx.byCode.has(code)) found.add(code);
  }
  if (found.size === 1) return hit([...found][0]!, 'unit-code');

  // 3. A valid tax code registered to exactly one employer (13 digits: that branch; 10: exactly 10).
  const taxHits = new Set<string>();
  for (const text of [memo, receipt.payerName ?? '']) {
    for (const t of taxCodeCandidates(text)) for (const c of idx.byTax.get(t) ?? []) taxHits.add(c);
  }
  if (taxHits.size === 1) return hit([...taxHits][0]!, 'tax-code');

  // 4. Name: a suggestion only; the money stays on suspense.
  const n = normalizeName(receipt.payerName ?? '');
  const byName = n ? idx.byName.get(n) : undefined;
  if (byName && byName.length === 1) {
    return {
      unitCode: null,
      method: 'name',
      confidence: MATCH_CONFIDENCE.name,
      suggestion: byName[0]!,
    };
  }
  return SUSPENSE;
}
