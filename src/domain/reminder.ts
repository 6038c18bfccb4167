import type { IsoDate, Period } from './dates.js';
import type { Ledger } from './ledger.js';

/** One period's overdue principal on a reminder letter (§10). */
export interface OverduePeriod {
  period: Period;
  /** The earliest due date of the period's unpaid lines. */
  dueDate: IsoDate;
  unpaid: number;
}

/** What a written reminder states, from the ledger as of D (§7 measures). */
export interface ReminderFigures {
  unitCode: string;
  asOf: IsoDate;
  periods: OverduePeriod[];
  overduePrincipal: number;
  /** Charges as of D: booked unpaid + accrued through D − 1 (§6). */
  chargesUnpaid: number;
  monthsOfDebt: number;
}

/**
 * The figures of a reminder letter: unpaid principal of lines due before D, by period (oldest first),
 * their total (the ledger's overdue principal), the charges as of D and the months of debt.
 */
export function reminderFigures(ledger: Ledger): ReminderFigures {
  const by = new Map<Period, OverduePeriod>();
  for (const l of ledger.principal) {
    const unpaid = l.receivable.amount - l.paid;
    if (unpaid <= 0 || l.receivable.dueDate >= ledger.asOf) continue;
    const p = by.get(l.receivable.period);
    if (p) {
      p.unpaid += unpaid;
      if (l.receivable.dueDate < p.dueDate) p.dueDate = l.receivable.dueDate;
    } else {
      by.set(l.receivable.period, {
        period: l.receivable.period,
        dueDate: l.receivable.dueDate,
        unpaid,
      });
    }
  }
  const periods = [...by.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
  return {
    unitCode: ledger.unitCode,
    asOf: ledger.asOf,
    periods,
    overduePrincipal: ledger.totals.overduePrincipal,
    chargesUnpaid: ledger.totals.chargesUnpaid,
    monthsOfDebt: ledger.monthsOfDebt,
  };
}
