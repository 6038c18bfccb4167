import type { Ledger } from './ledger.js';
import { amountSignal } from './matching-rank.js';
import { openQuantitiesOf } from './open-quantities.js';

function ledgerOf(periods: Partial<Ledger['periods'][number]>[], overduePrincipal: number): Ledger {
  return {
    periods: periods.map((p) => ({
      period: '2026-01',
      dueDate: '2026-02-28',
      receivable: 0,
      declared: null,
      paid: 0,
      balance: 0,
      daysLate: 0,
      charge: 0,
      ...p,
    })),
    totals: { overduePrincipal },
  } as unknown as Ledger;
}

describe('openQuantitiesOf', () => {
  it("reads the overdue principal and each period's balance and declared total, in period order", () => {
    const l = ledgerOf(
      [
        { period: '2026-03', receivable: 300, paid: 0, balance: 300, declared: 310 },
        { period: '2026-01', receivable: 100, paid: 40, balance: 60, declared: null },
      ],
      60,
    );
    expect(openQuantitiesOf(l)).toEqual({
      overduePrincipal: 60,
      periods: [
        { period: '2026-01', outstanding: 60, declared: null },
        { period: '2026-03', outstanding: 300, declared: 310 },
      ],
    });
  });

  it('lets the ranker find an amount equal to the overdue principal, one period or a run of periods', () => {
    const open = openQuantitiesOf(
      ledgerOf(
        [
          { period: '2026-01', balance: 100 },
          { period: '2026-02', balance: 200 },
          { period: '2026-03', balance: 400 },
        ],
        300,
      ),
    );
    expect(amountSignal(300, open)?.reason).toBe('amount=overdue');
    expect(amountSignal(400, open)?.reason).toBe('amount=period 03/2026');
    expect(amountSignal(600, open)?.reason).toBe('amount=periods 02/2026-03/2026');
    expect(amountSignal(500, open)).toBeNull();
  });
});
