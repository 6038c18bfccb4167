import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMonthsOneDecimal,
  formatInteger,
  formatMoney,
  formatPercent,
  formatPeriod,
  parseDate,
  parsePeriod,
  todayIn,
} from './format.js';

describe('console formatting helpers', () => {
  it.each([
    [5310000, '5.310.000 ₫'],
    [0, '0 ₫'],
    [999, '999 ₫'],
    [1000, '1.000 ₫'],
    [-1500, '-1.500 ₫'],
    [12_500_000_000, '12.500.000.000 ₫'],
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
  ])('formatMoney(%p) = %p', (value, expected) => {
    expect(formatMoney(value)).toBe(expected);
  });

  it('formatInteger groups by threes and rounds', () => {
    expect(formatInteger(1234567)).toBe('1.234.567');
    expect(formatInteger(12)).toBe('12');
    expect(formatInteger(-1234.4)).toBe('-1.234');
  });

  it.each([
    [2.5, '2,5'],
    [3.125, '3,125'],
    [4, '4'],
    [0, '0'],
    [1234.5, '1.234,5'],
    [-0.25, '-0,25'],
    [-0.0001, '0'],
  ])('formatDecimal(%p) = %p', (value, expected) => {
    expect(formatDecimal(value)).toBe(expected);
  });

  it('formatPercent has two decimals and a comma', () => {
    expect(formatPercent(2.69)).toBe('2,69 %');
    expect(formatPercent(3.35)).toBe('3,35 %');
    expect(formatPercent(0)).toBe('0,00 %');
    expect(formatPercent(null)).toBe('—');
  });

  it.each([
    ['2026-04-15', '15/04/2026'],
    ['2026-01-01T00:00:00.000Z', '01/01/2026'],
    ['', '—'],
    [null, '—'],
    ['not a date', 'not a date'],
  ])('formatDate(%p) = %p', (value, expected) => {
    expect(formatDate(value)).toBe(expected);
  });

  it('formatDateTime shows the business time zone', () => {
    expect(formatDateTime('2026-04-15T20:04:05Z')).toBe('16/04/2026 03:04');
    expect(formatDateTime('2026-04-15T20:04:05Z', 'UTC')).toBe('15/04/2026 20:04');
  });

  it.each([
    ['2026-04', '04/2026'],
    ['2025-12', '12/2025'],
    [null, '—'],
    ['04/2026', '04/2026'],
  ])('formatPeriod(%p) = %p', (value, expected) => {
    expect(formatPeriod(value)).toBe(expected);
  });

  it.each([
    ['04/2026', '2026-04'],
    ['4/2026', '2026-04'],
    [' 12/2025 ', '2025-12'],
    ['2026-04', '2026-04'],
    ['2026-4', '2026-04'],
    ['13/2026', null],
    ['00/2026', null],
    ['2026', null],
    ['', null],
  ])('parsePeriod(%p) = %p', (input, expected) => {
    expect(parsePeriod(input)).toBe(expected);
  });

  it.each([
    ['15/04/2026', '2026-04-15'],
    ['1/2/2026', '2026-02-01'],
    ['2026-04-15', '2026-04-15'],
    ['31/02/2026', null],
    ['29/02/2024', '2024-02-29'],
    ['15-04-26', null],
  ])('parseDate(%p) = %p', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('formatPeriod(parsePeriod(x)) is the officer form', () => {
    for (const m of ['01/2026', '09/2024', '12/1999']) expect(formatPeriod(parsePeriod(m))).toBe(m);
  });

  it('todayIn uses the business time zone', () => {
    // 20:00 UTC on 15 April is already 16 April in Hà Nội
    expect(todayIn('Asia/Ho_Chi_Minh', new Date('2026-04-15T20:00:00Z'))).toBe('2026-04-16');
    expect(todayIn('UTC', new Date('2026-04-15T20:00:00Z'))).toBe('2026-04-15');
  });

  it('formatBytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
  });

  it.each([
    [10, '10,0'],
    [2.95, '3,0'],
    [2.949, '2,9'],
    [2.05, '2,1'],
    [0.333, '0,3'],
    [1234.5, '1.234,5'],
    [null, '—'],
  ])('formatMonthsOneDecimal(%p) = %p', (value, expected) => {
    expect(formatMonthsOneDecimal(value)).toBe(expected);
  });
});
