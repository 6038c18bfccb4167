import fc from 'fast-check';
import { addMonths } from '../../../domain/dates.js';
import { OverlapScan, RosterIntervals } from './roster-overlaps.js';

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

describe('OverlapScan', () => {
  it('refuses exactly the lines the streaming rule refuses, reported in file order', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 80 }), fc.boolean(), (lines, accepted) => {
        const scan = new OverlapScan();
        const naive = new Naive();
        const expected: { sheet: string; row: number }[] = [];
        lines.forEach((l, i) => {
          const to = l.length === null ? null : addMonths(l.from, l.length);
          const pos = { sheet: i % 2 ? 'D02-LT' : 'Bổ sung', row: 5 + Math.floor(i / 2) };
          scan.add({ ...pos, unitCode: l.unit, siNumber: l.si }, l.from, to, accepted);
          if (!naive.add(l.unit, l.si, l.from, to)) expected.push(pos);
        });
        const order = (p: { sheet: string; row: number }) =>
          (p.sheet === 'Bổ sung' ? 0 : 1e6) + p.row; // sheets in the order first seen: row 0 is on 'Bổ sung'
        expect(scan.overlaps().map((o) => ({ sheet: o.sheet, row: o.row }))).toEqual(
          expected.sort((a, b) => order(a) - order(b)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('spills to its temporary file past 16 KB a partition and still finds every overlap', () => {
    const scan = new OverlapScan();
    const si = (i: number) => String(300_000_000 + i).padStart(10, '0');
    const n = 400_000; // ~1,560 lines a partition: each partition writes at least one block
    for (let i = 0; i < n; i++)
      scan.add(
        { sheet: 'D02-LT', row: i + 2, unitCode: 'TC0001C', siNumber: si(i) },
        '2025-01',
        null,
        true,
      );
    // every 1,000th person again, overlapping (refused), and every 1,000th + 1 after its line (kept)
    for (let i = 0; i < n; i += 1000) {
      scan.add(
        { sheet: 'D02-LT', row: n + 2 + i, unitCode: 'TC0001C', siNumber: si(i) },
        '2026-05',
        '2026-05',
        i % 2000 === 0,
      );
      scan.add(
        { sheet: 'D02-LT', row: n + 3 + i, unitCode: 'TC0002D', siNumber: si(i) },
        '2026-05',
        null,
        true,
      );
    }
    const found = scan.overlaps();
    expect(found).toHaveLength(n / 1000);
    expect(found[0]).toEqual({
      sheet: 'D02-LT',
      row: n + 2,
      unitCode: 'TC0001C',
      siNumber: si(0),
      fromMonth: '2026-05',
      toMonth: '2026-05',
      accepted: true,
    });
    expect(found.map((o) => o.row)).toEqual(
      Array.from({ length: n / 1000 }, (_, k) => n + 2 + k * 1000),
    );
    expect(found.map((o) => o.accepted)).toEqual(
      Array.from({ length: n / 1000 }, (_, k) => k % 2 === 0),
    );
  });
});
