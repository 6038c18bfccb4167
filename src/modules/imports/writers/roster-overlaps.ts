import { periodIndex } from '../../../domain/dates.js';

const OPEN = 2 ** 18 - 1; // beyond any month index (year × 12 + month < 2^18)
const SHIFT = 2 ** 18;

/**
 * The intervals seen so far per SI number of one unit, kept compact (one number per person with a single
 * line, the usual case) so a million-line roster stays within the import's memory budget.
 */
export class RosterIntervals {
  private readonly byPerson = new Map<number, number | number[]>();

  /** Records the interval; false when it overlaps one already recorded for the same person. */
  add(siNumber: string, fromMonth: string, toMonth: string | null): boolean {
    const key = Number(siNumber);
    const from = periodIndex(fromMonth);
    const to = toMonth ? periodIndex(toMonth) : OPEN;
    const packed = from * SHIFT + to;
    const seen = this.byPerson.get(key);
    if (seen === undefined) {
      this.byPerson.set(key, packed);
      return true;
    }
    const list = typeof seen === 'number' ? [seen] : seen;
    for (const p of list) {
      const pFrom = Math.floor(p / SHIFT);
      const pTo = p % SHIFT;
      if (from <= pTo && pFrom <= to) return false;
    }
    list.push(packed);
    if (typeof seen === 'number') this.byPerson.set(key, list);
    return true;
  }
}
