import { addMonths, firstDayOf, lastDayOf, type IsoDate, type Period } from './dates.js';
import { dueDate } from './due-dates.js';
import type { PaymentCycle } from './employer.js';
import { DomainError } from './errors.js';
import {
  CONTRIBUTION_FUNDS,
  fundOrder,
  type ContributionFund,
  type FundAmounts,
  type FundKey,
} from './funds.js';
import { assertSafeMoney } from './money.js';

/** Where a receivable line comes from, highest precedence first (§5). */
export type ReceivableSource = 'ledger' | 'adjustment' | 'assessed' | 'opening';

/** How an opening line counts in months of debt (§5): unpaid ÷ p, or the row's tyleno. */
export type OpeningMonthsBasis =
  { kind: 'payable'; payable: number } | { kind: 'tyleno'; tylenoMilli: number };

/** One receivable line (khoản phải thu): employer-period-fund-amount-due date. */
export interface Receivable {
  /** Stable id derived from the content, so results do not depend on input order. */
  id: string;
  period: Period;
  fund: FundKey;
  amount: number;
  dueDate: IsoDate;
  source: ReceivableSource;
  reason?: string | null;
  /** Replaced by a later opening balance (kept, never allocated). */
  superseded: boolean;
  openingBasis?: OpeningMonthsBasis;
}

/** A line of the agency's ledger (sổ phải thu); with a `reason` it is an adjustment (C12 B.4). */
export interface LedgerLineInput {
  period: Period;
  fund: ContributionFund;
  amount: number;
  dueDate?: IsoDate | null;
  reason?: string | null;
}

/** A roster-assessed employer-period (§3). */
export interface AssessedInput {
  period: Period;
  amounts: Partial<FundAmounts>;
}

/** One unit's row of an officers' C12 summary export for month P (§5, §11). */
export interface OpeningBalanceInput {
  /** P: the import's period. */
  period: Period;
  /** B, tiền cuối kỳ (may be negative: a credit). */
  closingBalance: number;
  /** p, số tiền phải nộp (optional). */
  payable?: number | null;
  /** tyleno (months of debt as exported), used only without p. */
  tyleno?: number | null;
}

export interface OpeningCredit {
  amount: number;
  /** The 1st of P+1. */
  availableFrom: IsoDate;
}

export interface AssembledReceivables {
  /** All lines, superseded ones included (flagged). */
  receivables: Receivable[];
  openingCredit: OpeningCredit | null;
  /** Payments with a value date on or before this day are superseded (last day of P), or null. */
  paymentsSupersededThrough: IsoDate | null;
  /** The opening balance that applies (the latest P), or null. */
  opening: OpeningBalanceInput | null;
}

export interface AssembleInput {
  cycle: PaymentCycle;
  ledgerLines: readonly LedgerLineInput[];
  assessed: readonly AssessedInput[];
  openingBalances: readonly OpeningBalanceInput[];
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical order of receivable lines: period, due date, fund (§2 order), source, id. */
export function compareReceivables(a: Receivable, b: Receivable): number {
  return (
    cmpStr(a.period, b.period) ||
    cmpStr(a.dueDate, b.dueDate) ||
    fundOrder(a.fund) - fundOrder(b.fund) ||
    cmpStr(a.source, b.source) ||
    cmpStr(a.id, b.id)
  );
}

/**
 * Assembles an employer's receivable lines (§5): per employer-period the agency ledger's regular lines,
 * if any, define the period, else the roster assessment; adjustments (ledger lines with a reason) add to
 * whichever defines it, due on their own due date (default §4). The latest C12 opening balance creates
 * OPENING lines (min(B, p) of P, the rest of P−1) or a credit from the 1st of P+1, and supersedes
 * receivables of periods ≤ P and payments dated ≤ the last day of P.
 */
export function assembleReceivables(input: AssembleInput): AssembledReceivables {
  const { cycle } = input;
  const out: Receivable[] = [];
  for (const l of input.ledgerLines) {
    assertSafeMoney(l.amount);
    if (l.amount < 0) {
      throw new DomainError('NEGATIVE_AMOUNT', 'negative receivable amounts are refused', { ...l });
    }
  }
  const ledgerPeriods = new Set(input.ledgerLines.filter((l) => !l.reason).map((l) => l.period));
  const seen = new Map<string, number>();
  const uid = (base: string) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  };

  const ledgerSorted = [...input.ledgerLines].sort(
    (a, b) =>
      cmpStr(a.period, b.period) ||
      fundOrder(a.fund) - fundOrder(b.fund) ||
      cmpStr(a.reason ?? '', b.reason ?? '') ||
      cmpStr(a.dueDate ?? '', b.dueDate ?? '') ||
      a.amount - b.amount,
  );
  for (const l of ledgerSorted) {
    const adj = !!l.reason;
    const source: ReceivableSource = adj ? 'adjustment' : 'ledger';
    out.push({
      id: uid(`${source}:${l.period}:${l.fund}${adj ? `:${l.reason}` : ''}`),
      period: l.period,
      fund: l.fund,
      amount: l.amount,
      dueDate: l.dueDate ?? dueDate(l.period, cycle),
      source,
      reason: l.reason ?? null,
      superseded: false,
    });
  }
  const assessedSorted = [...input.assessed].sort((a, b) => cmpStr(a.period, b.period));
  for (const a of assessedSorted) {
    if (ledgerPeriods.has(a.period)) continue;
    for (const f of CONTRIBUTION_FUNDS) {
      const amount = a.amounts[f] ?? 0;
      assertSafeMoney(amount);
      if (amount < 0)
        throw new DomainError('NEGATIVE_AMOUNT', 'negative assessed amount', {
          period: a.period,
          fund: f,
        });
      if (amount === 0) continue;
      out.push({
        id: uid(`assessed:${a.period}:${f}`),
        period: a.period,
        fund: f,
        amount,
        dueDate: dueDate(a.period, cycle),
        source: 'assessed',
        superseded: false,
      });
    }
  }

  const opening = [...input.openingBalances].sort((a, b) => cmpStr(b.period, a.period))[0] ?? null;
  let openingCredit: OpeningCredit | null = null;
  let paymentsSupersededThrough: IsoDate | null = null;
  if (opening) {
    const P = opening.period;
    const B = assertSafeMoney(opening.closingBalance, 'closingBalance');
    for (const r of out) if (r.period <= P) r.superseded = true;
    paymentsSupersededThrough = lastDayOf(P);
    if (B <= 0) {
      if (B < 0) openingCredit = { amount: -B, availableFrom: firstDayOf(addMonths(P, 1)) };
    } else {
      const p = opening.payable;
      if (p != null && p > 0) {
        assertSafeMoney(p, 'payable');
        const current = Math.min(B, p);
        const older = B - current;
        const basis: OpeningMonthsBasis = { kind: 'payable', payable: p };
        if (older > 0) {
          const P1 = addMonths(P, -1);
          out.push(openingLine(P1, older, dueDate(P1, cycle), basis));
        }
        out.push(openingLine(P, current, dueDate(P, cycle), basis));
      } else {
        const tylenoMilli =
          opening.tyleno != null && opening.tyleno > 0 ? Math.round(opening.tyleno * 1000) : 1000;
        out.push(openingLine(P, B, dueDate(P, cycle), { kind: 'tyleno', tylenoMilli }));
      }
    }
  }
  out.sort(compareReceivables);
  return { receivables: out, openingCredit, paymentsSupersededThrough, opening };
}

function openingLine(
  period: Period,
  amount: number,
  due: IsoDate,
  basis: OpeningMonthsBasis,
): Receivable {
  return {
    id: `opening:${period}:OPENING`,
    period,
    fund: 'OPENING',
    amount,
    dueDate: due,
    source: 'opening',
    superseded: false,
    openingBasis: basis,
  };
}
