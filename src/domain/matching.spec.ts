import { buildEmployerIndex, matchReceipt, normalizeName, type KnownEmployer } from './matching.js';

const employers: KnownEmployer[] = [
  { unitCode: 'TC0001C', taxCode: '0100109106', name: 'Công ty TNHH Một Thành Viên Đông Á' },
  { unitCode: 'TC0002C', taxCode: '0100109106-001', name: 'Cty CP Bình Minh' },
  { unitCode: 'HC0026C', taxCode: '1000000026', name: 'Hợp tác xã Sông Hồng' },
  { unitCode: 'CC0003C', taxCode: null, name: 'Sông Hồng' },
];
const idx = buildEmployerIndex(employers);

describe('§8 name normalisation', () => {
  it.each([
    ['Công ty TNHH Một Thành Viên Đông Á', 'dong a'],
    ['CÔNG TY CỔ PHẦN  Bình-Minh.', 'binh minh'],
    ['Cty CP Bình Minh', 'binh minh'],
    ['DNTN Đức Phát', 'duc phat'],
    ['HTX Nông nghiệp', 'nong nghiep'],
    ['Công ty MTV Hải Đăng', 'hai dang'],
  ])('%j → %j', (raw, want) => expect(normalizeName(raw)).toBe(want));
});

describe('§8 matching rules 0–4', () => {
  it.each([
    [
      '0: statement unit code column',
      { unitCode: 'tc0002c', memo: '+BHXH+103+00+TC0001C+06703+' },
      'TC0002C',
      'column',
      1,
    ],
    [
      '0: unknown column falls through to 1',
      { unitCode: 'ZZ9999Z', memo: '+BHXH+103+00+TC0001C+06703+T01/2026+' },
      'TC0001C',
      'reference',
      0.99,
    ],
    [
      '1: VSS reference, office not checked',
      { memo: 'CK +BHXH+103+00+HC0026C+99999+' },
      'HC0026C',
      'reference',
      0.99,
    ],
    [
      '1: unknown code in reference falls through to 2',
      { memo: '+BHXH+103+00+XX0000X+06703+ dong BHXH TC0001C' },
      'TC0001C',
      'unit-code',
      0.9,
    ],
    [
      '2: one known unit code, case-insensitive, word boundary',
      { memo: 'nop bhxh thang 1 don vi tc0001c' },
      'TC0001C',
      'unit-code',
      0.9,
    ],
    [
      '2: a code inside a longer word is not a hit → 3 tax code',
      { memo: 'XTC0001C MST 0100109106' },
      'TC0001C',
      'tax-code',
      0.85,
    ],
    [
      '3: 13-digit branch code matches only that branch',
      { memo: 'MST 0100109106-001 nop tien' },
      'TC0002C',
      'tax-code',
      0.85,
    ],
    [
      '3: 10-digit code in the payer name',
      { payerName: '1000000026 HTX' },
      'HC0026C',
      'tax-code',
      0.85,
    ],
  ])('%s', (_n, receipt, unitCode, method, confidence) => {
    expect(matchReceipt(receipt, idx)).toEqual({ unitCode, method, confidence, suggestion: null });
  });

  it('2: two different codes → no hit (falls to suspense)', () => {
    expect(matchReceipt({ memo: 'TC0001C va TC0002C' }, idx)).toEqual({
      unitCode: null,
      method: null,
      confidence: 0,
      suggestion: null,
    });
  });
  it('3: invalid check digit is ignored', () => {
    expect(matchReceipt({ memo: '0100109107' }, employers).unitCode).toBeNull();
  });
  it('4: a unique normalised name is only a suggestion', () => {
    expect(
      matchReceipt({ payerName: 'CONG TY TNHH MTV DONG A', memo: 'chuyen tien' }, idx),
    ).toEqual({
      unitCode: null,
      method: 'name',
      confidence: 0.5,
      suggestion: 'TC0001C',
    });
  });
  it('4: a name shared by two employers is no suggestion', () => {
    // "Hợp tác xã Sông Hồng" and "Sông Hồng" both normalise to "song hong"
    expect(matchReceipt({ payerName: 'song hong' }, idx).suggestion).toBeNull();
  });
});
