import {
  BAD,
  newParseContext,
  type CellScalar,
} from '../../../infrastructure/excel/cell-value.util.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import {
  dateParser,
  isoFromDays,
  daysFromCivil,
  parseMoney,
  parseOfficeCode,
  parseSignedMoney,
  parseSiNumber,
  parseTaxCode,
  parseThousandths,
  parseUnitCode,
  periodParser,
  rateParser,
  type ValueParser,
} from './values.js';

function run<T>(p: ValueParser<T>, v: CellScalar, date1904 = false): T | string {
  const ctx = newParseContext(date1904);
  const out = p(v, ctx);
  return out === BAD ? `BAD:${ctx.code}` : out;
}

describe('money', () => {
  it.each<[CellScalar, number | string]>([
    ['5.310.000', 5310000],
    ['5,310,000', 5310000],
    ['5 310 000', 5310000],
    ['5\u00a0310\u00a0000', 5310000],
    ['5310000', 5310000],
    [5310000, 5310000],
    ['5.310.000 đ', 5310000],
    ['5.310.000,00', 5310000],
    ['0', 0],
    [5310000.0000001, 5310000],
    ['5.310.000,50', `BAD:${ProblemCode.MONEY_FRACTION}`],
    ['1.5', `BAD:${ProblemCode.MONEY_FRACTION}`],
    [1234.5, `BAD:${ProblemCode.MONEY_FRACTION}`],
    ['-5.000', `BAD:${ProblemCode.NEGATIVE_AMOUNT}`],
    [-1, `BAD:${ProblemCode.NEGATIVE_AMOUNT}`],
    ['abc', `BAD:${ProblemCode.NOT_A_NUMBER}`],
    ['5.310,000', `BAD:${ProblemCode.NOT_A_NUMBER}`],
    ['53 10 000', `BAD:${ProblemCode.NOT_A_NUMBER}`],
    [true, `BAD:${ProblemCode.NOT_A_NUMBER}`],
    [1e17, `BAD:${ProblemCode.AMOUNT_TOO_LARGE}`],
  ])('%p → %p', (v, want) => expect(run(parseMoney, v)).toBe(want));

  it('signed money accepts credits', () => {
    expect(run(parseSignedMoney, -1184000)).toBe(-1184000);
    expect(run(parseSignedMoney, '-1.184.000')).toBe(-1184000);
    expect(run(parseSignedMoney, '(1.184.000)')).toBe(-1184000);
  });
});

describe('rates', () => {
  const oa = rateParser([50, 30]);
  it.each<[CellScalar, number | string]>([
    ['0,5%', 50],
    ['0.5%', 50],
    ['0.5', 50],
    [0.5, 50],
    [0.005, 50],
    ['0,005', 50],
    [0.3, 30],
    [0.003, 30],
    ['0,3%', 30],
    ['1%', `BAD:${ProblemCode.INVALID_RATE}`],
    ['abc', `BAD:${ProblemCode.INVALID_RATE}`],
  ])('%p → %p', (v, want) => expect(run(oa, v)).toBe(want));
});

describe('dates', () => {
  const p = dateParser({ min: '1995-01-01', max: '2100-12-31' });
  it.each<[CellScalar, string]>([
    ['27/02/2026', '2026-02-27'],
    ['7/2/2026', '2026-02-07'],
    ['2026-02-27', '2026-02-27'],
    [46080, '2026-02-27'],
    [46080.75, '2026-02-27'],
    ['46080', '2026-02-27'],
    [new Date(Date.UTC(2026, 1, 27)), '2026-02-27'],
    ['31/02/2026', `BAD:${ProblemCode.INVALID_DATE}`],
    ['2026-02-30', `BAD:${ProblemCode.INVALID_DATE}`],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2025', `BAD:${ProblemCode.INVALID_DATE}`],
    ['31/04/2026', `BAD:${ProblemCode.INVALID_DATE}`],
    ['27-02-26', `BAD:${ProblemCode.INVALID_DATE}`],
    ['hôm qua', `BAD:${ProblemCode.INVALID_DATE}`],
    [1, `BAD:${ProblemCode.DATE_OUT_OF_RANGE}`],
    ['01/01/1900', `BAD:${ProblemCode.DATE_OUT_OF_RANGE}`],
    ['01/01/2300', `BAD:${ProblemCode.DATE_OUT_OF_RANGE}`],
  ])('%p → %p', (v, want) => expect(run(p, v)).toBe(want));

  it('honours the 1904 date system', () => {
    expect(run(p, 46080 - 1462, true)).toBe('2026-02-27');
  });

  it('civil date arithmetic round-trips', () => {
    for (let d = -30000; d < 60000; d += 97) {
      const iso = isoFromDays(d);
      const [y, m, day] = iso.split('-').map(Number);
      expect(daysFromCivil(y!, m!, day!)).toBe(d);
      expect(new Date(d * 86400000).toISOString().slice(0, 10)).toBe(iso);
    }
  });
});

describe('periods', () => {
  const p = periodParser(1995, 2100);
  it.each<[CellScalar, string]>([
    ['04/2026', '2026-04'],
    ['4/2026', '2026-04'],
    ['2026-04', '2026-04'],
    ['2026-4', '2026-04'],
    [46113, '2026-04'],
    [new Date(Date.UTC(2026, 3, 1)), '2026-04'],
    ['15/04/2026', '2026-04'],
    ['13/2026', `BAD:${ProblemCode.INVALID_PERIOD}`],
    ['04/1900', `BAD:${ProblemCode.INVALID_PERIOD}`],
    ['tháng tư', `BAD:${ProblemCode.INVALID_PERIOD}`],
  ])('%p → %p', (v, want) => expect(run(p, v)).toBe(want));
});

describe('codes', () => {
  it.each<[ValueParser<string>, CellScalar, string]>([
    [parseSiNumber, '0123456789', '0123456789'],
    [parseSiNumber, 123456789, '0123456789'],
    [parseSiNumber, "'0123456789", '0123456789'],
    [parseSiNumber, '01234 56789', '0123456789'],
    [parseSiNumber, '123456789', `BAD:${ProblemCode.INVALID_SI_NUMBER}`],
    [parseSiNumber, '01234567890', `BAD:${ProblemCode.INVALID_SI_NUMBER}`],
    [parseSiNumber, '012345678A', `BAD:${ProblemCode.INVALID_SI_NUMBER}`],
    [parseUnitCode, 'tc0001c', 'TC0001C'],
    [parseUnitCode, 'NQT0000', 'NQT0000'],
    [parseUnitCode, 'TC-001', `BAD:${ProblemCode.INVALID_UNIT_CODE}`],
    [parseUnitCode, 'TC01', `BAD:${ProblemCode.INVALID_UNIT_CODE}`],
    [parseOfficeCode, 6703, '06703'],
    [parseOfficeCode, '06703', '06703'],
    [parseOfficeCode, '6703A', `BAD:${ProblemCode.INVALID_OFFICE_CODE}`],
    [parseTaxCode, '0100109106', '0100109106'],
    [parseTaxCode, '0100109106-001', '0100109106001'],
    [parseTaxCode, '0100 109 106', '0100109106'],
    [parseTaxCode, 100109106, '0100109106'],
    [parseTaxCode, '0100109107', `BAD:${ProblemCode.INVALID_TAX_CODE}`],
    [parseTaxCode, '12345', `BAD:${ProblemCode.INVALID_TAX_CODE}`],
    [parseTaxCode, "'0100109106", '0100109106'],
    [parseTaxCode, '0100.109.106', '0100109106'],
    [parseTaxCode, '0100109106 - 001', '0100109106001'],
    // a branch code typed as a number loses its leading zero: 12 digits, not guessed back
    [parseTaxCode, 100109106001, `BAD:${ProblemCode.INVALID_TAX_CODE}`],
    [parseTaxCode, '0000000120', `BAD:${ProblemCode.INVALID_TAX_CODE}`],
    [parseUnitCode, 12345, '12345'],
    [parseUnitCode, 1234, `BAD:${ProblemCode.INVALID_UNIT_CODE}`],
    [parseOfficeCode, '067030', `BAD:${ProblemCode.INVALID_OFFICE_CODE}`],
  ])('%#: %p', (p, v, want) => expect(run(p, v)).toBe(want));
});

describe('thousandths (tyleno)', () => {
  it.each<[CellScalar, number | string]>([
    [9.344, 9344],
    ['9,344', 9344],
    ['9.344', 9344],
    [0, 0],
    ['1', 1000],
    ['0,0005', 1],
    ['x', `BAD:${ProblemCode.INVALID_DECIMAL}`],
  ])('%p → %p', (v, want) => expect(run(parseThousandths, v)).toBe(want));
});
