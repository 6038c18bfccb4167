import {
  ageing,
  debtClass,
  monthsOfDebtMilli,
  onTimeShare,
  overduePrincipal,
  wholeMonthsSince,
  type LineStatus,
} from './arrears.js';
import { dueDate } from './due-dates.js';
import type { OpeningMonthsBasis, Receivable } from './receivables.js';

const line = (
  period: string,
  amount: number,
  paid: number,
  opts: { opening?: OpeningMonthsBasis; paidByDue?: number; due?: string } = {},
): LineStatus => {
  const r: Receivable = {
    id: `${period}:${opts.opening ? 'OPENING' : 'SI_RETIRE'}`,
    period,
    fund: opts.opening ? 'OPENING' : 'SI_RETIRE',
    amount,
    dueDate: opts.due ?? dueDate(period),
    source: opts.opening ? 'opening' : 'ledger',
    superseded: false,
    ...(opts.opening ? { openingBasis: opts.opening } : {}),
  };
  return { receivable: r, paid, paidByDue: opts.paidByDue ?? 0 };
};

describe('§7 months of debt', () => {
  const D = '2026-06-15'; // 2026-01…04 overdue (due 02-28 … 05-31); 2026-05 due 06-30 is not
  it.each([
    [
      'newest two unpaid, third partly: 1 + 1 + 2.5/10 = 2.250',
      [
        line('2026-01', 10e6, 0),
        line('2026-02', 10e6, 7.5e6),
        line('2026-03', 10e6, 0),
        line('2026-04', 10e6, 0),
        line('2026-05', 10e6, 0),
      ],
      2250,
    ],
    [
      'newest fully paid ends the walk: 0',
      [line('2026-03', 10e6, 0), line('2026-04', 10e6, 10e6)],
      0,
    ],
    [
      'gaps are skipped: 2026-04 and 2026-01 unpaid, nothing between → 2',
      [line('2026-01', 10e6, 0), line('2026-04', 10e6, 0)],
      2000,
    ],
    ['one third: 1/3 → 0.333', [line('2026-04', 3e6, 2e6)], 333],
    ['two thirds: 2/3 → 0.667 (half-up)', [line('2026-04', 3e6, 1e6)], 667],
    [
      'opening P line unpaid/p = 10/10 = 1, P−1 line 15/10 = 1.5 → 2.5',
      [
        line('2026-03', 15e6, 0, { opening: { kind: 'payable', payable: 10e6 } }),
        line('2026-04', 10e6, 0, { opening: { kind: 'payable', payable: 10e6 } }),
      ],
      2500,
    ],
    [
      'opening P line partly paid: 6/10 = 0.6 and the walk ends',
      [
        line('2026-03', 15e6, 0, { opening: { kind: 'payable', payable: 10e6 } }),
        line('2026-04', 10e6, 4e6, { opening: { kind: 'payable', payable: 10e6 } }),
      ],
      600,
    ],
    [
      'opening without p counts tyleno 2.35 × unpaid/amount: half paid → 1.175',
      [line('2026-04', 30e6, 15e6, { opening: { kind: 'tyleno', tylenoMilli: 2350 } })],
      1175,
    ],
  ])('%s', (_name, lines, milli) => expect(monthsOfDebtMilli(lines, D)).toBe(milli));

  it('overdue principal excludes the current not-yet-due month and lines due on D', () => {
    const ls = [line('2026-04', 10e6, 1e6), line('2026-05', 10e6, 0)];
    expect(overduePrincipal(ls, '2026-06-15')).toBe(9e6);
    expect(overduePrincipal(ls, '2026-05-31')).toBe(0);
  });
});

describe('§7 ageing', () => {
  it.each([
    ['2026-02-28', '2026-03-30', 0],
    ['2026-02-28', '2026-03-31', 1],
    ['2026-02-28', '2026-02-28', 0],
    ['2025-01-31', '2026-01-30', 11],
    ['2025-01-31', '2026-01-31', 12],
    ['2026-01-15', '2026-04-30', 3],
  ])('due %s, D %s → %s whole months', (due, d, n) => expect(wholeMonthsSince(due, d)).toBe(n));

  it('buckets unpaid overdue lines', () => {
    const D = '2026-06-30';
    const ls = [
      line('2025-05', 1, 0, { due: '2025-05-31' }), // 13 → ge12
      line('2025-09', 2, 0, { due: '2025-10-31' }), // 8 → m6to12
      line('2026-01', 4, 0, { due: '2026-02-28' }), // 4 → m3to6
      line('2026-03', 8, 0, { due: '2026-04-30' }), // 2 → m1to3
      line('2026-04', 16, 0, { due: '2026-05-31' }), // 1 → m1to3
      line('2026-05', 32, 0, { due: '2026-06-29' }), // 0 → lt1
      line('2026-05', 64, 0, { due: '2026-06-30' }), // due on D: not overdue
    ];
    expect(ageing(ls, D)).toEqual({ lt1: 32, m1to3: 24, m3to6: 4, m6to12: 2, ge12: 1 });
  });
});

describe('§7 debt class', () => {
  it.each([
    [0, 5000, false, null],
    [1, 999, false, 'late'],
    [1, 1000, false, 'overdue'],
    [1, 2999, false, 'overdue'],
    [1, 3000, false, 'prolonged'],
    [1, 100, true, 'hard-to-collect'],
  ])('overdue %s, months %s‰, hard %s → %s', (o, m, h, want) =>
    expect(debtClass(o, m, h)).toBe(want),
  );
});

describe('§7 on-time share', () => {
  it('12 latest periods due before D; settled by the due date ÷ receivable', () => {
    // 14 periods 2025-01 … 2026-02 each 1,000; the latest 12 with due < D (2026-04-01) are 2025-03 … 2026-02
    const ls = Array.from({ length: 15 }, (_, i) => {
      const idx = 2025 * 12 + i;
      const p = `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
      return line(p, 1000, 1000, { paidByDue: i % 2 === 0 ? 1000 : 250 });
    });
    // 2026-03 (i = 14) is due 2026-04-30, not before D → excluded. i = 2…13: even i (6 of them) 1000, odd (6) 250
    expect(onTimeShare(ls, '2026-04-01')).toEqual({
      numerator: 7_500,
      denominator: 12_000,
      percent: 62.5,
    });
    expect(onTimeShare([], '2026-04-01')).toBeNull();
  });
});
