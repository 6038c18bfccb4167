import fc from 'fast-check';
import { ExactSum, roundHalfUpDiv, splitLargestRemainder, sumMoney } from './money.js';
import { DomainError } from './errors.js';

describe('roundHalfUpDiv', () => {
  it.each([
    [5, 2, 3],
    [4, 2, 2],
    [7, 2, 4],
    [1, 3, 0],
    [2, 3, 1],
    [-5, 2, -3],
    [10_620_000n * 2500n, 10_000n, 2_655_000],
    [100_000_000n * 30n * 3n, 10_000n, 900_000],
    [15_000_000n * 9766n, 1_000_000n, 146_490],
    [15n, 10n, 2],
    [14n, 10n, 1],
  ])('%s / %s → %s', (n, d, want) => {
    expect(roundHalfUpDiv(n, d)).toBe(want);
  });
  it('refuses unsafe operands and division by zero', () => {
    expect(() => roundHalfUpDiv(2 ** 60, 1)).toThrow(DomainError);
    expect(() => roundHalfUpDiv(1, 0)).toThrow(DomainError);
  });
  it('sums safely', () => expect(sumMoney([1, 2, 3])).toBe(6));
});

describe('splitLargestRemainder', () => {
  it.each([
    [100, [100, 100, 100], [34, 33, 33]],
    [2, [1, 1, 1], [1, 1, 0]],
    [10, [3, 7], [3, 7]],
    [5, [3, 7], [2, 3]],
    [0, [3, 7], [0, 0]],
    [1, [5, 5], [1, 0]],
  ])('%s over %j → %j', (a, w, want) => {
    expect(splitLargestRemainder(a, w)).toEqual(want);
  });
  it('parts sum exactly and never exceed their weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, f) => {
          const total = weights.reduce((s, w) => s + w, 0);
          const amount = Math.floor(total * f);
          const parts = splitLargestRemainder(amount, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(weights[i]!);
          });
        },
      ),
    );
  });
});

describe('ExactSum', () => {
  it('is the exact sum of any safe non-negative integers, past 2^53 too', () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 50_000_000 }),
      fc.maxSafeNat(),
      fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 2 ** 52),
    );
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 200 }), (values) => {
        const sum = new ExactSum();
        for (const v of values) sum.add(v);
        expect(sum.value).toBe(values.reduce((s, v) => s + BigInt(v), 0n));
      }),
      { numRuns: 500 },
    );
  });

  it('carries where a number sum would round: 2^53 − 1 then 1, 1, 1', () => {
    const sum = new ExactSum();
    for (const v of [Number.MAX_SAFE_INTEGER, 1, 1, 1]) sum.add(v);
    expect(sum.value).toBe(2n ** 53n + 2n);
  });
});
