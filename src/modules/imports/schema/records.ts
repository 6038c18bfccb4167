import type { RowPosition } from './column-schema.js';
import type { EmployerStatus, FundKey, PaymentCycle, WageRegion } from './value-lists.js';

/**
 * Typed records produced by the importer, one shape per kind. Money is whole đồng (safe
 * integers), dates `YYYY-MM-DD`, periods `YYYY-MM`, rates basis points. Optional values a row
 * left blank are null: defaults are the importing service's decision, not the parser's.
 */
export type ImportKind = 'employers' | 'roster' | 'receipts' | 'receivables' | 'c12-summary';
export const IMPORT_KINDS: readonly ImportKind[] = [
  'employers',
  'roster',
  'receipts',
  'receivables',
  'c12-summary',
];

/** An employer unit (đơn vị). */
export interface EmployerRecord extends RowPosition {
  unitCode: string;
  name: string;
  taxCode: string | null;
  officeCode: string;
  region: WageRegion;
  cycle: PaymentCycle | null;
  /** OA (TNLĐ-BNN) rate in basis points: 50 or 30. */
  oaRateBp: number | null;
  status: EmployerStatus | null;
}

/** One employee participation interval of a roster (D02-LT line). */
export interface RosterLineRecord extends RowPosition {
  type: 'line';
  unitCode: string;
  siNumber: string;
  name: string;
  salary: number;
  /** Sum of every allowance/supplement column (0 when none). */
  allowances: number;
  fromMonth: string;
  /** Inclusive; null: continues. */
  toMonth: string | null;
  birthDate: string | null;
  sex: string | null;
  idNumber: string | null;
  position: string | null;
  note: string | null;
}

/**
 * The employer's own declared totals for one period (optional roster sheet). `unitCode` null:
 * the sheet gave none, the roster's single unit is meant.
 */
export interface DeclaredTotalRecord extends RowPosition {
  type: 'declaredTotal';
  unitCode: string | null;
  period: string;
  amounts: Partial<Record<FundKey, number>>;
  total: number | null;
}

/** A payment the employer says it made (optional roster sheet). */
export interface EmployerPaymentRecord extends RowPosition {
  type: 'payment';
  unitCode: string | null;
  paidOn: string;
  amount: number;
  /** Số ủy nhiệm chi (payment order number). */
  orderNo: string | null;
  note: string | null;
}

export type RosterRecord = RosterLineRecord | DeclaredTotalRecord | EmployerPaymentRecord;

/** A bank receipt line. */
export interface ReceiptRecord extends RowPosition {
  valueDate: string;
  amount: number;
  memo: string;
  payerName: string | null;
  bankRef: string;
  unitCode: string | null;
}

/** An agency ledger line; a sheet with one column per fund gives one record per filled fund cell. */
export interface ReceivableRecord extends RowPosition {
  unitCode: string;
  period: string;
  fund: FundKey;
  amount: number;
  dueDate: string | null;
  /** Present: an adjustment (C12 B.4). */
  reason: string | null;
}

/** One unit's month of the officers' C12 summary export. Blank amounts are null (no amount). */
export interface C12SummaryRecord extends RowPosition {
  unitCode: string;
  name: string | null;
  period: string;
  opening: number | null;
  /** `tiền cuối kỳ`; negative is a credit. Null: blank, no balance. */
  closing: number | null;
  adjustment: number | null;
  payable: number | null;
  paid: number | null;
  difference: number | null;
  /** `tyleno` as integer thousandths of a month (9.344 → 9344). */
  monthsOfDebtMilli: number | null;
}

export interface RecordByKind {
  employers: EmployerRecord;
  roster: RosterRecord;
  receipts: ReceiptRecord;
  receivables: ReceivableRecord;
  'c12-summary': C12SummaryRecord;
}
export type RecordOf<K extends ImportKind> = RecordByKind[K];
