import { addMonths, dueDate } from './calendar.js';
import { assessPeriod } from './contributions.js';
import { generateProvince } from './generate.js';
import { UNIT_CODE_PATTERN, isValidTaxCode, taxCheckDigit } from './identifiers.js';
import { normaliseName } from './names.js';
import type { Province } from './types.js';

const SMALL = { scale: 'small', seed: 42 } as const;

describe('generateProvince', () => {
  let province: Province;
  beforeAll(() => {
    province = generateProvince(SMALL);
  });

  it('is deterministic: the same seed gives byte-identical JSON, another seed a different province', () => {
    expect(JSON.stringify(generateProvince(SMALL))).toBe(JSON.stringify(province));
    expect(JSON.stringify(generateProvince({ ...SMALL, seed: 43 }))).not.toBe(JSON.stringify(province));
  });

  it('computes tax check digits per domain.md §1', () => {
    // 0·31 + 1·29 + 0·23 + 1·19 + 2·17 + 3·13 + 4·7 + 5·5 + 6·3 = 192; 192 mod 11 = 5; 10 − 5 = 5
    expect(taxCheckDigit('010123456')).toBe(5);
    expect(isValidTaxCode('0101234565')).toBe(true);
    expect(isValidTaxCode('0101234566')).toBe(false);
    expect(isValidTaxCode('0101234565-001')).toBe(true);
    // Σ = 0 → 10: no valid code exists for these 9 digits.
    expect(taxCheckDigit('000000000')).toBeNull();
  });

  it('generates only valid tax codes, unique per employer, some of them 13-digit branches', () => {
    const codes = province.employers.map((e) => e.taxCode);
    for (const c of codes) {
      expect(c).toMatch(/^\d{10}(-\d{3})?$/);
      expect(isValidTaxCode(c)).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
    const bench = generateProvince({ seed: 5 });
    expect(bench.employers.some((e) => e.taxCode.length === 14)).toBe(true);
    expect(bench.employers.every((e) => isValidTaxCode(e.taxCode))).toBe(true);
  });

  it('gives 10-digit SI numbers, unique per person, and well-formed unit and office codes', () => {
    const si = province.persons.map((p) => p.siNumber);
    for (const s of si) expect(s).toMatch(/^\d{10}$/);
    expect(new Set(si).size).toBe(si.length);
    const units = province.employers.map((e) => e.unitCode);
    for (const u of units) expect(u).toMatch(UNIT_CODE_PATTERN);
    expect(new Set(units).size).toBe(units.length);
    expect(units).toContain('TC0001C');
    for (const o of province.offices) expect(o.code).toMatch(/^067\d{2}$/);
    expect(province.offices[0]?.code).toBe('06701');
  });

  it('mixes every block, status, cycle, OA rate and behaviour profile', () => {
    const seen = (f: (e: Province['employers'][number]) => string | number): Set<string | number> =>
      new Set(province.employers.map(f));
    expect([...seen((e) => e.block)].sort()).toEqual(['CC', 'HC', 'HT', 'NQ', 'TC', 'TZ']);
    expect([...seen((e) => e.status)].sort()).toEqual(
      ['absconded', 'active', 'bankrupt', 'debt-frozen', 'dissolved', 'dissolving', 'suspended'],
    );
    expect([...seen((e) => e.cycle)].sort()).toEqual(['monthly', 'quarterly', 'semiannual']);
    expect([...seen((e) => e.oaRateBp)].sort()).toEqual([30, 50]);
    expect([...seen((e) => e.profile)].sort()).toEqual(
      ['arrears-12', 'arrears-3', 'lumps', 'on-time', 'overpays', 'stopped', 'usually-late'],
    );
    for (const e of province.employers) {
      if (e.cycle !== 'monthly') expect(e.agriculture).toBe(true);
    }
    expect(province.underFloor.length).toBeGreaterThan(0);
    expect(province.ledger.some((l) => l.reason !== null)).toBe(true);
  });

  it('keeps one person in at most one roster line per month', () => {
    const end = province.options.endPeriod;
    const seen = new Set<string>();
    for (const l of province.roster) {
      for (let p = l.fromMonth; p <= (l.toMonth ?? end); p = addMonths(p, 1)) {
        const key = `${l.siNumber}:${p}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
      expect(l.salaryTotal).toBe(l.salary + l.allowances.position + l.allowances.seniority + l.allowances.supplement);
    }
  });

  it('assesses per domain.md §2–§3 (the worked example) and dates dues per §4', () => {
    expect(assessPeriod([5_310_000, 5_310_000], '2026-01', 1, 50)).toEqual({
      SI_SICK: 318_600,
      SI_RETIRE: 2_336_400,
      SI_OA: 53_100,
      HI: 477_900,
      UI: 212_400,
    });
    // SI/HI capped at 20 × 2,340,000; UI at 20 × the region's minimum wage.
    expect(assessPeriod([60_000_000], '2025-03', 4, 50).HI).toBe(2_106_000);
    expect(assessPeriod([80_000_000], '2025-03', 4, 50).UI).toBe(1_380_000);
    expect(dueDate('2025-06', 'monthly')).toBe('2025-06-30');
    expect(dueDate('2025-07', 'monthly')).toBe('2025-08-31');
    expect(dueDate('2025-04', 'quarterly')).toBe('2025-06-30');
    expect(dueDate('2025-08', 'quarterly')).toBe('2025-10-31');
    expect(dueDate('2026-02', 'semiannual')).toBe('2026-07-31');
  });

  it('sums each employer-period-fund receivable from its roster lines', () => {
    const e = province.employers.find((x) => x.profile === 'on-time' && x.cycle === 'monthly');
    expect(e).toBeDefined();
    if (!e) return;
    const p = province.periods[province.periods.length - 1] as string;
    const lines = province.roster.filter(
      (l) => l.unitCode === e.unitCode && l.fromMonth <= p && (l.toMonth === null || l.toMonth >= p),
    );
    const expected = assessPeriod(lines.map((l) => l.salaryTotal), p, e.region, e.oaRateBp);
    const got = province.assessed.filter((r) => r.unitCode === e.unitCode && r.period === p);
    expect(Object.fromEntries(got.map((r) => [r.fund, r.amount]))).toEqual(lines.length ? expected : {});
  });

  it('writes receipts whose memos agree with their expected matching method', () => {
    const byUnit = new Map(province.employers.map((e) => [e.unitCode, e]));
    const codes = [...byUnit.keys()];
    const names = new Map<string, number>();
    for (const e of province.employers) names.set(normaliseName(e.name), (names.get(normaliseName(e.name)) ?? 0) + 1);
    const refs = province.receipts.map((r) => r.bankRef);
    expect(new Set(refs).size).toBe(refs.length);
    const methods = new Set(province.receipts.map((r) => r.expectedMethod));
    expect([...methods].sort()).toEqual(['column', 'name', 'none', 'reference', 'tax-code', 'unit-code']);
    for (const r of province.receipts) {
      expect(Number.isInteger(r.amount) && r.amount > 0).toBe(true);
      expect(r.valueDate <= `${province.options.endPeriod}-31`).toBe(true);
      const e = r.intendedUnitCode ? byUnit.get(r.intendedUnitCode) : undefined;
      const codesInMemo = codes.filter((c) => new RegExp(`\\b${c}\\b`, 'i').test(r.memo));
      switch (r.expectedMethod) {
        case 'column':
          expect(r.unitCodeColumn).toBe(r.intendedUnitCode);
          break;
        case 'reference':
          expect(r.memo).toContain(`+BHXH+103+00+${r.intendedUnitCode}+${e?.officeCode}+`);
          break;
        case 'unit-code':
          expect(codesInMemo).toEqual([r.intendedUnitCode]);
          break;
        case 'tax-code':
          expect(codesInMemo).toEqual([]);
          expect(r.memo.replace(/-/g, '')).toContain(e?.taxCode.replace(/-/g, '') ?? '?');
          break;
        case 'name':
          expect(codesInMemo).toEqual([]);
          expect(normaliseName(r.payerName)).toBe(normaliseName(e?.name ?? '?'));
          expect(names.get(normaliseName(r.payerName))).toBe(1);
          break;
        case 'none':
          expect(codesInMemo).toEqual([]);
          expect(names.has(normaliseName(r.payerName))).toBe(false);
          expect(r.expectedUnitCode).toBe('KM00000');
          break;
      }
      if (r.expectedMethod !== 'column') expect(r.unitCodeColumn).toBeNull();
    }
  });

  it('leaves chronic debtors with ≥ 3 (or ≥ 12) and hard-to-collect units with ≥ 1 unpaid overdue months', () => {
    const end = province.options.endPeriod;
    const lastDay = `${end}-31`;
    const debtors = province.employers.filter((x) => ['arrears-3', 'arrears-12', 'stopped'].includes(x.profile));
    for (const e of debtors) {
      const rec = province.receivables.filter((r) => r.unitCode === e.unitCode && r.dueDate < lastDay);
      const periods = [...new Set(rec.map((r) => r.period))].sort();
      const owed = rec.reduce((s, r) => s + r.amount, 0);
      const paid = province.receipts.filter((r) => r.intendedUnitCode === e.unitCode).reduce((s, r) => s + r.amount, 0);
      // Overdue-first allocation pays oldest first, so the newest unpaid months are whole months.
      let unpaid = owed - paid;
      let months = 0;
      for (const p of [...periods].reverse()) {
        const amount = rec.filter((r) => r.period === p).reduce((s, r) => s + r.amount, 0);
        if (unpaid >= amount) {
          months++;
          unpaid -= amount;
        } else break;
      }
      const need = e.profile === 'arrears-3' ? 3 : e.profile === 'arrears-12' ? 12 : 1;
      if (periods.length >= need + 6 || e.profile === 'stopped') expect(months).toBeGreaterThanOrEqual(need);
    }
  });

  it('flags declaration mismatches beyond the tolerance and keeps the others exact', () => {
    const mismatched = province.employers.filter((e) => e.declarationMismatchPeriods.length > 0);
    const any = generateProvince({ seed: 9 }).employers.some((e) => e.declarationMismatchPeriods.length > 0);
    expect(mismatched.length > 0 || any).toBe(true);
    for (const e of province.employers) {
      const declared = province.declared.filter((d) => d.unitCode === e.unitCode);
      for (const p of new Set(declared.map((d) => d.period))) {
        const d = declared.filter((x) => x.period === p).reduce((s, x) => s + x.amount, 0);
        const r = province.receivables.filter((x) => x.unitCode === e.unitCode && x.period === p).reduce((s, x) => s + x.amount, 0);
        const over = Math.abs(d - r) > Math.max(r / 100, 10_000);
        expect(over).toBe(e.declarationMismatchPeriods.includes(p));
      }
    }
  });

  it('makes the C12 rows add up', () => {
    expect(province.c12.rows.length).toBe(province.employers.length);
    for (const r of province.c12.rows) {
      expect(r.difference).toBe(r.payable - r.paid);
      if (r.opening > 0) expect(r.closing).toBe(r.opening + r.adjustment + r.payable - r.paid);
      expect(r.tyleno >= 0).toBe(true);
    }
  });
});
