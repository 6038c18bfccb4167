/**
 * Folds text for matching headers and value lists: parenthesised notes dropped, lower case,
 * Vietnamese diacritics and `đ` folded, every non-alphanumeric removed. `Mã số BHXH`,
 * `Ma so BHXH`, `MA SO BHXH` and `Mã số BHXH (*)` all become `masobhxh`.
 */
export function foldKey(text: string): string {
  let s = text;
  if (s.includes('(')) s = s.replace(/\([^)]*\)/g, ' ');
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Folds diacritics and case but keeps spaces and punctuation (for labels like `Mã đơn vị: X`). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
