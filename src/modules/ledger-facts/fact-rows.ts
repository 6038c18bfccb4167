import type { ReceiptStatus } from './receipt.entity.js';

/**
 * What the importers hand the ledger facts' writer: plain rows (no entities), money in whole đồng, dates
 * `YYYY-MM-DD`, periods `YYYY-MM`. The batch that writes them is given beside the rows.
 */

/** One employee participation interval of a roster (dòng D02-LT); months inclusive, null `toMonth`: open. */
export interface RosterLineRow {
  unitCode: string;
  siNumber: string;
  name: string;
  salary: number;
  allowances: number;
  fromMonth: string;
  toMonth: string | null;
}

/** The months a roster batch covers for one unit: from-month to to-month inclusive (null: open). */
export interface RosterCoverage {
  unitCode: string;
  from: string;
  to: string | null;
}

/** An employer's own declared totals for one period. */
export interface DeclaredTotalRow {
  unitCode: string;
  period: string;
  total: number | null;
  /** Per fund key, whole đồng. */
  amounts: Record<string, number>;
}

/** A payment the employer says it made. */
export interface StatedPaymentRow {
  paidOn: string;
  amount: number;
  orderNo: string | null;
  note: string | null;
}

/** The days (inclusive) of one unit whose stated payments a batch replaces. */
export interface StatedPaymentSpan {
  unitCode: string;
  from: string;
  to: string;
}

/** A line of the agency's receivables ledger; `reason` empty for a regular line. */
export interface ReceivableLineRow {
  unitCode: string;
  period: string;
  fund: string;
  amount: number;
  dueDate: string | null;
  reason: string;
}

/** One unit's opening balance (C12 summary month). */
export interface OpeningBalanceRow {
  unitCode: string;
  period: string;
  name: string | null;
  closingBalance: number;
  payable: number | null;
  monthsOfDebtMilli: number | null;
}

/** A bank receipt as imported, with the match found as it landed. */
export interface NewReceiptRow {
  valueDate: string;
  amount: number;
  memo: string;
  payerName: string | null;
  bankRef: string;
  statementUnitCode: string | null;
  status: ReceiptStatus;
  unitCode: string | null;
  method: string | null;
  confidenceMilli: number;
  suggestion: string | null;
}
