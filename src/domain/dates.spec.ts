import {
  addDays,
  addMonths,
  daysBetween,
  isLastDayOfMonth,
  lastDayOf,
  periodRange,
} from './dates.js';
import { DomainError } from './errors.js';

describe('calendar arithmetic', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %s days = %s', (d, n, want) => expect(addDays(d, n)).toBe(want));
  it.each([
    ['2026-03-01', '2026-03-31', 30],
    ['2025-06-30', '2025-07-01', 1],
    ['2024-01-01', '2025-01-01', 366],
  ])('%s → %s = %s days', (a, b, want) => expect(daysBetween(a, b)).toBe(want));
  it.each([
    ['2026-01', 1, '2026-02'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-01', -13, '2024-12'],
  ])('%s + %s months = %s', (p, n, want) => expect(addMonths(p, n)).toBe(want));
  it('last days', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(isLastDayOfMonth('2026-04-30')).toBe(true);
    expect(isLastDayOfMonth('2026-04-29')).toBe(false);
  });
  it('ranges', () =>
    expect(periodRange('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]));
  it('rejects bad dates', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(DomainError);
    expect(() => addMonths('2026-13', 1)).toThrow(DomainError);
  });
});
