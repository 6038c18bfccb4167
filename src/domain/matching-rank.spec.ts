import fc from 'fast-check';
import type { KnownEmployer } from './matching.js';
import {
  amountSignal,
  buildRankIndex,
  foldConfusables,
  rankCandidates,
  withinOneEdit,
  type OpenQuantities,
  type ReceiptToRank,
} from './matching-rank.js';

const employers: KnownEmployer[] = [
  { unitCode: 'TC0001C', name: 'Công ty TNHH Xây dựng Minh Phát' },
  { unitCode: 'TC0002C', name: 'Công ty TNHH Xây dựng Minh Phát 21' },
  { unitCode: 'TC0008C', name: 'Công ty Cổ phần Dược phẩm Sao Mai' },
  { unitCode: 'TC0015C', name: 'Công ty TNHH In ấn Hòa Bình' },
  { unitCode: 'TC0150C', name: 'Công ty Cổ phần Thương mại Hải Đăng' },
  { unitCode: 'HT0005C', name: 'Hợp tác xã Muối Gia Nghĩa' },
  { unitCode: 'HT0006C', name: 'Hợp tác xã Muối Đắk Mil' },
  { unitCode: 'HT0011C', name: 'Hợp tác xã Cà phê Nhân Cơ' },
  { unitCode: 'TZB001L', name: 'Văn phòng đại diện Sao Mai tại Gia Nghĩa' },
  { unitCode: 'TZB010L', name: 'Văn phòng đại diện Đông Á tại Cư Jút' },
  { unitCode: 'TZ8010L', name: 'Văn phòng đại diện Kim Ngân tại Đắk Song' },
];
const idx = buildRankIndex(employers);
const rank = (r: ReceiptToRank, open?: Map<string, OpenQuantities>) => rankCandidates(r, idx, open);

describe('§8 step 5a: memo tokens folded or one edit from a unit code', () => {
  it('folds the confusable characters', () => {
    expect(foldConfusables('tcOo01c')).toBe('TC0001C');
    expect(foldConfusables('OILSBZ')).toBe('011582');
    expect(foldConfusables('0115820')).toBe('0115820');
  });

  it.each([
    ['O for 0', 'TCOO01C nop BHXH T03/2026', 'TC0001C'],
    ['lower-case o for 0', 'nop bhxh tcoo01c', 'TC0001C'],
    ['I for 1', 'HTOOI1C nop BHXH', 'HT0011C'],
    ['L for 1', 'DV HT00L1C-nop BHXH', 'HT0011C'],
    ['S for 5', 'TC01S0C dong bao hiem', 'TC0150C'],
    ['B for 8', 'TC000BC dong bao hiem', 'TC0008C'],
    ['digits for the letters of the code: 2 for Z, 8 for B', 'T28001L nop BHXH', 'TZB001L'],
  ])('%s → exactly one code: code-like, 60', (_n, memo, unitCode) => {
    expect(rank({ memo })).toEqual([{ unitCode, score: 60, reasons: ['code-like'] }]);
  });

  it('a token folding to several codes suggests each of them, at 40, by unit code', () => {
    // TZB010L and TZ8010L differ only by B/8: they and TZBO1OL all fold to T280101.
    expect(rank({ memo: 'TZBO1OL nop tien' })).toEqual([
      { unitCode: 'TZ8010L', score: 40, reasons: ['code-like'] },
      { unitCode: 'TZB010L', score: 40, reasons: ['code-like'] },
    ]);
  });

  it.each([
    ['a character dropped', 'HT005C nop BHXH'],
    ['a character doubled', 'HT00055C nop BHXH'],
    ['a character substituted', 'HT0005D nop BHXH'],
    ['a character dropped and a confusion', 'HTOO5C'],
  ])('%s → one edit from one code: code-like, 50', (_n, memo) => {
    expect(rank({ memo })).toEqual([{ unitCode: 'HT0005C', score: 50, reasons: ['code-like'] }]);
  });

  it('one edit from several codes: each at 30, ties by unit code', () => {
    // TC015C: TC0015C and TC0150C each lost one 0.
    expect(rank({ memo: 'TC015C' })).toEqual([
      { unitCode: 'TC0015C', score: 30, reasons: ['code-like'] },
      { unitCode: 'TC0150C', score: 30, reasons: ['code-like'] },
    ]);
  });

  it('two edits, short words, numbers and a tax code are no candidates', () => {
    expect(rank({ memo: 'HT05C nop BHXH T03/2026 so tien 1500000 MST 0100109106' })).toEqual([]);
  });

  it('withinOneEdit', () => {
    expect(withinOneEdit('ABC', 'ABC')).toBe(true);
    expect(withinOneEdit('ABC', 'AC')).toBe(true);
    expect(withinOneEdit('AC', 'ABC')).toBe(true);
    expect(withinOneEdit('ABC', 'AXC')).toBe(true);
    expect(withinOneEdit('ABC', 'BAC')).toBe(false);
    expect(withinOneEdit('ABC', 'A')).toBe(false);
  });
});

describe('§8 step 5b: payer names, normalised, as prefixes and by trigrams', () => {
  it('a name the bank cut short is a prefix of one employer: name, 45', () => {
    expect(rank({ payerName: 'HOP TAC XA MUOI GIA NGHI' })).toEqual([
      { unitCode: 'HT0005C', score: 45, reasons: ['name'] },
    ]);
    expect(rank({ payerName: 'HTX MUOI GIA NG' })).toEqual([
      { unitCode: 'HT0005C', score: 45, reasons: ['name'] },
    ]);
  });

  it('a prefix of several names: each at 40, by unit code', () => {
    expect(rank({ payerName: 'CTY TNHH XAY DUNG MINH P' })).toEqual([
      { unitCode: 'TC0001C', score: 40, reasons: ['name'] },
      { unitCode: 'TC0002C', score: 40, reasons: ['name'] },
    ]);
  });

  it('an equal name beats a longer one it is a prefix of', () => {
    expect(rank({ payerName: 'CONG TY TNHH XAY DUNG MINH PHAT' })).toEqual([
      { unitCode: 'TC0001C', score: 50, reasons: ['name'] },
      { unitCode: 'TC0002C', score: 45, reasons: ['name'] },
    ]);
  });

  it('a typo scores round(50 × Dice of the trigrams)', () => {
    // "  muoi gia nhgia " has 13 distinct trigrams, "  muoi gia nghia " 14; 10 shared: 2·10/27 = 0.741 → 37.
    expect(rank({ payerName: 'HTX MUOI GIA NHGIA' })).toEqual([
      { unitCode: 'HT0005C', score: 37, reasons: ['name'] },
    ]);
  });

  it('a typo in a name the bank cut short is compared with the employer name cut alike', () => {
    // "thuong mia hai d" (17 distinct trigrams) vs "thuong mai hai dang" (18): 12 shared, 2·12/35 → 34;
    // vs the employer's name cut to 16 characters, "thuong mai hai d" (16): 13 shared, 2·13/33 = 0.788 → 39.
    expect(rank({ payerName: 'CTY CP THUONG MIA HAI D' })).toEqual([
      { unitCode: 'TC0150C', score: 39, reasons: ['name'] },
    ]);
  });

  it('an unrelated name, or only legal-form words, is no candidate', () => {
    expect(rank({ payerName: 'NGUYEN VAN AN' })).toEqual([]);
    expect(rank({ payerName: 'CONG TY TNHH' })).toEqual([]);
  });

  it('a code-like token and a name add up, capped at 100', () => {
    expect(rank({ memo: 'HT005C nop BHXH', payerName: 'HOP TAC XA MUOI GIA NGHI' })).toEqual([
      { unitCode: 'HT0005C', score: 95, reasons: ['code-like', 'name'] },
    ]);
    expect(rank({ memo: 'HTOOO5C', payerName: 'HTX Muối Gia Nghĩa' })[0]).toEqual({
      unitCode: 'HT0005C',
      score: 100,
      reasons: ['code-like', 'name'],
    });
  });
});

describe('§8 step 5c: the amount equal to an open quantity raises a candidate', () => {
  const open: OpenQuantities = {
    overduePrincipal: 5_000_000,
    periods: [
      { period: '2026-03', outstanding: 1_300_000, declared: null },
      { period: '2026-01', outstanding: 1_000_000, declared: 1_000_000 },
      { period: '2026-02', outstanding: 1_200_000, declared: 1_150_000 },
    ],
  };
  const map = new Map([['TC0001C', open]]);

  it.each([
    [5_000_000, 90, 'amount=overdue'],
    [1_200_000, 90, 'amount=period 02/2026'],
    [1_150_000, 85, 'amount=declared 02/2026'],
    [2_500_000, 85, 'amount=periods 02/2026-03/2026'],
    [3_500_000, 85, 'amount=periods 01/2026-03/2026'],
  ])('%d → %d, %s', (amount, score, reason) => {
    expect(rank({ memo: 'TCOO01C', amount }, map)).toEqual([
      { unitCode: 'TC0001C', score, reasons: ['code-like', reason] },
    ]);
  });

  it('an amount equal to nothing open adds nothing', () => {
    expect(rank({ memo: 'TCOO01C', amount: 2_300_000 }, map)).toEqual([
      { unitCode: 'TC0001C', score: 60, reasons: ['code-like'] },
    ]);
  });

  it('periods must be consecutive months, at most six', () => {
    const gap: OpenQuantities = {
      overduePrincipal: 0,
      periods: [
        { period: '2025-12', outstanding: 100 },
        { period: '2026-02', outstanding: 200 },
      ],
    };
    expect(amountSignal(300, gap)).toBeNull();
    const seven: OpenQuantities = {
      overduePrincipal: 0,
      periods: ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'].map(
        (period) => ({
          period,
          outstanding: 100,
        }),
      ),
    };
    expect(amountSignal(600, seven)).toEqual({
      points: 25,
      reason: 'amount=periods 09/2025-02/2026',
    });
    expect(amountSignal(700, seven)).toBeNull();
  });

  it('a run starts and ends on a period still owed (a settled one inside is no obstacle)', () => {
    const q: OpenQuantities = {
      overduePrincipal: 0,
      periods: [
        { period: '2026-01', outstanding: 0 },
        { period: '2026-02', outstanding: 400 },
        { period: '2026-03', outstanding: 0 },
        { period: '2026-04', outstanding: 500 },
      ],
    };
    expect(amountSignal(900, q)).toEqual({ points: 25, reason: 'amount=periods 02/2026-04/2026' });
  });

  it('an amount alone makes no candidate', () => {
    expect(
      rank({ memo: 'chuyen tien', payerName: 'NGUYEN VAN AN', amount: 5_000_000 }, map),
    ).toEqual([]);
  });

  it('the amount reorders equal candidates (the bank cut the name) and accepts a lookup function', () => {
    const q = (unitCode: string): OpenQuantities | undefined =>
      unitCode === 'TC0002C' ? { overduePrincipal: 2_000_000, periods: [] } : undefined;
    expect(
      rankCandidates({ payerName: 'CTY TNHH XAY DUNG MINH P', amount: 2_000_000 }, idx, q),
    ).toEqual([
      { unitCode: 'TC0002C', score: 70, reasons: ['name', 'amount=overdue'] },
      { unitCode: 'TC0001C', score: 40, reasons: ['name'] },
    ]);
  });
});

describe('§8 step 5: at most five, best first, ties by unit code', () => {
  const many: KnownEmployer[] = Array.from({ length: 8 }, (_, k) => ({
    unitCode: `TC010${k}C`,
    name: `Công ty TNHH Thực phẩm An Khang ${21 + k}`,
  }));
  const manyIdx = buildRankIndex([...many].reverse());

  it('keeps the five first by unit code when scores tie', () => {
    expect(
      rankCandidates({ payerName: 'CTY TNHH THUC PHAM AN KHANG' }, manyIdx).map((s) => [
        s.unitCode,
        s.score,
      ]),
    ).toEqual([
      ['TC0100C', 40],
      ['TC0101C', 40],
      ['TC0102C', 40],
      ['TC0103C', 40],
      ['TC0104C', 40],
    ]);
  });

  it('an amount lifts the seventh into first place', () => {
    const open = new Map([
      ['TC0106C', { overduePrincipal: 0, periods: [{ period: '2026-03', outstanding: 777_000 }] }],
    ]);
    const got = rankCandidates(
      { payerName: 'CTY TNHH THUC PHAM AN KHANG', amount: 777_000 },
      manyIdx,
      open,
    );
    expect(got.map((s) => s.unitCode)).toEqual([
      'TC0106C',
      'TC0100C',
      'TC0101C',
      'TC0102C',
      'TC0103C',
    ]);
    expect(got[0]).toEqual({
      unitCode: 'TC0106C',
      score: 70,
      reasons: ['name', 'amount=period 03/2026'],
    });
  });
});

describe('§8 step 5: suggestions only', () => {
  const codeChars = fc.constantFrom(...'TCHZB0125OISL8'.split(''));
  const code = fc.array(codeChars, { minLength: 5, maxLength: 8 }).map((cs) => cs.join(''));
  const word = fc.constantFrom(
    'Muối',
    'Gia',
    'Nghĩa',
    'Minh',
    'Phát',
    'Sao',
    'Mai',
    'Hòa',
    'Bình',
    'Xây dựng',
  );
  const name = fc
    .tuple(
      fc.constantFrom('Công ty TNHH ', 'Hợp tác xã ', 'HTX ', ''),
      fc.array(word, { minLength: 1, maxLength: 4 }),
    )
    .map(([form, ws]) => form + ws.join(' '));
  const open = fc.record({
    overduePrincipal: fc.integer({ min: 0, max: 5_000 }),
    periods: fc.array(
      fc.record({
        period: fc.constantFrom('2026-01', '2026-02', '2026-03', '2026-04', '2026-05'),
        outstanding: fc.integer({ min: 0, max: 2_000 }),
        declared: fc.option(fc.integer({ min: 0, max: 2_000 })),
      }),
      { maxLength: 5 },
    ),
  });

  function deepFreeze<T>(v: T): T {
    if (v && typeof v === 'object') {
      for (const x of Object.values(v)) deepFreeze(x);
      Object.freeze(v);
    }
    return v;
  }

  it('reads its inputs only, and returns at most five ordered suggestions of known units, never a match', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ unitCode: code, name }), { minLength: 1, maxLength: 12 }),
        fc.record({
          memo: fc.oneof(
            code.map((c) => `${c} nop BHXH`),
            fc.string(),
            fc.constant(null),
          ),
          payerName: fc.oneof(
            name,
            name.map((n) => n.toUpperCase().slice(0, 18)),
            fc.constant(null),
          ),
          amount: fc.option(fc.integer({ min: 1, max: 6_000 })),
        }),
        fc.dictionary(code, open),
        (emps, receipt, opens) => {
          deepFreeze(emps);
          deepFreeze(receipt);
          deepFreeze(opens);
          const before = JSON.stringify([emps, receipt, opens]);
          const index = buildRankIndex(emps);
          const map = new Map(Object.entries(opens).map(([k, v]) => [k.toUpperCase(), v]));
          const got = rankCandidates(receipt, index, map);
          expect(JSON.stringify([emps, receipt, opens])).toBe(before);
          expect(rankCandidates(receipt, index, map)).toEqual(got);
          expect(got.length).toBeLessThanOrEqual(5);
          const known = new Set(emps.map((e) => e.unitCode.toUpperCase()));
          expect(new Set(got.map((s) => s.unitCode)).size).toBe(got.length);
          for (const [k, s] of got.entries()) {
            expect(Object.keys(s).sort()).toEqual(['reasons', 'score', 'unitCode']);
            expect(known.has(s.unitCode)).toBe(true);
            expect(Number.isInteger(s.score) && s.score > 0 && s.score <= 100).toBe(true);
            expect(s.reasons.includes('code-like') || s.reasons.includes('name')).toBe(true);
            const prev = got[k - 1];
            if (prev)
              expect(
                prev.score > s.score || (prev.score === s.score && prev.unitCode < s.unitCode),
              ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
