import { decodeFlagCursor, encodeFlagCursor } from './flag-cursor.util.js';

describe('flag cursors', () => {
  it('round-trips a sort key and stays opaque (URL-safe)', () => {
    const key = {
      riskScore: 1_456_000_000,
      monthsOfDebtMilli: 23_000,
      unitCode: 'BN0016492A',
      id: 14_513,
    };
    const c = encodeFlagCursor(key);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeFlagCursor(c)).toEqual(key);
  });

  it.each([
    '',
    'nonsense',
    Buffer.from('[1,2,3]').toString('base64url'),
    Buffer.from('[1.5,0,"A",1]').toString('base64url'),
    Buffer.from('[1,0,"ABCDEFGHIJK",1]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
  ])('refuses %j', (c) => {
    expect(decodeFlagCursor(c)).toBeNull();
  });
});
