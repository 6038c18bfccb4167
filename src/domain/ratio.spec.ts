import { clampAsOfToYear, lateRatio, yearToDateReceivable } from './ratio.js';
import type { Receivable } from './receivables.js';

const r = (
  period: string,
  amount: number,
  source: Receivable['source'] = 'assessed',
  superseded = false,
): Receivable => ({
  id: `${period}:${source}`,
  period,
  fund: source === 'opening' ? 'OPENING' : 'SI_RETIRE',
  amount,
  dueDate: `${period}-28`,
  source,
  superseded,
});

describe('§7 late-payment ratio', () => {
  it('D is clamped to 31 December of Y', () => {
    expect(clampAsOfToYear(2025, '2026-03-10')).toBe('2025-12-31');
    expect(clampAsOfToYear(2026, '2026-03-10')).toBe('2026-03-10');
  });
  it("Y's YTD receivable: Y's periods up to D's month, due or not; no opening lines", () => {
    const rs = [
      r('2025-12', 1),
      r('2026-01', 10),
      r('2026-02', 100, 'adjustment'),
      r('2026-03', 1_000),
      r('2026-04', 10_000),
      r('2026-03', 5, 'opening'),
    ];
    expect(yearToDateReceivable(rs, 2026, '2026-03-10')).toBe(1_110);
    expect(yearToDateReceivable(rs, 2025, '2026-03-10')).toBe(1);
  });
  it('both variants with integer numerator/denominator, percent half-up to 2 decimals', () => {
    // all: (3,350,000 + 2,000,000) / (100,000,000 + 50,000,000) = 3.5666…% → 3.57
    // without hard to collect: 3,350,000 / 100,000,000 = 3.35%
    const out = lateRatio([
      { overduePrincipal: 3_350_000, ytdReceivable: 100_000_000, hardToCollect: false },
      { overduePrincipal: 2_000_000, ytdReceivable: 50_000_000, hardToCollect: true },
    ]);
    expect(out).toEqual({
      all: { numerator: 5_350_000, denominator: 150_000_000, percent: 3.57 },
      withoutHardToCollect: { numerator: 3_350_000, denominator: 100_000_000, percent: 3.35 },
    });
    // 2.69%: 269 / 10,000; half-up: 2,685 / 100,000 = 2.685% → 2.69
    expect(
      lateRatio([{ overduePrincipal: 2_685, ytdReceivable: 100_000, hardToCollect: false }]).all
        .percent,
    ).toBe(2.69);
    expect(lateRatio([]).all.percent).toBeNull();
  });
});
