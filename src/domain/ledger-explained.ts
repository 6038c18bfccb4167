import type { ChargeLine } from './allocation.js';
import type { IsoDate, Period } from './dates.js';
import type { Ledger, LedgerPayment, LedgerPeriod, LedgerTotals } from './ledger.js';

/**
 * The employer sheet, explained (what an officer asks of each figure): which periods a C12 opening
 * balance carries, overdue and not-yet-due principal apart (adding up to the balance), and each late
 * charge traced to the payment event that booked it (§6: charges are booked at payments only).
 * Everything is read from the ledger; nothing here changes a figure.
 */

/** The payment whose allocation event booked a charge, or null (old-regime interest, booked on the 1st). */
export interface ChargeEvent {
  valueDate: IsoDate;
  bankRef: string;
}

export interface ExplainedCharge extends ChargeLine {
  bookedBy: ChargeEvent | null;
}

export interface ExplainedPeriod extends LedgerPeriod {
  /** Unpaid principal of the period's lines due before D (arrears). */
  overdue: number;
  /** Unpaid principal of the period's lines not yet due at D (never arrears, §7). */
  notYetDue: number;
  /** Part of `receivable` that is a C12 opening balance line (fund OPENING). */
  opening: number;
  /**
   * The C12 month whose opening balance carries this period (its own lines are superseded, its
   * payments counted in the balance), or null.
   */
  carriedInto: Period | null;
  /** Charges whose lateness this period caused: booked (any month) and accrued since the last event. */
  chargeCaused: number;
  chargeAccrued: number;
  /** The charges booked in this month (`charge`), each with its event. */
  chargeEvents: {
    bookedOn: IsoDate;
    bankRef: string | null;
    amount: number;
    causingPeriod: Period;
  }[];
}

export interface ExplainedPayment extends LedgerPayment {
  /** Charges booked at this payment's event, before it was allocated (§6). */
  chargesBooked: number;
  /** The C12 month whose opening balance counts this payment (superseded), or null. */
  carriedInto: Period | null;
}

export interface ExplainedTotals extends LedgerTotals {
  /** principalOutstanding − overduePrincipal: existing principal not yet due at D. */
  notYetDuePrincipal: number;
}

export interface ExplainedLedger {
  periods: ExplainedPeriod[];
  payments: ExplainedPayment[];
  charges: ExplainedCharge[];
  totals: ExplainedTotals;
  opening: Ledger['opening'];
}

/** The payment event that booked each daily-regime charge: the first payment allocated on its day. */
function eventsOf(ledger: Ledger): Map<IsoDate, ChargeEvent> {
  const byDay = new Map<IsoDate, ChargeEvent>();
  for (const p of ledger.payments)
    if (!p.superseded && !byDay.has(p.valueDate))
      byDay.set(p.valueDate, { valueDate: p.valueDate, bankRef: p.bankRef });
  return byDay;
}

export function explainLedger(ledger: Ledger): ExplainedLedger {
  const asOf = ledger.asOf;
  const events = eventsOf(ledger);
  const charges: ExplainedCharge[] = ledger.charges.map((c) => ({
    ...c,
    bookedBy: c.regime === 'daily' ? (events.get(c.bookedOn) ?? null) : null,
  }));
  const openingMonth = ledger.opening?.period ?? null;
  const carried = (p: Period) => (openingMonth !== null && p <= openingMonth ? openingMonth : null);
  const lastDayCarried = openingMonth ? `${openingMonth}-31` : null;

  const periods: ExplainedPeriod[] = ledger.periods.map((row) => {
    const lines = ledger.principal.filter((l) => l.receivable.period === row.period);
    let overdue = 0;
    let notYetDue = 0;
    let opening = 0;
    let chargeAccrued = 0;
    for (const l of lines) {
      const unpaid = l.receivable.amount - l.paid;
      if (l.receivable.dueDate < asOf) overdue += unpaid;
      else notYetDue += unpaid;
      if (l.receivable.source === 'opening') opening += l.receivable.amount;
      chargeAccrued += l.accruedAtAsOf;
    }
    const hasOwnLines = lines.some((l) => l.receivable.source !== 'opening');
    return {
      ...row,
      overdue,
      notYetDue,
      opening,
      carriedInto: hasOwnLines ? null : carried(row.period),
      chargeCaused: charges
        .filter((c) => c.causingPeriod === row.period)
        .reduce((s, c) => s + c.amount, 0),
      chargeAccrued,
      chargeEvents: charges
        .filter((c) => c.period === row.period)
        .map((c) => ({
          bookedOn: c.bookedOn,
          bankRef: c.bookedBy?.bankRef ?? null,
          amount: c.amount,
          causingPeriod: c.causingPeriod,
        })),
    };
  });

  const bookedAt = new Map<string, number>();
  for (const c of charges)
    if (c.bookedBy) {
      const k = `${c.bookedBy.valueDate}|${c.bookedBy.bankRef}`;
      bookedAt.set(k, (bookedAt.get(k) ?? 0) + c.amount);
    }
  const payments: ExplainedPayment[] = ledger.payments.map((p) => ({
    ...p,
    chargesBooked: p.superseded ? 0 : (bookedAt.get(`${p.valueDate}|${p.bankRef}`) ?? 0),
    carriedInto:
      p.superseded && lastDayCarried && p.valueDate <= lastDayCarried ? openingMonth : null,
  }));

  return {
    periods,
    payments,
    charges,
    totals: {
      ...ledger.totals,
      notYetDuePrincipal: ledger.totals.principalOutstanding - ledger.totals.overduePrincipal,
    },
    opening: ledger.opening,
  };
}
