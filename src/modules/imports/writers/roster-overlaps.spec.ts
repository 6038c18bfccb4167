import fc from 'fast-check';
import { addMonths } from '../../../domain/dates.js';
import { RosterIntervals } from './roster-overlaps.js';

/** The rule, written the obvious way: a line is kept unless it shares a month with a kept line of the same person. */
class Naive {
  private readonly kept: { person: string; from: string; to: string }[] = [];

  add(unit: string, si: string, from: string, to: string | null): boolean {
    const person = `${unit}|${si}`;
    const end = to ?? '9999-12';
    if (this.kept.some((k) => k.person === person && k.from <= end && from <= k.to)) return false;
    this.kept.push({ person, from, to: end });
    return true;
  }
}

const line = fc.record({
  unit: fc.constantFrom('TC0001C', 'TC0002D', 'YN0042A'),
  si: fc.constantFrom('0100000001', '0100000002', '7912345678', '0000000001'),
  from: fc.integer({ min: 0, max: 40 }).map((i) => addMonths('2024-11', i)),
  length: fc.option(fc.integer({ min: 0, max: 14 }), { nil: null }),
});

describe('RosterIntervals', () => {
  it('accepts and refuses exactly as the plain rule does, for any sequence of lines', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const index = new RosterIntervals();
        const naive = new Naive();
        for (const l of lines) {
          const to = l.length === null ? null : addMonths(l.from, l.length);
          expect(index.add(l.unit, l.si, l.from, to)).toBe(naive.add(l.unit, l.si, l.from, to));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every person apart through the table growing (60,000 people, then each again)', () => {
    const index = new RosterIntervals();
    const si = (i: number) => String(100_000_000 + i * 7919).padStart(10, '0');
    for (let i = 0; i < 30_000; i++) {
      expect(index.add('TC0001C', si(i), '2025-01', '2025-06')).toBe(true);
      expect(index.add('TC0002D', si(i), '2025-03', null)).toBe(true);
    }
    for (let i = 0; i < 30_000; i++) {
      expect(index.add('TC0001C', si(i), '2025-07', '2025-12')).toBe(true); // after: kept
      expect(index.add('TC0001C', si(i), '2025-06', '2025-06')).toBe(false); // the first line's last month
      expect(index.add('TC0002D', si(i), '2030-01', '2030-01')).toBe(false); // the open line
      expect(index.add('TC0002D', si(i), '2025-01', '2025-02')).toBe(true); // before it
    }
  });

  it('tells SI numbers with leading zeros and units apart', () => {
    const index = new RosterIntervals();
    expect(index.add('TC0001C', '0000000001', '2025-01', null)).toBe(true);
    expect(index.add('TC0001C', '0000000010', '2025-01', null)).toBe(true);
    expect(index.add('TC0001D', '0000000001', '2025-01', null)).toBe(true);
    expect(index.add('TC0001C', '0000000001', '2026-01', '2026-01')).toBe(false);
  });
});
