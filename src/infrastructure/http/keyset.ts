/**
 * The keyset pager every list shares: a page is the rows after the previous page's last row in the
 * list's order, and `nextCursor` is that row's sort key, encoded opaquely (base64url JSON of the key's
 * values) so clients pass it back untouched. A list declares its key as a tuple of parts; decoding
 * checks every part and answers null for anything this encoder did not write (the list turns that
 * into its own `…_CURSOR_INVALID` error).
 */

import { AppError } from './app-error.js';

/** A cursor this encoder did not write for the list (tampered, or of another list): 400. */
export class CursorInvalidError extends AppError {
  constructor() {
    super('CURSOR_INVALID', 'cursor must be the nextCursor of the previous page', 400);
  }
}

/** The longest cursor a list accepts (an encoded key of a few codes and ids is far shorter). */
export const CURSOR_MAX_LENGTH = 300;

/** One value of a sort key as it travels in a cursor. */
export type CursorValue = string | number;

/** Reads one part of a decoded key: the typed value, or undefined when it is not one. */
export type CursorPart<T> = (v: unknown) => T | undefined;

/** A safe integer (ids, scores, thousandths). */
export const intPart: CursorPart<number> = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;

/** A string of at most `max` characters (codes, uuids, emails). */
export function textPart(max: number): CursorPart<string> {
  return (v) => (typeof v === 'string' && v.length <= max ? v : undefined);
}

/** An instant, carried as its ISO string. */
export const instantPart: CursorPart<Date> = (v) => {
  if (typeof v !== 'string' || v.length > 40) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/** The values of a sort key → an opaque, URL-safe cursor. Dates are written as ISO strings. */
export function encodeCursor(key: readonly (CursorValue | Date)[]): string {
  const values = key.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

type Decoded<P extends readonly CursorPart<unknown>[]> = {
  -readonly [K in keyof P]: P[K] extends CursorPart<infer T> ? T : never;
};

/** The sort key in a cursor, read part by part, or null when it is not one {@link encodeCursor} wrote for this key. */
export function decodeCursor<const P extends readonly CursorPart<unknown>[]>(
  cursor: string,
  parts: P,
): Decoded<P> | null {
  if (cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(raw) || raw.length !== parts.length) return null;
  const out: unknown[] = [];
  for (let i = 0; i < parts.length; i++) {
    const v = parts[i]!(raw[i]);
    if (v === undefined) return null;
    out.push(v);
  }
  return out as Decoded<P>;
}

/** {@link decodeCursor}, throwing {@link CursorInvalidError} for a cursor it cannot read. */
export function readCursor<const P extends readonly CursorPart<unknown>[]>(
  cursor: string,
  parts: P,
): Decoded<P> {
  const key = decodeCursor(cursor, parts);
  if (!key) throw new CursorInvalidError();
  return key;
}

/**
 * One page from rows fetched with `limit + 1`: the first `limit` rows, and the cursor of the last one
 * when the extra row shows there is more (null on the last page).
 */
export function keysetPage<R>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => readonly (CursorValue | Date)[],
): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
