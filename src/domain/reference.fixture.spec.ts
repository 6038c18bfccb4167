/**
 * Test fixture: the reference data of seeds/reference/*.json as records, so domain specs need no file
 * access (src/domain imports only src/domain). seeds/reference/index.spec.ts proves the seeds and this
 * fixture hold the same values.
 */
import { buildReferenceData } from './reference-data.js';

export const referenceFixture = [
  {
    kind: 'rate',
    values: [
      {
        key: 'SI_SICK.employer',
        effectiveFrom: '2016-06-01',
        value: 300,
      },
      {
        key: 'SI_RETIRE.employer',
        effectiveFrom: '2016-06-01',
        value: 1400,
      },
      {
        key: 'SI_RETIRE.employee',
        effectiveFrom: '2016-06-01',
        value: 800,
      },
      {
        key: 'SI_OA.standard',
        effectiveFrom: '2016-06-01',
        value: 50,
      },
      {
        key: 'SI_OA.reduced',
        effectiveFrom: '2016-06-01',
        value: 30,
      },
      {
        key: 'HI.employer',
        effectiveFrom: '2016-06-01',
        value: 300,
      },
      {
        key: 'HI.employee',
        effectiveFrom: '2016-06-01',
        value: 150,
      },
      {
        key: 'UI.employer',
        effectiveFrom: '2016-06-01',
        value: 100,
      },
      {
        key: 'UI.employee',
        effectiveFrom: '2016-06-01',
        value: 100,
      },
    ],
  },
  {
    kind: 'regional-minimum-wage',
    values: [
      {
        key: 'I',
        effectiveFrom: '2019-01-01',
        value: 4180000,
      },
      {
        key: 'II',
        effectiveFrom: '2019-01-01',
        value: 3710000,
      },
      {
        key: 'III',
        effectiveFrom: '2019-01-01',
        value: 3250000,
      },
      {
        key: 'IV',
        effectiveFrom: '2019-01-01',
        value: 2920000,
      },
      {
        key: 'I',
        effectiveFrom: '2020-01-01',
        value: 4420000,
      },
      {
        key: 'II',
        effectiveFrom: '2020-01-01',
        value: 3920000,
      },
      {
        key: 'III',
        effectiveFrom: '2020-01-01',
        value: 3430000,
      },
      {
        key: 'IV',
        effectiveFrom: '2020-01-01',
        value: 3070000,
      },
      {
        key: 'I',
        effectiveFrom: '2022-07-01',
        value: 4680000,
      },
      {
        key: 'II',
        effectiveFrom: '2022-07-01',
        value: 4160000,
      },
      {
        key: 'III',
        effectiveFrom: '2022-07-01',
        value: 3640000,
      },
      {
        key: 'IV',
        effectiveFrom: '2022-07-01',
        value: 3250000,
      },
      {
        key: 'I',
        effectiveFrom: '2024-07-01',
        value: 4960000,
      },
      {
        key: 'II',
        effectiveFrom: '2024-07-01',
        value: 4410000,
      },
      {
        key: 'III',
        effectiveFrom: '2024-07-01',
        value: 3860000,
      },
      {
        key: 'IV',
        effectiveFrom: '2024-07-01',
        value: 3450000,
      },
      {
        key: 'I',
        effectiveFrom: '2026-01-01',
        value: 5310000,
      },
      {
        key: 'II',
        effectiveFrom: '2026-01-01',
        value: 4730000,
      },
      {
        key: 'III',
        effectiveFrom: '2026-01-01',
        value: 4140000,
      },
      {
        key: 'IV',
        effectiveFrom: '2026-01-01',
        value: 3700000,
      },
    ],
  },
  {
    kind: 'reference-level',
    values: [
      {
        key: 'base',
        effectiveFrom: '2019-07-01',
        value: 1490000,
      },
      {
        key: 'base',
        effectiveFrom: '2023-07-01',
        value: 1800000,
      },
      {
        key: 'base',
        effectiveFrom: '2024-07-01',
        value: 2340000,
      },
      {
        key: 'base',
        effectiveFrom: '2026-07-01',
        value: 2530000,
      },
    ],
  },
  {
    kind: 'cap-multiple',
    values: [
      {
        key: 'SI_HI',
        effectiveFrom: '2016-01-01',
        value: 20,
      },
      {
        key: 'UI',
        effectiveFrom: '2016-01-01',
        value: 20,
      },
    ],
  },
  {
    kind: 'daily-charge-rate',
    values: [
      {
        key: 'rate',
        effectiveFrom: '2025-07-01',
        value: 3,
      },
    ],
  },
  {
    kind: 'old-regime-k',
    values: [
      {
        key: 'SI',
        effectiveFrom: '2020-01-01',
        value: 9666,
      },
      {
        key: 'HI',
        effectiveFrom: '2020-01-01',
        value: 9766,
      },
    ],
  },
];

export const testRef = buildReferenceData(referenceFixture);

describe('reference fixture', () => {
  it('builds', () => expect(testRef.minimumWageOn('2026-01-01', 'I')).toBe(5_310_000));
});
