import { DomainError } from './errors.js';

/** Whole đồng (VND has no minor unit); always a safe integer. */
export type Money = number;

/** Throws unless `n` is a safe integer (money must never lose precision). */
export function assertSafeMoney(n: number, what = 'amount'): Money {
  if (!Number.isSafeInteger(n)) {
    throw new DomainError('UNSAFE_INTEGER', `${what} must be a safe integer of đồng`, {
      [what]: n,
    });
  }
  return n;
}

/** Converts a bigint result back to a safe-integer number, or throws. */
export function toSafeNumber(n: bigint, what = 'amount'): Money {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError('UNSAFE_INTEGER', `${what} exceeds the safe integer range`, {
      [what]: n.toString(),
    });
  }
  return Number(n);
}

/**
 * `round_half_up(numerator / denominator)` in exact integer arithmetic (half away from zero, which is
 * half-up for the non-negative amounts of the domain). The only rounding primitive money may use.
 */
export function roundHalfUpDivBig(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new DomainError('INVALID_ARGUMENT', 'division by zero');
  let num = numerator;
  let den = denominator;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return neg ? -q : q;
}

/** `round_half_up(numerator / denominator)` returning a safe-integer number. */
export function roundHalfUpDiv(numerator: bigint | number, denominator: bigint | number): Money {
  return toSafeNumber(roundHalfUpDivBig(toBig(numerator), toBig(denominator)), 'rounded');
}

function toBig(n: bigint | number): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n)) {
    throw new DomainError('UNSAFE_INTEGER', 'operand must be a safe integer', { value: n });
  }
  return BigInt(n);
}

/** Sum of safe integers, checked. */
export function sumMoney(values: readonly number[]): Money {
  let s = 0n;
  for (const v of values) s += toBig(v);
  return toSafeNumber(s, 'sum');
}

/**
 * An exact running sum of non-negative safe integers, however many: added as numbers (no bigint per
 * addition: an employer of 100k roster lines made millions of them) and carried into a bigint before
 * the number could pass 2^53 − 1, where its additions would stop being exact.
 */
export class ExactSum {
  private carried = 0n;
  private part = 0;

  add(v: Money): void {
    // exact below 2^53; at or past it the floating-point sum is at least 2^53 too, so the test is sound
    if (this.part + v > Number.MAX_SAFE_INTEGER) {
      this.carried += BigInt(this.part);
      this.part = 0;
    }
    this.part += v;
  }

  get value(): bigint {
    return this.carried + BigInt(this.part);
  }
}

/**
 * Splits `amount` over `weights` pro-rata by the largest-remainder method so the parts sum exactly
 * to `amount`. `amount` must not exceed the total weight; each part never exceeds its weight.
 * Ties in remainder go to the lower index (callers order weights in §2's fund order).
 */
export function splitLargestRemainder(amount: Money, weights: readonly Money[]): Money[] {
  assertSafeMoney(amount);
  const total = weights.reduce((s, w) => s + BigInt(assertSafeMoney(w, 'weight')), 0n);
  if (amount < 0 || BigInt(amount) > total) {
    throw new DomainError('INVALID_AMOUNT', 'amount to split must be between 0 and the total', {
      amount,
      total: total.toString(),
    });
  }
  if (total === 0n) return weights.map(() => 0);
  const a = BigInt(amount);
  const parts: bigint[] = [];
  const rems: bigint[] = [];
  let allotted = 0n;
  for (const w of weights) {
    const p = a * BigInt(w);
    parts.push(p / total);
    rems.push(p % total);
    allotted += p / total;
  }
  let left = a - allotted;
  const order = weights
    .map((_, i) => i)
    .sort((i, j) => (rems[j]! > rems[i]! ? 1 : rems[j]! < rems[i]! ? -1 : i - j));
  for (const i of order) {
    if (left === 0n) break;
    if (rems[i]! === 0n) continue;
    parts[i] = parts[i]! + 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p));
}
