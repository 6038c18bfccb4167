import { DEFAULT_FLAG_THRESHOLDS } from '../../domain/flags.js';
import { POLICIES } from './policies.registry.js';

const schema = POLICIES.flagThresholds.schema;

describe('flagThresholds policy', () => {
  it('accepts the defaults', () => {
    expect(schema.parse(DEFAULT_FLAG_THRESHOLDS)).toEqual(DEFAULT_FLAG_THRESHOLDS);
  });

  it.each<[string, Record<string, unknown>]>([
    ['severity bands out of order', { prolongedHighMonthsMilli: 2000 }],
    ['a fraction of a month-thousandth', { prolongedMonthsMilli: 2999.5 }],
    ['a negative amount', { mismatchMinAmount: -1 }],
    ['a percentage over 100', { repeatLatePercent: 101 }],
    [
      'clauses not lowest first',
      {
        criminalClauses: [
          { clause: 2, overduePrincipal: 1, persons: 1 },
          { clause: 1, overduePrincipal: 1, persons: 1 },
        ],
      },
    ],
    ['an unknown field', { extra: 1 }],
  ])('refuses %s', (_, change) => {
    expect(schema.safeParse({ ...DEFAULT_FLAG_THRESHOLDS, ...change }).success).toBe(false);
  });
});
