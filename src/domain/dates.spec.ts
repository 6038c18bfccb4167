import {
  addDays,
  addMonths,
  daysBetween,
  isCalendarDate,
  isLastDayOfMonth,
  isValidDate,
  isValidPeriod,
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

describe('validation: ISO dates and periods', () => {
  it.each([
    ['2026-01-31', true],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2024-02-29', true], // divisible by 4
    ['2025-02-29', false],
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100, not by 400
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-05', false],
    ['26-01-05', false],
    ['2026-01-05T00:00:00Z', false],
    ['05/01/2026', false],
    ['', false],
  ])('isValidDate(%j) = %s', (d, want) => expect(isValidDate(d)).toBe(want));

  it.each([
    [2024, 2, 29, true],
    [2025, 2, 29, false],
    [2026, 2, 30, false],
    [2026, 0, 1, false],
    [2026, 13, 1, false],
    [2026, 1.5, 1, false],
    [2026, 6, 31, false],
    [2026, 7, 31, true],
  ])('isCalendarDate(%s, %s, %s) = %s', (y, m, d, want) =>
    expect(isCalendarDate(y, m, d)).toBe(want),
  );

  it.each([
    ['2026-01', true],
    ['2026-12', true],
    ['2026-00', false],
    ['2026-13', false],
    ['2026-1', false],
    ['04/2026', false],
    ['2026-04-01', false],
    ['', false],
  ])('isValidPeriod(%j) = %s', (p, want) => expect(isValidPeriod(p)).toBe(want));
});
