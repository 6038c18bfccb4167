import { referenceFixture } from './reference.fixture.spec.js';
import { DomainError } from './errors.js';
import { buildReferenceData, flattenReferenceFiles } from './reference-data.js';

const ref = buildReferenceData(referenceFixture);

describe('reference data lookups by date', () => {
  it('rates per fund in basis points, employer + employee; OA 50 or 30', () => {
    expect(ref.ratesOn('2026-01-01', 'standard')).toEqual({
      SI_SICK: 300,
      SI_RETIRE: 2200,
      SI_OA: 50,
      HI: 450,
      UI: 200,
    });
    expect(ref.ratesOn('2026-01-01', 'reduced').SI_OA).toBe(30);
  });
  it.each([
    ['2019-01-01', 'I', 4_180_000],
    ['2019-12-31', 'IV', 2_920_000],
    ['2020-01-01', 'II', 3_920_000],
    ['2022-06-30', 'III', 3_430_000],
    ['2022-07-01', 'III', 3_640_000],
    ['2024-07-01', 'IV', 3_450_000],
    ['2025-12-01', 'I', 4_960_000],
    ['2026-01-01', 'I', 5_310_000],
    ['2026-01-01', 'II', 4_730_000],
    ['2026-01-01', 'III', 4_140_000],
    ['2026-01-01', 'IV', 3_700_000],
  ] as const)('minimum wage %s region %s = %s', (d, r, want) =>
    expect(ref.minimumWageOn(d, r)).toBe(want),
  );
  it.each([
    ['2019-07-01', 1_490_000, 29_800_000],
    ['2023-07-01', 1_800_000, 36_000_000],
    ['2024-07-01', 2_340_000, 46_800_000],
    ['2026-06-01', 2_340_000, 46_800_000],
    ['2026-07-01', 2_530_000, 50_600_000],
  ])('reference level on %s = %s, SI/HI cap %s', (d, level, cap) => {
    expect(ref.referenceLevelOn(d)).toBe(level);
    expect(ref.siHiCapOn(d)).toBe(cap);
  });
  it('UI cap = 20 × regional minimum wage: region I 2026 → 20 × 5,310,000 = 106,200,000', () => {
    expect(ref.uiCapOn('2026-01-01', 'I')).toBe(106_200_000);
  });
  it('daily charge 3 bp from 2025-07-01, none before', () => {
    expect(ref.dailyChargeFrom()).toBe('2025-07-01');
    expect(ref.dailyChargeBpOn('2025-06-30')).toBeNull();
    expect(ref.dailyChargeBpOn('2026-03-31')).toBe(3);
  });
  it('k for 2020 in millionths: 0.9666% → 9666, 0.9766% → 9766', () => {
    expect(ref.oldRegimeK(2020, 'SI')).toBe(9666);
    expect(ref.oldRegimeK(2020, 'HI')).toBe(9766);
  });
  it.each([2019, 2021, 2022, 2023, 2024, 2025])(
    'k for %s is not published here → null (the caller reports the interest as rate-missing)',
    (y) => {
      expect(ref.oldRegimeK(y, 'SI')).toBeNull();
      expect(ref.oldRegimeK(y, 'HI')).toBeNull();
    },
  );
  it('k is yearly from 1 January: an entry dated otherwise is not that year’s k, and keys are separate', () => {
    const r = buildReferenceData([
      {
        kind: 'old-regime-k',
        values: [
          { key: 'SI', effectiveFrom: '2021-01-01', value: 9000 },
          { key: 'HI', effectiveFrom: '2021-03-01', value: 9100 },
        ],
      },
    ]);
    expect(r.oldRegimeK(2021, 'SI')).toBe(9000);
    expect(r.oldRegimeK(2021, 'HI')).toBeNull();
    expect(r.oldRegimeK(2022, 'SI')).toBeNull();
  });
  it('the error of a missing value names its kind, key and date', () => {
    try {
      ref.ratesOn('2016-05-31', 'standard');
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('REFERENCE_DATA_MISSING');
      expect((e as DomainError).details).toEqual({
        kind: 'rate',
        key: 'SI_SICK.employer',
        date: '2016-05-31',
      });
    }
    const noDaily = buildReferenceData([]);
    expect(noDaily.dailyChargeBpOn('2026-01-01')).toBeNull();
    expect(() => noDaily.dailyChargeFrom()).toThrow(DomainError);
  });
  it('a date before any entry is missing data', () => {
    expect(() => ref.minimumWageOn('2018-12-31', 'I')).toThrow(DomainError);
    expect(() => ref.referenceLevelOn('2019-06-30')).toThrow(/reference-level/);
  });
  it('rejects malformed files and duplicate dates', () => {
    expect(() =>
      buildReferenceData([
        { kind: 'rate', values: [{ key: 'x', effectiveFrom: '2020-01-01', value: -1 }] },
      ]),
    ).toThrow(DomainError);
    const dup = {
      kind: 'rate',
      values: [
        { key: 'x', effectiveFrom: '2020-01-01', value: 1 },
        { key: 'x', effectiveFrom: '2020-01-01', value: 2 },
      ],
    };
    expect(() => buildReferenceData([dup])).toThrow(/duplicate/);
  });
  it('accepts flat records (the reference_value table shape) too', () => {
    const recs = flattenReferenceFiles(referenceFixture);
    expect(recs.length).toBeGreaterThan(30);
    expect(buildReferenceData(recs).minimumWageOn('2026-01-01', 'I')).toBe(5_310_000);
  });
});
