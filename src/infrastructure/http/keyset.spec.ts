import {
  CURSOR_MAX_LENGTH,
  decodeCursor,
  encodeCursor,
  instantPart,
  intPart,
  keysetPage,
  textPart,
} from './keyset.js';

const KEY = [intPart, textPart(10), instantPart] as const;

describe('keyset cursors', () => {
  it('round-trips a key and stays URL-safe', () => {
    const at = new Date('2026-05-04T03:02:01.000Z');
    const c = encodeCursor([1_456_000_000, 'TC0001C', at]);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, KEY)).toEqual([1_456_000_000, 'TC0001C', at]);
  });

  it('is base64url JSON of the values (the format flags and imports already answered)', () => {
    expect(encodeCursor([3, 'A'])).toBe(Buffer.from('[3,"A"]').toString('base64url'));
  });

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'nonsense'],
    ['too few parts', Buffer.from('[1,"A"]').toString('base64url')],
    ['too many parts', Buffer.from('[1,"A","2026-01-01",4]').toString('base64url')],
    ['a fraction where an int goes', Buffer.from('[1.5,"A","2026-01-01"]').toString('base64url')],
    ['a text too long', Buffer.from('[1,"ABCDEFGHIJK","2026-01-01"]').toString('base64url')],
    ['not an instant', Buffer.from('[1,"A","2026-02-30T99:00"]').toString('base64url')],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['too long', 'A'.repeat(CURSOR_MAX_LENGTH + 1)],
  ])('refuses %s', (_why, c) => expect(decodeCursor(c, KEY)).toBeNull());
});

describe('keysetPage', () => {
  const rows = [{ id: 5 }, { id: 4 }, { id: 3 }];
  it('gives the first `limit` rows and the last one’s cursor when there is more', () => {
    const page = keysetPage(rows, 2, (r) => [r.id]);
    expect(page.items).toEqual([{ id: 5 }, { id: 4 }]);
    expect(decodeCursor(page.nextCursor!, [intPart])).toEqual([4]);
  });
  it('has no next cursor on the last page', () => {
    expect(keysetPage(rows, 3, (r) => [r.id])).toEqual({ items: rows, nextCursor: null });
    expect(keysetPage([], 3, (r: { id: number }) => [r.id])).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
