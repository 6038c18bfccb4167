/** The order a set's files are committed in: each kind's checks read what the kinds before it bring. */
export const COMMIT_ORDER = [
  'employers',
  'c12-summary',
  'receivables',
  'roster',
  'receipts',
] as const;

/** Where a file goes in the set's commit: employers → c12-summary → receivables → roster → receipts. */
export function commitRank(b: { kind: string }): number {
  const i = (COMMIT_ORDER as readonly string[]).indexOf(b.kind);
  return i < 0 ? COMMIT_ORDER.length : i;
}
