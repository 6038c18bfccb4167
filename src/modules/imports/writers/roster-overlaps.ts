import { periodIndex } from '../../../domain/dates.js';

const BASE = periodIndex('1900-01');
const OPEN = 0xffff; // a to-month index no period reaches: the line continues
const SI_NUMBERS = 1e10; // SI numbers are ten digits (parseSiNumber)
const MAX_LOAD = 0.75;

/**
 * The months each person (unit + SI number) already has lines for in this file, to refuse a line that
 * overlaps an earlier one. Kept off the JS heap in an open-addressing table of typed arrays, 12 bytes a
 * slot (a float64 key: unit index × 10¹⁰ + SI number; a uint32 span: from and to month, 16 bits each,
 * counted from 1900-01), so a million-line roster costs ~24 MB here and the garbage collector never
 * walks it. The rare person with several lines keeps the further spans in a small map.
 */
export class RosterIntervals {
  private readonly units = new Map<string, number>();
  private keys = new Float64Array(1 << 12);
  private spans = new Uint32Array(1 << 12);
  private used = 0;
  private readonly more = new Map<number, number[]>();

  /** Records the interval; false when it overlaps one already recorded for the same person. */
  add(unitCode: string, siNumber: string, fromMonth: string, toMonth: string | null): boolean {
    const span = pack(fromMonth, toMonth);
    let unit = this.units.get(unitCode);
    if (unit === undefined) this.units.set(unitCode, (unit = this.units.size));
    const key = unit * SI_NUMBERS + Number(siNumber) + 1; // + 1: 0 marks an empty slot
    const slot = this.find(key);
    if (this.keys[slot] === 0) {
      this.keys[slot] = key;
      this.spans[slot] = span;
      if (++this.used > this.keys.length * MAX_LOAD) this.grow();
      return true;
    }
    const further = this.more.get(key);
    if (overlaps(this.spans[slot]!, span) || further?.some((s) => overlaps(s, span))) return false;
    if (further) further.push(span);
    else this.more.set(key, [span]);
    return true;
  }

  /** The slot holding `key`, or the empty slot where it goes (linear probing). */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    // mix the high and low parts: keys of one unit are near-consecutive SI numbers
    let slot =
      (Math.imul((key % 0x100000000) ^ Math.floor(key / 0x100000000), 0x9e3779b1) >>> 0) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, spans } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.spans = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.find(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.spans[slot] = spans[i]!;
    }
  }
}

function pack(fromMonth: string, toMonth: string | null): number {
  const from = periodIndex(fromMonth) - BASE;
  const to = toMonth === null ? OPEN : periodIndex(toMonth) - BASE;
  if (from < 0 || from >= OPEN || to < 0 || to > OPEN)
    throw new RangeError(`roster months out of range: ${fromMonth}–${toMonth ?? ''}`);
  return ((from << 16) | to) >>> 0;
}

function overlaps(a: number, b: number): boolean {
  return a >>> 16 <= (b & 0xffff) && b >>> 16 <= (a & 0xffff);
}
