import { referenceFixture } from './reference.fixture.spec.js';
import fc from 'fast-check';
import {
  assessPeriod,
  findRosterOverlaps,
  indexRoster,
  lineCovers,
  lineSalary,
  underDeclarationOver,
  type RosterLine,
} from './assessment.js';
import { periodRange } from './dates.js';
import { DomainError } from './errors.js';
import { buildReferenceData } from './reference-data.js';

const ref = buildReferenceData(referenceFixture);
const line = (
  siNumber: string,
  salary: number,
  fromMonth: string,
  toMonth?: string,
  allowances?: number[],
): RosterLine => ({
  siNumber,
  salary,
  fromMonth,
  toMonth: toMonth ?? null,
  ...(allowances ? { allowances } : {}),
});

describe('§3 assessPeriod', () => {
  it('§2 check: two employees at 5,310,000 in 2026-01 → SI 2,655,000, HI 477,900, UI 212,400, OA 53,100, total 3,398,400', () => {
    const a = assessPeriod(
      {
        period: '2026-01',
        region: 'I',
        oaRate: 'standard',
        asOfMonth: '2026-01',
        lines: [line('0000000001', 5_310_000, '2026-01'), line('0000000002', 5_310_000, '2025-06')],
      },
      ref,
    );
    // base 10,620,000: sickness 3% 318,600 + retirement 22% 2,336,400 = 2,655,000 (25%)
    expect(a.amounts.SI_SICK + a.amounts.SI_RETIRE).toBe(2_655_000);
    expect(a.amounts).toEqual({
      SI_SICK: 318_600,
      SI_RETIRE: 2_336_400,
      SI_OA: 53_100,
      HI: 477_900,
      UI: 212_400,
    });
    expect(a.total).toBe(3_398_400);
    expect(a.underDeclaration.shortfall).toBe(0);
    expect(a.persons).toEqual(['0000000001', '0000000002']);
  });

  it('rounds once per employer-period-fund, never per employee', () => {
    // three persons at 4,960,001 (2025-12, region I): HI 4.5% per person = 223,200.045 → per-person rounding
    // would give 3 × 223,200 = 669,600; once: 14,880,003 × 450 / 10000 = 669,600.135 → 669,600.
    // SI_OA 0.5%: 14,880,003 × 50 / 10000 = 74,400.015 → 74,400; per person 24,800.005 → 24,800 ×3 = 74,400.
    // UI 2%: 14,880,003 × 200 / 10000 = 297,600.06 → 297,600.
    // Use 7 persons at 1,000,003 (region IV 2026 floor 3,700,000 → under-declared) to expose rounding:
    // per person SI_SICK 3% = 30,000.09 → 30,000; ×7 = 210,000; once: 7,000,021 × 300 / 10000 = 210,000.63 → 210,001.
    const lines = Array.from({ length: 7 }, (_, i) =>
      line(String(i).padStart(10, '0'), 1_000_003, '2026-01', '2026-12'),
    );
    const a = assessPeriod(
      { period: '2026-03', region: 'IV', oaRate: 'standard', asOfMonth: '2026-03', lines },
      ref,
    );
    expect(a.amounts.SI_SICK).toBe(210_001);
    // SI_RETIRE: 7,000,021 × 2200 / 10000 = 1,540,004.62 → 1,540,005
    expect(a.amounts.SI_RETIRE).toBe(1_540_005);
    // shortfall: 7 × (3,700,000 − 1,000,003) × 32% = 7 × 2,699,997 × 0.32 = 18,899,979 × 0.32 = 6,047,993.28 → 6,047,993
    expect(a.underDeclaration.shortfall).toBe(6_047_993);
    expect(a.underDeclaration.persons).toHaveLength(7);
    // the receivable is not corrected: still computed on 1,000,003
    expect(a.bases.siHi).toBe(7_000_021);
  });

  it('caps SI/HI at 20 × reference level and UI at 20 × regional minimum wage; allowances add to salary', () => {
    // 2026-01 region II: salary 40,000,000 + allowances 10,000,000 = 50,000,000
    // SI/HI cap 46,800,000; UI cap 20 × 4,730,000 = 94,600,000
    const a = assessPeriod(
      {
        period: '2026-01',
        region: 'II',
        oaRate: 'reduced',
        asOfMonth: '2026-01',
        lines: [line('0000000009', 40_000_000, '2026-01', undefined, [6_000_000, 4_000_000])],
      },
      ref,
    );
    expect(a.bases).toEqual({ siHi: 46_800_000, ui: 50_000_000 });
    // SI_SICK 46,800,000 × 3% = 1,404,000; SI_RETIRE × 22% = 10,296,000; OA 0.3% = 140,400; HI 4.5% = 2,106,000; UI 2% × 50,000,000 = 1,000,000
    expect(a.amounts).toEqual({
      SI_SICK: 1_404_000,
      SI_RETIRE: 10_296_000,
      SI_OA: 140_400,
      HI: 2_106_000,
      UI: 1_000_000,
    });
  });

  it('reference data in force on the 1st of the period applies; from/to inclusive; open-ended to D’s month', () => {
    // 2024-07: cap 46,800,000 (2,340,000 × 20); 2024-06: cap 36,000,000 (1,800,000 × 20)
    const lines = [
      line('0000000001', 50_000_000, '2024-06', '2024-07'),
      line('0000000002', 5_000_000, '2024-08'),
    ];
    const jun = assessPeriod(
      { period: '2024-06', region: 'I', oaRate: 'standard', asOfMonth: '2024-09', lines },
      ref,
    );
    const jul = assessPeriod(
      { period: '2024-07', region: 'I', oaRate: 'standard', asOfMonth: '2024-09', lines },
      ref,
    );
    const sep = assessPeriod(
      { period: '2024-09', region: 'I', oaRate: 'standard', asOfMonth: '2024-09', lines },
      ref,
    );
    const oct = assessPeriod(
      { period: '2024-10', region: 'I', oaRate: 'standard', asOfMonth: '2024-09', lines },
      ref,
    );
    expect(jun.bases.siHi).toBe(36_000_000);
    expect(jul.bases.siHi).toBe(46_800_000);
    expect(sep.persons).toEqual(['0000000002']);
    expect(oct.persons).toEqual([]);
  });

  it('shortfall at OA 0.3% uses 31.8%', () => {
    // region I 2026 floor 5,310,000; salary 5,000,000 → (310,000) × 31.8% = 98,580
    const a = assessPeriod(
      {
        period: '2026-02',
        region: 'I',
        oaRate: 'reduced',
        asOfMonth: '2026-02',
        lines: [line('0000000001', 5_000_000, '2026-01')],
      },
      ref,
    );
    expect(a.underDeclaration.shortfall).toBe(98_580);
  });

  it('overlapping lines of one person are reported', () => {
    const lines = [
      line('0000000001', 6_000_000, '2026-01', '2026-03'),
      line('0000000001', 7_000_000, '2026-03'),
      line('0000000002', 6_000_000, '2026-01'),
    ];
    expect(findRosterOverlaps(lines, '2026-04')).toEqual([
      { siNumber: '0000000001', period: '2026-03', lines: [0, 1] },
    ]);
    const a = assessPeriod(
      { period: '2026-03', region: 'I', oaRate: 'standard', asOfMonth: '2026-04', lines },
      ref,
    );
    expect(a.overlaps).toEqual([{ siNumber: '0000000001', period: '2026-03', lines: [0, 1] }]);
  });

  it('under-declaration over a window rounds the shortfall once', () => {
    // one person at 5,309,999 for 2026-01..03, region I: 3 × 1 × 32% = 0.96 → 1 (per month would be 0+0+0)
    const f = underDeclarationOver(
      ['2026-01', '2026-02', '2026-03'],
      [line('0000000001', 5_309_999, '2026-01')],
      'I',
      'standard',
      '2026-03',
      ref,
    );
    expect(f.shortfall).toBe(1);
    expect(f.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(f.persons).toEqual(['0000000001']);
  });

  it('a window starting before the reference data needs none for months no line covers', () => {
    // minimum wages start 2019-01-01; the window 2018-04 … 2019-03 has a line only from 2019-01
    const f = underDeclarationOver(
      ['2018-04', '2018-12', '2019-01', '2019-03'],
      [line('0000000001', 4_000_000, '2019-01')],
      'I',
      'standard',
      '2019-03',
      ref,
    );
    // region I floor 4,180,000 in 2019: 2 months × 180,000 × 32% = 115,200
    expect(f.months).toEqual(['2019-01', '2019-03']);
    expect(f.shortfall).toBe(115_200);
  });
});

describe('§3 reference data missing for an assessment', () => {
  const expectMissing = (f: () => unknown, details: Record<string, unknown>) => {
    try {
      f();
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('REFERENCE_DATA_MISSING');
      expect((e as DomainError).details).toEqual(details);
    }
  };

  it('cannot be skipped: the error names kind, key, date and the period assessed', () => {
    // the reference level starts 2019-07-01: the SI/HI cap of 2019-03 is unknown
    expectMissing(
      () =>
        assessPeriod(
          {
            period: '2019-03',
            region: 'I',
            oaRate: 'standard',
            lines: [line('0000000001', 5_000_000, '2019-01')],
            asOfMonth: '2019-03',
          },
          ref,
        ),
      { kind: 'reference-level', key: 'base', date: '2019-03-01', period: '2019-03' },
    );
    // a covered month of the under-declaration window before the minimum wages (2019-01-01)
    expectMissing(
      () =>
        underDeclarationOver(
          ['2018-12'],
          [line('0000000001', 4_000_000, '2018-12')],
          'I',
          'standard',
          '2018-12',
          ref,
        ),
      { kind: 'regional-minimum-wage', key: 'I', date: '2018-12-01', period: '2018-12' },
    );
  });
});

/**
 * A period's assessment the plain way (each line checked, a bigint added per line, persons sorted, lines
 * grouped by person), as `assessPeriod` did before its roster index: the oracle of the fast one's
 * persons, bases and overlaps.
 */
function assessedPlainly(lines: readonly RosterLine[], period: string, asOfMonth: string) {
  const caps = { siHi: ref.siHiCapOn(`${period}-01`), ui: ref.uiCapOn(`${period}-01`, 'I') };
  const covering = lines.filter((l) => lineCovers(l, period, asOfMonth));
  let siHi = 0n;
  let ui = 0n;
  for (const l of covering) {
    siHi += BigInt(Math.min(lineSalary(l), caps.siHi));
    ui += BigInt(Math.min(lineSalary(l), caps.ui));
  }
  // every month of the covering lines of a person on two or more of them
  const overlaps: { siNumber: string; period: string; lines: number[] }[] = [];
  const bySi = new Map<string, number[]>();
  covering.forEach((l, i) => bySi.set(l.siNumber, [...(bySi.get(l.siNumber) ?? []), i]));
  for (const [siNumber, idx] of [...bySi].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (idx.length < 2) continue;
    const months = new Map<string, number[]>();
    for (const i of idx) {
      const l = covering[i]!;
      const to = l.toMonth ?? asOfMonth;
      if (to < l.fromMonth) continue;
      for (const p of periodRange(l.fromMonth, to)) months.set(p, [...(months.get(p) ?? []), i]);
    }
    for (const [p, ls] of [...months].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (ls.length > 1)
        overlaps.push({ siNumber, period: p, lines: ls.map((i) => lines.indexOf(covering[i]!)) });
  }
  return {
    persons: [...new Set(covering.map((l) => l.siNumber))].sort(),
    bases: { siHi: Number(siHi), ui: Number(ui) },
    overlaps,
  };
}

describe('§3 assessPeriod on a large roster (index made once for its periods)', () => {
  const month = fc.constantFrom(...periodRange('2025-10', '2026-06'));
  const rosterLine = fc.record({
    siNumber: fc.constantFrom('0000000001', '0000000002', '0000000010', '0000000011', '1000000000'),
    salary: fc.oneof(fc.integer({ min: 0, max: 60_000_000 }), fc.constant(5_310_000)),
    allowances: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 2 }),
    fromMonth: month,
    toMonth: fc.option(month, { nil: null }),
  });

  it('gives the persons, bases and overlaps of the plain assessment, with or without the index', () => {
    fc.assert(
      fc.property(
        fc.array(rosterLine, { maxLength: 40 }),
        month,
        month,
        (lines, period, asOfMonth) => {
          const plain = assessedPlainly(lines, period, asOfMonth);
          const index = indexRoster(lines);
          for (const a of [
            assessPeriod({ period, region: 'I', oaRate: 'standard', lines, asOfMonth }, ref),
            assessPeriod({ period, region: 'I', oaRate: 'standard', lines, asOfMonth, index }, ref),
          ]) {
            expect(a.persons).toEqual(plain.persons);
            expect(a.bases).toEqual(plain.bases);
            expect(a.overlaps).toEqual(plain.overlaps);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('orders persons as strings sort, and finds no overlap where no one has two lines', () => {
    const lines = [
      line('0000000010', 6_000_000, '2026-01'),
      line('0000000002', 6_000_000, '2026-01'),
      line('00000000010', 6_000_000, '2026-01'),
    ];
    expect(indexRoster(lines)).toEqual({ severalLines: new Set(), bySiNumber: [2, 1, 0] });
    expect(findRosterOverlaps(lines, '2026-04')).toEqual([]);
    const a = assessPeriod(
      { period: '2026-02', region: 'I', oaRate: 'standard', asOfMonth: '2026-04', lines },
      ref,
    );
    expect(a.persons).toEqual(['00000000010', '0000000002', '0000000010']);
  });
});
