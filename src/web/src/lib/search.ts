/**
 * Accent-blind matching for the console's pickers (the server's employer search works the same way on
 * its stored keys): lower case, `đ` → `d`, diacritics and punctuation dropped; every word of the query
 * must begin a word of the text, in any order. "gia nghia" and "GIA NGHĨA" both find "Gia Nghĩa".
 */
export function foldWords(text: string): string[] {
  const s = text
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return s ? s.split(' ') : [];
}

export function matchesWords(query: string, text: string): boolean {
  const words = foldWords(text);
  return foldWords(query).every((q) => words.some((w) => w.startsWith(q)));
}
