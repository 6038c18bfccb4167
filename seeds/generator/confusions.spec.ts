import { BANK_NAME_LENGTHS, bankPayerName, confuseCode } from './confusions.js';
import { generateProvince } from './generate.js';
import { foldDiacritics, normaliseName } from './names.js';
import { Rng } from './prng.js';

const FOLD: Record<string, string> = { O: '0', I: '1', L: '1', S: '5', B: '8', Z: '2' };
const fold = (s: string): string => [...s.toUpperCase()].map((c) => FOLD[c] ?? c).join('');

/** Levenshtein distance ≤ 1, written out independently of the domain's helper. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) return [...a].filter((c, i) => c !== b[i]).length === 1;
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  if (l.length - s.length !== 1) return false;
  for (let i = 0; i < l.length; i++) if (l.slice(0, i) + l.slice(i + 1) === s) return true;
  return false;
}

describe('confusions of banks and typists', () => {
  it('confuseCode swaps confusable characters or makes one edit, and never yields a known code', () => {
    const rng = new Rng(7);
    const known = new Set(['TC0001C', 'TC0010C', 'TC0100C', 'TZB001L']);
    const kinds = new Set<string>();
    for (let k = 0; k < 300; k++) {
      const code = rng.pick([...known]);
      const c = confuseCode(rng, code, known);
      expect(c).not.toBeNull();
      if (!c) continue;
      kinds.add(c.kind);
      expect(known.has(c.code.toUpperCase())).toBe(false);
      if (c.kind === 'code-confusable') expect(fold(c.code)).toBe(fold(code));
      else expect(oneEditApart(c.code.toUpperCase(), code)).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['code-confusable', 'code-edit']);
  });

  it('bankPayerName writes the name without diacritics, upper case, short legal forms, cut at 24 or 30', () => {
    const rng = new Rng(3);
    const seen = new Set<string>();
    for (let k = 0; k < 200; k++) {
      const { payerName, kind } = bankPayerName(rng, 'Hợp tác xã Muối Gia Nghĩa Đắk Mil Krông Nô');
      seen.add(payerName);
      expect(payerName).toBe(foldDiacritics(payerName).toUpperCase());
      expect(kind).toMatch(/^name-(bank|cut-(24|30))$/);
      if (kind !== 'name-bank') expect(payerName.length).toBeLessThanOrEqual(Number(kind.slice(9)));
    }
    // 24 and 30 characters, abbreviated (most often) or not; a trailing space is dropped
    expect([...seen].sort()).toEqual([
      'HOP TAC XA MUOI GIA NGHI',
      'HOP TAC XA MUOI GIA NGHIA DAK',
      'HTX MUOI GIA NGHIA DAK M',
      'HTX MUOI GIA NGHIA DAK MIL KRO',
    ]);
    expect(BANK_NAME_LENGTHS).toEqual([24, 30]);
  });

  describe('in a generated province', () => {
    const province = generateProvince({ scale: 'demo', seed: 1 });
    const byUnit = new Map(province.employers.map((e) => [e.unitCode, e]));
    const confused = province.receipts.filter((r) => r.confusions);

    it('touch only receipts that rules 0–4 leave unmatched, sent by an employer of the province', () => {
      expect(confused.length).toBeGreaterThan(100);
      for (const r of confused) {
        expect(['name', 'none']).toContain(r.expectedMethod);
        expect(r.intendedUnitCode).not.toBeNull();
      }
      const unmatched = province.receipts.filter(
        (r) => r.intendedUnitCode && ['name', 'none'].includes(r.expectedMethod),
      );
      // a deterministic share (70 % drawn; a few draws change nothing)
      expect(confused.length / unmatched.length).toBeGreaterThan(0.5);
      expect(confused.length / unmatched.length).toBeLessThan(0.8);
    });

    it('leave a memo token that folds to the true code or lies one edit from it', () => {
      for (const r of confused.filter((x) => x.confusions!.some((k) => k.startsWith('code-')))) {
        const code = r.intendedUnitCode!;
        const tokens = r.memo.split(/[^A-Za-z0-9]+/).map((t) => t.toUpperCase());
        expect(tokens).not.toContain(code);
        expect(tokens.some((t) => fold(t) === fold(code) || oneEditApart(t, code))).toBe(true);
      }
    });

    it('cut payer names are a prefix of the employer name as the bank spells it; suspense unless it still normalises alike', () => {
      let cut = 0;
      for (const r of confused.filter((x) => x.confusions!.some((k) => k.startsWith('name-')))) {
        const e = byUnit.get(r.intendedUnitCode!)!;
        const bankSpelling = foldDiacritics(e.name)
          .toUpperCase()
          .replace(/CONG TY TNHH MOT THANH VIEN /g, 'CTY TNHH MTV ')
          .replace(/CONG TY CO PHAN /g, 'CTY CP ')
          .replace(/CONG TY /g, 'CTY ')
          .replace(/HOP TAC XA /g, 'HTX ');
        expect(
          bankSpelling.startsWith(r.payerName) ||
            foldDiacritics(e.name).toUpperCase().startsWith(r.payerName),
        ).toBe(true);
        if (r.confusions!.some((k) => k.startsWith('name-cut'))) cut++;
        const same = normaliseName(r.payerName) === normaliseName(e.name);
        expect(r.expectedMethod).toBe(same ? 'name' : 'none');
        expect(r.expectedUnitCode).toBe(same ? e.unitCode : 'KM00000');
      }
      expect(cut).toBeGreaterThan(20);
    });

    it('record the true employer of every receipt by bank reference', () => {
      expect(Object.keys(province.receiptEmployers)).toHaveLength(province.receipts.length);
      for (const r of province.receipts)
        expect(province.receiptEmployers[r.bankRef]).toBe(r.intendedUnitCode);
    });
  });
});
