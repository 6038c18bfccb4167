/**
 * Ranked suggestions for receipts the rules 0–4 left unmatched (domain.md §8 step 5). Suggestions only:
 * nothing here matches a receipt; an officer confirms.
 */
import { normalizeName, type KnownEmployer } from './matching.js';

/** What the ranker reads of a receipt. */
export interface ReceiptToRank {
  memo?: string | null;
  payerName?: string | null;
  /** Whole đồng; compared with the candidates' open quantities. */
  amount?: number | null;
}

/** One period's open quantities of a candidate as of the receipt's value date. */
export interface OpenPeriod {
  /** `YYYY-MM`. */
  period: string;
  /** Principal still unpaid. */
  outstanding: number;
  /** The employer's declared total for the period, if known. */
  declared?: number | null;
}

/** A candidate's open quantities as of the receipt's value date (computed by the caller). */
export interface OpenQuantities {
  overduePrincipal: number;
  periods: readonly OpenPeriod[];
}

export type OpenQuantityLookup =
  ReadonlyMap<string, OpenQuantities> | ((unitCode: string) => OpenQuantities | undefined);

export interface RankedSuggestion {
  unitCode: string;
  /** 0–100, integer. */
  score: number;
  /** `code-like`, `name`, then at most one `amount=…` reason. */
  reasons: string[];
}

/** At most this many suggestions per receipt (§8). */
export const MAX_SUGGESTIONS = 5;

/**
 * Points per signal; a candidate's score is their sum, capped at 100. A candidate needs a code-like
 * token or a name; the amount only adds.
 */
export const RANK_POINTS = {
  /** A memo token that folds to exactly this one known code. */
  codeFolded: 60,
  /** A memo token that folds to this code and to others (codes that differ only by confusable characters). */
  codeFoldedShared: 40,
  /** A memo token one edit from this code and from no other. */
  codeOneEdit: 50,
  /** A memo token one edit from this code and from a few others. */
  codeOneEditShared: 30,
  /** Payer name equal to the employer's, both normalised. */
  nameExact: 50,
  /** Payer name a prefix of this employer's name only (a name the bank cut short). */
  namePrefix: 45,
  /** Payer name a prefix of several employers' names. */
  namePrefixShared: 40,
  /** Trigram similarity s ≥ NAME_MIN_SIMILARITY earns round(nameSimilar × s), at most namePrefixShared − 1. */
  nameSimilar: 50,
  amountOverdue: 30,
  amountPeriod: 30,
  amountDeclared: 25,
  amountPeriods: 25,
} as const;

/** Trigram similarity (Dice) below which a name is no candidate. */
export const NAME_MIN_SIMILARITY = 0.6;
/** Employers read per payer name for trigram candidates (see scoreNames). */
const NAME_CANDIDATE_BUDGET = 120;
/** Names only similar by trigrams kept per payer name, most similar first (then by unit code). */
const TRIGRAM_KEEP = 8;
/** A payer name shorter than this (normalised) is never compared as a prefix. */
const MIN_PREFIX_LENGTH = 6;
/** A token one edit from more codes than this says nothing. */
const MAX_ONE_EDIT_CODES = 40;
/** Longest run of consecutive periods an amount is compared with. */
const MAX_RUN = 6;

const CONFUSABLE: Readonly<Record<string, string>> = {
  O: '0',
  I: '1',
  L: '1',
  S: '5',
  B: '8',
  Z: '2',
};

/**
 * Folds the characters banks and typists confuse (§8 step 5a): upper case, then `O`→`0`, `I`/`L`→`1`,
 * `S`→`5`, `B`→`8`, `Z`→`2`. Two strings that differ only by such confusions fold alike.
 */
export function foldConfusables(token: string): string {
  let out = '';
  for (const ch of token.toUpperCase()) out += CONFUSABLE[ch] ?? ch;
  return out;
}

/** Whether two strings are at most one insertion, deletion or substitution apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** Trigrams of a normalised name, padded as pg_trgm pads a string: two spaces before, one after. */
function trigrams(s: string): string[] {
  const padded = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** The words of a normalised name and its pairs of consecutive words. */
function wordKeys(n: string): string[] {
  const w = n.split(' ');
  const out = new Set(w);
  for (let k = 0; k + 1 < w.length; k++) out.add(`${w[k]} ${w[k + 1]}`);
  return [...out];
}

/** Employers prepared once for ranking many receipts. Built by `buildRankIndex`; read-only afterwards. */
export interface RankIndex {
  readonly codes: readonly string[];
  /** Normalised names (§8 step 4), by employer index. */
  readonly names: readonly string[];
  readonly codeIndex: ReadonlyMap<string, number>;
  /** Folded code → employer indices. */
  readonly folded: ReadonlyMap<string, readonly number[]>;
  /** Folded code and each of its one-character deletions → employer indices. */
  readonly deletes: ReadonlyMap<string, readonly number[]>;
  /** Normalised name → employer indices. */
  readonly exactName: ReadonlyMap<string, readonly number[]>;
  /** Employer indices sorted by normalised name (prefix search by bisection). */
  readonly byName: Int32Array;
  readonly trigramId: ReadonlyMap<string, number>;
  /** Number of distinct trigrams of each employer's name. */
  readonly trigramCount: Int32Array;
  /** Each employer's trigram ids in the order they occur in its padded name (repeats kept). */
  readonly trigramSeq: readonly Int32Array[];
  /** Per employer, entry k: distinct trigrams among the first k of `trigramSeq`. */
  readonly distinctUpTo: readonly Int32Array[];
  /** Each word and each pair of consecutive words of the normalised names → employer indices. */
  readonly words: ReadonlyMap<string, readonly number[]>;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** Indexes employers once: folded codes with their deletions, normalised names, a trigram index. */
export function buildRankIndex(employers: readonly KnownEmployer[]): RankIndex {
  const codes: string[] = [];
  const names: string[] = [];
  const codeIndex = new Map<string, number>();
  const folded = new Map<string, number[]>();
  const deletes = new Map<string, number[]>();
  const exactName = new Map<string, number[]>();
  const trigramId = new Map<string, number>();
  /** Trigram id → the last employer whose name had it (to count each name's distinct trigrams). */
  const lastHolder: number[] = [];
  const trigramCount = new Int32Array(employers.length);
  const trigramSeq: Int32Array[] = [];
  const distinctUpTo: Int32Array[] = [];
  const words = new Map<string, number[]>();
  for (const e of employers) {
    const code = e.unitCode.trim().toUpperCase();
    if (codeIndex.has(code)) continue;
    const i = codes.length;
    codes.push(code);
    codeIndex.set(code, i);
    const f = foldConfusables(code);
    push(folded, f, i);
    push(deletes, f, i);
    for (const d of deletions(f)) push(deletes, d, i);
    const n = normalizeName(e.name);
    names.push(n);
    const padded = `  ${n} `;
    const seq = new Int32Array(n ? padded.length - 2 : 0);
    trigramSeq.push(seq);
    const upTo = new Int32Array(seq.length + 1);
    distinctUpTo.push(upTo);
    if (!n) continue;
    push(exactName, n, i);
    for (const key of wordKeys(n)) push(words, key, i);
    for (let k = 0; k < seq.length; k++) {
      const g = padded.slice(k, k + 3);
      let id = trigramId.get(g);
      if (id === undefined) {
        id = lastHolder.length;
        trigramId.set(g, id);
        lastHolder.push(-1);
      }
      seq[k] = id;
      if (lastHolder[id] !== i) {
        lastHolder[id] = i;
        trigramCount[i]!++;
      }
      upTo[k + 1] = trigramCount[i]!;
    }
  }
  const byName = Int32Array.from(names.keys()).sort((a, b) =>
    names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : a - b,
  );
  return {
    codes,
    names,
    codeIndex,
    folded,
    deletes,
    exactName,
    byName,
    trigramId,
    trigramCount: trigramCount.slice(0, codes.length),
    trigramSeq,
    distinctUpTo,
    words,
  };
}

interface Candidate {
  i: number;
  code: number;
  name: number;
  amount: number;
  amountReason: string | null;
}

function candidate(found: Map<number, Candidate>, i: number): Candidate {
  let c = found.get(i);
  if (!c) {
    c = { i, code: 0, name: 0, amount: 0, amountReason: null };
    found.set(i, c);
  }
  return c;
}

/** Memo tokens that may be a mistyped unit code: 4–11 characters, a digit once folded. */
function codeTokens(memo: string): string[] {
  const out = new Set<string>();
  for (const raw of memo.split(/[^A-Za-z0-9]+/)) {
    if (raw.length < 4 || raw.length > 11) continue;
    const f = foldConfusables(raw);
    if (/\d/.test(f)) out.add(f);
  }
  return [...out];
}

function scoreCodes(idx: RankIndex, memo: string, found: Map<number, Candidate>): void {
  for (const t of codeTokens(memo)) {
    const exact = idx.folded.get(t);
    if (exact) {
      const pts = exact.length === 1 ? RANK_POINTS.codeFolded : RANK_POINTS.codeFoldedShared;
      for (const i of exact) {
        const c = candidate(found, i);
        c.code = Math.max(c.code, pts);
      }
      continue;
    }
    const near = new Set<number>();
    const consider = (list: readonly number[] | undefined): void => {
      for (const i of list ?? []) {
        if (!near.has(i) && withinOneEdit(t, foldConfusables(idx.codes[i]!))) near.add(i);
      }
    };
    consider(idx.deletes.get(t)); // the memo lost a character, or equals a code's deletion
    for (const d of deletions(t)) {
      consider(idx.folded.get(d)); // the memo has a character too many
      consider(idx.deletes.get(d)); // one character substituted
    }
    if (near.size === 0 || near.size > MAX_ONE_EDIT_CODES) continue;
    const pts = near.size === 1 ? RANK_POINTS.codeOneEdit : RANK_POINTS.codeOneEditShared;
    for (const i of near) {
      const c = candidate(found, i);
      c.code = Math.max(c.code, pts);
    }
  }
}

/** First position in `byName` whose name is ≥ `key`. */
function lowerBound(idx: RankIndex, key: string): number {
  let lo = 0;
  let hi = idx.byName.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (idx.names[idx.byName[mid]!]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function dice(shared: number, a: number, b: number): number {
  return a + b === 0 ? 0 : (2 * shared) / (a + b);
}

function scoreNames(idx: RankIndex, payerName: string, found: Map<number, Candidate>): void {
  const p = normalizeName(payerName);
  if (p.length < 3) return;
  const give = (i: number, pts: number): void => {
    const c = candidate(found, i);
    c.name = Math.max(c.name, pts);
  };
  for (const i of idx.exactName.get(p) ?? []) give(i, RANK_POINTS.nameExact);

  // A name the bank cut short is a prefix of the employer's.
  if (p.length >= MIN_PREFIX_LENGTH) {
    const prefixed: number[] = [];
    for (let k = lowerBound(idx, p); k < idx.byName.length; k++) {
      const i = idx.byName[k]!;
      const n = idx.names[i]!;
      if (!n.startsWith(p)) break;
      if (n !== p) prefixed.push(i);
    }
    const pts = prefixed.length === 1 ? RANK_POINTS.namePrefix : RANK_POINTS.namePrefixShared;
    for (const i of prefixed) give(i, pts);
  }

  // Trigram similarity, whole names and the employer's name cut to the payer's length.
  const grams = trigrams(p);
  const a = grams.length;
  const mineText = new Set(grams);
  const mine = new Uint8Array(idx.trigramId.size);
  const ids: number[] = [];
  for (const g of grams) {
    const id = idx.trigramId.get(g);
    if (id !== undefined) {
      mine[id] = 1;
      ids.push(id);
    }
  }
  // Dice 2x/(a+b) ≥ s with x ≤ b needs x ≥ s·a/(2−s) shared trigrams, whether b is the whole name or its
  // cut (whose trigrams are the whole name's first ones and one ending in a space, so the whole name
  // shares at least one fewer).
  const need = Math.max(
    1,
    Math.ceil((NAME_MIN_SIMILARITY * a) / (2 - NAME_MIN_SIMILARITY) - 1e-9) - 1,
  );
  if (ids.length < need) return;
  // Other candidates share a word or a pair of consecutive words with the payer, the rarest first, as
  // long as no more than NAME_CANDIDATE_BUDGET employers are read: a name sharing no word, or only
  // words so common that they say little (hundreds of employers), is no candidate by similarity.
  const lists = wordKeys(p)
    .map((k) => idx.words.get(k))
    .filter((l): l is readonly number[] => l !== undefined)
    .sort((x, y) => x.length - y.length);
  const seen = new Uint8Array(idx.codes.length);
  // Candidates with a code-like token and no name points yet are always compared; an equal name or a
  // prefix already earns more than similarity can.
  const order: number[] = [];
  for (const c of found.values()) {
    seen[c.i] = 1;
    if (c.name === 0) order.push(c.i);
  }
  const fromOthers = order.length;
  for (const list of lists) {
    if (order.length - fromOthers + list.length > NAME_CANDIDATE_BUDGET) break;
    for (const i of list) {
      if (seen[i]) continue;
      seen[i] = 1;
      order.push(i);
    }
  }
  const stamp = new Int32Array(idx.trigramId.size);
  const firstAt = new Int32Array(idx.trigramId.size);
  let round = 0;
  const cap = RANK_POINTS.namePrefixShared - 1;
  const similar: number[][] = [];
  for (const i of order) {
    const seq = idx.trigramSeq[i]!;
    const n = idx.names[i]!;
    // The employer's name cut to the payer's length (a trailing space dropped): its first cutLen
    // trigrams, and one of its last two characters and the padding.
    let cutLen = n.length > p.length ? p.length : 0;
    while (cutLen > 0 && n.charCodeAt(cutLen - 1) === 32) cutLen--;
    round++;
    let shared = 0;
    let cutShared = 0;
    for (let q = 0; q < seq.length; q++) {
      const id = seq[q]!;
      if (stamp[id] === round) continue;
      stamp[id] = round;
      firstAt[id] = q;
      if (mine[id]) {
        shared++;
        if (q < cutLen) cutShared++;
      }
    }
    if (shared < need) continue;
    let s = dice(shared, a, idx.trigramCount[i]!);
    if (cutLen > 1 && s < 1) {
      let cutCount = idx.distinctUpTo[i]![cutLen]!;
      if (dice(cutShared + 1, a, cutCount) > s) {
        const tail = `${n.slice(cutLen - 2, cutLen)} `;
        const tailId = idx.trigramId.get(tail);
        if (tailId === undefined || stamp[tailId] !== round || firstAt[tailId]! >= cutLen) {
          cutCount++;
          if (mineText.has(tail)) cutShared++;
        }
        s = Math.max(s, dice(cutShared, a, cutCount));
      }
    }
    if (s < NAME_MIN_SIMILARITY) continue;
    const pts = Math.min(cap, Math.round(RANK_POINTS.nameSimilar * s));
    if (found.has(i)) give(i, pts);
    else (similar[pts] ??= []).push(i);
  }
  // Of the names only similar (no code-like token, not equal, not a prefix), the TRIGRAM_KEEP most similar.
  let kept = 0;
  for (let pts = cap; pts >= 0 && kept < TRIGRAM_KEEP; pts--) {
    const list = similar[pts];
    if (!list) continue;
    list.sort((x, y) => (idx.codes[x]! < idx.codes[y]! ? -1 : 1));
    for (const i of list.slice(0, TRIGRAM_KEEP - kept)) give(i, pts);
    kept += list.length;
  }
}

function mmYyyy(period: string): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

/** `YYYY-MM` as a month count, read from the character codes (no allocation: called per candidate). */
function monthNumber(period: string): number {
  const d = (k: number): number => period.charCodeAt(k) - 48;
  return (d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)) * 12 + d(5) * 10 + d(6);
}

function byPeriod(x: OpenPeriod, y: OpenPeriod): number {
  return x.period < y.period ? -1 : x.period > y.period ? 1 : 0;
}

/**
 * The strongest open quantity `amount` equals (§8 step 5c): overdue principal, one period's outstanding,
 * one period's declared total, the outstanding of 2–6 consecutive periods (the first and last unpaid).
 */
export function amountSignal(
  amount: number,
  open: OpenQuantities,
): { points: number; reason: string } | null {
  if (!(amount > 0)) return null;
  if (open.overduePrincipal === amount)
    return { points: RANK_POINTS.amountOverdue, reason: 'amount=overdue' };
  let periods = open.periods;
  let months = periods.map((p) => monthNumber(p.period));
  for (let k = 1; k < months.length; k++) {
    if (months[k - 1]! > months[k]!) {
      periods = [...periods].sort(byPeriod);
      months = periods.map((p) => monthNumber(p.period));
      break;
    }
  }
  let total = 0;
  for (const p of periods) {
    if (p.outstanding === amount)
      return { points: RANK_POINTS.amountPeriod, reason: `amount=period ${mmYyyy(p.period)}` };
    total += Math.max(0, p.outstanding);
  }
  for (const p of periods) {
    if (p.declared != null && p.declared === amount) {
      return { points: RANK_POINTS.amountDeclared, reason: `amount=declared ${mmYyyy(p.period)}` };
    }
  }
  if (amount > total) return null;
  for (let s = 0; s < periods.length; s++) {
    if (!(periods[s]!.outstanding > 0)) continue;
    let sum = periods[s]!.outstanding;
    for (let e = s + 1; e < periods.length && e - s < MAX_RUN; e++) {
      if (months[e] !== months[e - 1]! + 1) break;
      sum += periods[e]!.outstanding;
      if (sum > amount) break;
      if (sum === amount && periods[e]!.outstanding > 0) {
        return {
          points: RANK_POINTS.amountPeriods,
          reason: `amount=periods ${mmYyyy(periods[s]!.period)}-${mmYyyy(periods[e]!.period)}`,
        };
      }
    }
  }
  return null;
}

function byScore(
  a: { score: number; unitCode: string },
  b: { score: number; unitCode: string },
): number {
  return b.score - a.score || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0);
}

/** The k first of `items` by score descending, then unit code, without sorting them all. */
function best<T extends { score: number; unitCode: string }>(items: readonly T[], k: number): T[] {
  const top: T[] = [];
  for (const x of items) {
    if (top.length === k && byScore(x, top[k - 1]!) >= 0) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && byScore(x, top[at - 1]!) < 0) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = x;
    if (top.length > k) top.length = k;
  }
  return top;
}

/**
 * Ranked suggestions for one unmatched receipt (§8 step 5): at most five employers, best first (score
 * descending, then unit code), each from (a) a memo token that folds to a known unit code or lies one
 * edit from one (`code-like`), or (b) the payer's name against employers' names — equal, a prefix, or
 * similar by trigrams (`name`); (c) an amount equal to one of the candidate's open quantities as of the
 * value date only raises the score. Reads its inputs only.
 */
export function rankCandidates(
  receipt: ReceiptToRank,
  index: RankIndex,
  openQuantities?: OpenQuantityLookup,
): RankedSuggestion[] {
  const found = new Map<number, Candidate>();
  if (receipt.memo) scoreCodes(index, receipt.memo, found);
  if (receipt.payerName) scoreNames(index, receipt.payerName, found);
  if (found.size === 0) return [];

  const pre = [...found.values()].map((c) => ({
    c,
    unitCode: index.codes[c.i]!,
    score: Math.min(100, c.code + c.name),
  }));
  const amount = receipt.amount;
  if (openQuantities && amount != null && amount > 0) {
    // Only a candidate within the amount's largest gain of the fifth can still reach the list.
    const top = best(pre, MAX_SUGGESTIONS);
    const floor =
      pre.length > MAX_SUGGESTIONS
        ? top[MAX_SUGGESTIONS - 1]!.score - RANK_POINTS.amountOverdue
        : -1;
    const lookup =
      typeof openQuantities === 'function' ? openQuantities : (u: string) => openQuantities.get(u);
    for (const x of pre) {
      if (x.score < floor) continue;
      const open = lookup(x.unitCode);
      const hit = open ? amountSignal(amount, open) : null;
      if (hit) {
        x.c.amount = hit.points;
        x.c.amountReason = hit.reason;
        x.score = Math.min(100, x.score + hit.points);
      }
    }
  }
  return best(pre, MAX_SUGGESTIONS).map(({ c, unitCode, score }) => {
    const reasons: string[] = [];
    if (c.code > 0) reasons.push('code-like');
    if (c.name > 0) reasons.push('name');
    if (c.amountReason) reasons.push(c.amountReason);
    return { unitCode, score, reasons };
  });
}
