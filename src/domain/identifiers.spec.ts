import {
  isValidOfficeCode,
  isValidProvinceCode,
  isValidSiNumber,
  isValidTaxCode,
  isValidUnitCode,
  normalizeTaxCode,
  normalizeUnitCode,
  taxCodeCheckDigit,
  taxCodeFault,
  taxCodeOf,
} from './identifiers.js';

describe('§1 identifiers', () => {
  it.each([
    ['TC0001C', 'TC0001C'],
    [' hc0026c ', 'HC0026C'],
    ['TZH490L', 'TZH490L'],
    ['NQ11621', 'NQ11621'],
    ['KM00000', 'KM00000'],
    ['AB12', null],
    ['AB-0001', null],
    ['ABCDEFGHIJK', null],
  ])('unit code %j → %j', (raw, want) => expect(normalizeUnitCode(raw)).toBe(want));

  it('check digit: 0100109106 → Σ = 0·31+1·29+0·23+0·19+1·17+0·13+9·7+1·5+0·3 = 114; 114 mod 11 = 4; 10 − 4 = 6', () => {
    expect(taxCodeCheckDigit('010010910')).toBe(6);
  });
  it.each([
    ['0100109106', true],
    ['0100109106-001', true],
    ['0100109106001', true],
    ['0100 109 106', true],
    ['0100109107', false],
    ['010010910', false],
    ['01001091060', false],
    // 100000002: Σ = 1·31 + 2·3 = 37, 37 mod 11 = 4 → d10 = 6
    ['1000000026', true],
    // 000000011: Σ = 1·5 + 1·3 = 8 → d10 = 2
    ['0000000112', true],
    // 000000110: Σ = 1·7 + 1·5 = 12 → 12 mod 11 = 1 → d10 = 9
    ['0000001109', true],
  ])('tax code %j valid=%s', (raw, want) => expect(isValidTaxCode(raw)).toBe(want));

  it('a result of 10 is invalid: 000000000 → Σ = 0 → 10 − 0 = 10', () => {
    expect(taxCodeCheckDigit('000000000')).toBeNull();
    expect(isValidTaxCode('0000000000')).toBe(false);
  });
  it('normalises', () => expect(normalizeTaxCode(' 0100109106 - 001 ')).toBe('0100109106001'));
  it.each([
    ['0123456789', true],
    ['123456789', false],
    ['01234567890', false],
  ])('SI number %j', (s, want) => expect(isValidSiNumber(s)).toBe(want));

  it.each([
    ['TC0001C', true],
    ['tc0001c', true],
    ['  TZH490L\t', true],
    ['ABCDE', true],
    ['ABCDEFGHIJ', true],
    ['ABCD', false],
    ['ABCDEFGHIJK', false],
    ['TC 0001C', false],
    ['TC_0001C', false],
    ['TĐ0001C', false],
    ['', false],
  ])('isValidUnitCode(%j) = %s', (raw, want) => expect(isValidUnitCode(raw)).toBe(want));

  it.each([
    // 13 digits written with the hyphen (branch 001 of 0100109106), with spaces, or plain
    ['0100109106-001', '0100109106001'],
    ['0100109106 - 001', '0100109106001'],
    ['0100109106001', '0100109106001'],
    ['0100109106', '0100109106'],
    // the branch suffix is not checked, the first 10 are
    ['0100109106-999', '0100109106999'],
    ['0100109107-001', null],
    ['0100109106-01', null],
    ['0100109106-0001', null],
    ['0100.109.106', null],
    ['O100109106', null],
  ])('taxCodeOf(%j) = %j', (raw, want) => expect(taxCodeOf(raw)).toBe(want));

  it.each([
    ['0100109106-001', null],
    ['0100109107', 'check-digit'],
    ['0000000120', 'check-digit'],
    ['010010910', 'format'],
    ['01001091060', 'format'],
    ['0100109106-0001', 'format'],
    ['MST 0100109106', 'format'],
  ])('taxCodeFault(%j) = %j', (raw, want) => expect(taxCodeFault(raw)).toBe(want));

  it('a check digit of 10 makes every 10th digit wrong: 000000012 → Σ = 1·5 + 2·3 = 11, 11 mod 11 = 0, 10 − 0 = 10', () => {
    expect(taxCodeCheckDigit('000000012')).toBeNull();
    for (let d = 0; d <= 9; d++) {
      expect(isValidTaxCode(`000000012${d}`)).toBe(false);
      expect(isValidTaxCode(`000000012${d}-001`)).toBe(false);
    }
  });

  it.each([
    ['06703', true],
    ['00000', true],
    ['6703', false],
    ['067030', false],
    ['0670A', false],
    [' 06703', false],
  ])('office code %j valid=%s', (raw, want) => expect(isValidOfficeCode(raw)).toBe(want));

  it.each([
    ['67', true],
    ['067', true],
    ['06703', true],
    ['6', false],
    ['067031', false],
    ['HN', false],
  ])('province code %j valid=%s', (raw, want) => expect(isValidProvinceCode(raw)).toBe(want));
});
