import { assembleReceivables } from './receivables.js';
import { DomainError } from './errors.js';

describe('§5 receivables assembly', () => {
  it('the agency ledger alone defines a period it has a regular line for; else the assessment', () => {
    const r = assembleReceivables({
      cycle: 'monthly',
      ledgerLines: [{ period: '2026-01', fund: 'SI_RETIRE', amount: 1_000 }],
      assessed: [
        { period: '2026-01', amounts: { SI_RETIRE: 2_000, HI: 500 } },
        { period: '2026-02', amounts: { SI_RETIRE: 3_000 } },
      ],
      openingBalances: [],
    });
    expect(r.receivables.map((x) => [x.period, x.fund, x.amount, x.source, x.dueDate])).toEqual([
      ['2026-01', 'SI_RETIRE', 1_000, 'ledger', '2026-02-28'],
      ['2026-02', 'SI_RETIRE', 3_000, 'assessed', '2026-03-31'],
    ]);
  });

  it('an adjustment adds to whichever source defines its period, on its own due date', () => {
    const r = assembleReceivables({
      cycle: 'monthly',
      ledgerLines: [
        {
          period: '2026-02',
          fund: 'UI',
          amount: 700,
          reason: 'B.4 truy thu',
          dueDate: '2026-05-15',
        },
      ],
      assessed: [{ period: '2026-02', amounts: { UI: 3_000 } }],
      openingBalances: [],
    });
    expect(r.receivables.map((x) => [x.source, x.amount, x.dueDate])).toEqual([
      ['assessed', 3_000, '2026-03-31'],
      ['adjustment', 700, '2026-05-15'],
    ]);
  });

  it('negative amounts are refused', () => {
    expect(() =>
      assembleReceivables({
        cycle: 'monthly',
        ledgerLines: [{ period: '2026-01', fund: 'HI', amount: -1 }],
        assessed: [],
        openingBalances: [],
      }),
    ).toThrow(DomainError);
  });

  it('opening balance B > p: min(B, p) of P, the rest of P−1, superseding periods ≤ P and payments ≤ last day of P', () => {
    // B = 25,000,000, p = 10,000,000, P = 2026-04 → 10,000,000 of 2026-04 (due 2026-05-31), 15,000,000 of 2026-03 (due 2026-04-30)
    const r = assembleReceivables({
      cycle: 'monthly',
      ledgerLines: [],
      assessed: [
        { period: '2026-04', amounts: { SI_RETIRE: 9_000_000 } },
        { period: '2026-05', amounts: { SI_RETIRE: 9_000_000 } },
      ],
      openingBalances: [
        { period: '2026-03', closingBalance: 1 },
        { period: '2026-04', closingBalance: 25_000_000, payable: 10_000_000, tyleno: 2.5 },
      ],
    });
    expect(r.receivables.map((x) => [x.period, x.fund, x.amount, x.dueDate, x.superseded])).toEqual(
      [
        ['2026-03', 'OPENING', 15_000_000, '2026-04-30', false],
        ['2026-04', 'SI_RETIRE', 9_000_000, '2026-05-31', true],
        ['2026-04', 'OPENING', 10_000_000, '2026-05-31', false],
        ['2026-05', 'SI_RETIRE', 9_000_000, '2026-06-30', false],
      ],
    );
    expect(r.paymentsSupersededThrough).toBe('2026-04-30');
    expect(r.openingCredit).toBeNull();
  });

  it('B ≤ p: one line of P; without p: one line of P counting tyleno; B ≤ 0: credit from the 1st of P+1', () => {
    const a = assembleReceivables({
      cycle: 'monthly',
      ledgerLines: [],
      assessed: [],
      openingBalances: [{ period: '2026-04', closingBalance: 4_000_000, payable: 10_000_000 }],
    });
    expect(a.receivables.map((x) => [x.period, x.amount])).toEqual([['2026-04', 4_000_000]]);
    const b = assembleReceivables({
      cycle: 'monthly',
      ledgerLines: [],
      assessed: [],
      openingBalances: [{ period: '2026-04', closingBalance: 30_000_000, tyleno: 2.35 }],
    });
    expect(b.receivables.map((x) => [x.period, x.amount, x.openingBasis])).toEqual([
      ['2026-04', 30_000_000, { kind: 'tyleno', tylenoMilli: 2350 }],
    ]);
    const c = assembleReceivables({
      cycle: 'monthly',
      ledgerLines: [],
      assessed: [],
      openingBalances: [{ period: '2026-04', closingBalance: -1_500_000, payable: 10_000_000 }],
    });
    expect(c.receivables).toEqual([]);
    expect(c.openingCredit).toEqual({ amount: 1_500_000, availableFrom: '2026-05-01' });
  });
});
