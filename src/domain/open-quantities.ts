import type { Ledger } from './ledger.js';
import type { OpenQuantities } from './matching-rank.js';

/**
 * What a receipt's amount is compared with (domain.md §8 step 5c), read off an employer's ledger as of
 * the receipt's value date: the overdue principal, and per period the principal still outstanding
 * (receivable − paid) and the employer's declared total. Periods in period order.
 */
export function openQuantitiesOf(ledger: Ledger): OpenQuantities {
  return {
    overduePrincipal: ledger.totals.overduePrincipal,
    periods: [...ledger.periods]
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
      .map((p) => ({ period: p.period, outstanding: p.balance, declared: p.declared })),
  };
}
