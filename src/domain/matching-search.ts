/**
 * Accent-blind search of employer names (the normal form of domain.md §8 step 4, legal-form words kept
 * in one short spelling so that "HTX …", "Hợp tác xã …" and "… " without it all find the same unit).
 */

/** Legal-form phrases (§8 step 4), already folded, and the one spelling a search key keeps. Longest first. */
const LEGAL_FORM_SPELLING: readonly [string[], string][] = [
  [['mot', 'thanh', 'vien'], 'mtv'],
  [['hop', 'tac', 'xa'], 'htx'],
  [['cong', 'ty'], 'cty'],
  [['co', 'phan'], 'cp'],
];

/** Lower case, `đ` → `d`, diacritics removed, punctuation to spaces, spaces collapsed. */
function fold(raw: string): string[] {
  const s = raw
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return s ? s.split(' ') : [];
}

function canonicalTokens(raw: string): string[] {
  const tokens = fold(raw);
  const out: string[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    for (const [phrase, short] of LEGAL_FORM_SPELLING) {
      if (phrase.every((w, k) => tokens[i + k] === w)) {
        out.push(short);
        i += phrase.length;
        continue outer;
      }
    }
    out.push(tokens[i]!);
    i++;
  }
  return out;
}

/**
 * The stored search key of a name: §8 step 4's normal form (lower case, `đ` → `d`, no diacritics,
 * punctuation to spaces, spaces collapsed) with legal-form words kept, each in one spelling
 * (`công ty` → `cty`, `hợp tác xã` → `htx`, `cổ phần` → `cp`, `một thành viên` → `mtv`).
 * `Hợp tác xã Muối Gia Nghĩa` → `htx muoi gia nghia`.
 */
export function searchKey(name: string): string {
  return canonicalTokens(name).join(' ');
}

/**
 * Whether a query finds a stored key: every word of the query, normalised as `searchKey`, begins a word
 * of the key, in any order. "muoi gia nghia", "Muối Gia Nghĩa", "HTX MUOI GIA NGHI" (a bank's cut) and
 * "hop tac xa muoi" all find `htx muoi gia nghia`; an empty query finds every key.
 * In SQL, each query word `w` is `(' ' || search_key) LIKE '% ' || w || '%'`, all of them ANDed.
 */
export function matchesSearch(query: string, key: string): boolean {
  const words = ` ${key} `;
  return canonicalTokens(query).every((w) => words.includes(` ${w}`));
}

/**
 * The words of a query as `matchesSearch` compares them (normalised as `searchKey`), with the characters
 * SQL `LIKE` reads as wildcards left out: what a database filter ANDs, each word beginning a key's word.
 */
export function searchWords(query: string): string[] {
  return canonicalTokens(query)
    .map((w) => w.replace(/[%_\\]/g, ''))
    .filter((w) => w.length > 0);
}
