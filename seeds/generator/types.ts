/** The generated province: the truth the workbooks are written from and tests compute expectations from. */
import type { IsoDate, PaymentCycle, Period } from './calendar.js';
import type { FundKey, OaRateBp, Region } from './contributions.js';

export type { IsoDate, PaymentCycle, Period } from './calendar.js';
export type { FundKey, OaRateBp, Region } from './contributions.js';

/** Management block: the first two letters of a unit code (`NQ` and `TZ` codes have other shapes). */
export type Block = 'TC' | 'HC' | 'CC' | 'HT' | 'NQ' | 'TZ';

export type EmployerStatus =
  | 'active'
  | 'suspended'
  | 'absconded'
  | 'dissolving'
  | 'dissolved'
  | 'bankrupt'
  | 'debt-frozen';

export const HARD_TO_COLLECT: readonly EmployerStatus[] = [
  'absconded',
  'dissolving',
  'dissolved',
  'bankrupt',
  'debt-frozen',
];

/** How an employer pays; drives its bank receipts. */
export type BehaviourProfile =
  | 'on-time'
  | 'usually-late'
  | 'arrears-3' // chronic arrears that grow to ≥ 3 months of debt by the end period
  | 'arrears-12' // chronic arrears that grow to ≥ 12 months of debt by the end period
  | 'lumps' // pays several months at once, every 3–4 months
  | 'overpays' // pays more than owed, building a credit
  | 'stopped'; // stopped paying (hard-to-collect status) some months ago

export type MatchMethod = 'column' | 'reference' | 'unit-code' | 'tax-code' | 'name' | 'none';

export interface GeneratorOptions {
  seed: number;
  provinceCode: string;
  offices: number;
  employersPerOffice: number;
  months: number;
  endPeriod: Period;
  averageEmployees: number;
  /** The month of the C12 summary export; default: 12 months before the end period. */
  c12Period?: Period;
  scale: 'small' | 'demo' | 'bench';
}

export interface Office {
  code: string;
  name: string;
  provinceCode: string;
}

export interface Employer {
  unitCode: string;
  name: string;
  block: Block;
  /** 10 digits, or a 13-digit branch code written `NNNNNNNNNN-NNN`. */
  taxCode: string;
  officeCode: string;
  region: Region;
  cycle: PaymentCycle;
  oaRateBp: OaRateBp;
  status: EmployerStatus;
  hardToCollect: boolean;
  agriculture: boolean;
  profile: BehaviourProfile;
  /** First month with insured persons. */
  firstPeriod: Period;
  /** The employer's declared totals differ from the receivable in `declarationMismatchPeriods`. */
  declarationMismatchPeriods: Period[];
}

export interface Person {
  siNumber: string;
  name: string;
  birthDate: IsoDate;
  sex: 'M' | 'F';
  idNumber: string;
}

export interface Allowances {
  /** Phụ cấp chức vụ */
  position: number;
  /** Phụ cấp thâm niên VK */
  seniority: number;
  /** Các khoản bổ sung */
  supplement: number;
}

/** One roster line (D02-LT): from and to months inclusive; `toMonth` null continues to the as-of month. */
export interface RosterInterval {
  unitCode: string;
  siNumber: string;
  fromMonth: Period;
  toMonth: Period | null;
  salary: number;
  allowances: Allowances;
  /** salary + all allowances: what the floor is compared with and the base is taken from. */
  salaryTotal: number;
  position: string;
  note: string;
}

export interface Receivable {
  unitCode: string;
  period: Period;
  fund: FundKey;
  amount: number;
  dueDate: IsoDate;
  /** `assessed` from the roster; `ledger` a regular agency line that replaces the period; `adjustment` adds. */
  source: 'assessed' | 'ledger' | 'adjustment';
  reason?: string;
}

/** A line of the agency's receivables workbook. */
export interface LedgerLine {
  unitCode: string;
  period: Period;
  fund: FundKey;
  amount: number;
  /** Written only when set; else §4's due date applies. */
  dueDate: IsoDate | null;
  /** Present = adjustment (B.4). */
  reason: string | null;
}

/** The employer's own totals per period and fund (roster workbook's declared-totals sheet). */
export interface DeclaredTotal {
  unitCode: string;
  period: Period;
  fund: FundKey;
  amount: number;
}

export interface Receipt {
  bankRef: string;
  valueDate: IsoDate;
  amount: number;
  memo: string;
  payerName: string;
  /** The statement's own unit code column, when filled. */
  unitCodeColumn: string | null;
  /** Who really sent the money (null: not an employer of the province). */
  intendedUnitCode: string | null;
  /** What the matcher of domain.md §8 should conclude: `name` is a suggestion, `none` goes to KM00000. */
  expectedMethod: MatchMethod;
  /** The unit the matcher should land on (suggested for `name`), or KM00000. */
  expectedUnitCode: string;
  /** What the payer meant the money for. */
  meantFor: { kind: 'periods' | 'partial' | 'lump' | 'advance' | 'catch-up' | 'unknown'; periods: Period[] };
  /** Memo style used (for test diagnostics). */
  memoStyle: string;
  /** Confusions a bank or typist put in the memo or payer name (`confusions.ts`); absent when none. */
  confusions?: string[];
}

/** The payments the employer says it made (roster workbook's payments sheet). */
export interface StatedPayment {
  unitCode: string;
  date: IsoDate;
  amount: number;
  orderNumber: string;
  note: string;
}

export interface C12Row {
  unitCode: string;
  name: string;
  /** tiền đầu kỳ: the balance at the end of the previous month, a credit shown as 0 (as the real export does). */
  opening: number;
  /** tiền cuối kỳ: balance at the end of the month; negative = credit. */
  closing: number;
  /** số tiền điều chỉnh kỳ trước: adjustments booked in the month. */
  adjustment: number;
  /** số tiền phải nộp: the month's regular receivable. */
  payable: number;
  /** tiền đã nộp: money the unit sent with value date in the month (as officers eventually booked it). */
  paid: number;
  /** số tiền lệch = payable − paid. */
  difference: number;
  /** Months of debt as the export shows it: closing ÷ payable, 3 decimals; 0 for a credit. */
  tyleno: number;
}

export interface UnderFloorFinding {
  unitCode: string;
  siNumber: string;
  period: Period;
  salaryTotal: number;
  floor: number;
}

export interface Province {
  generator: { name: 'sothu-synthetic-province'; version: 1 };
  options: Required<GeneratorOptions>;
  provinceCode: string;
  periods: Period[];
  offices: Office[];
  employers: Employer[];
  persons: Person[];
  roster: RosterInterval[];
  /** Assessed from the roster for every period of the window (open lines counted to the end period). */
  assessed: Receivable[];
  /** What the agency actually holds: assessed, replaced per period by ledger lines, plus adjustments. */
  receivables: Receivable[];
  ledger: LedgerLine[];
  declared: DeclaredTotal[];
  receipts: Receipt[];
  /** The employer that really sent each receipt, by bank reference (null: not an employer of the province). */
  receiptEmployers: Record<string, string | null>;
  statedPayments: StatedPayment[];
  underFloor: UnderFloorFinding[];
  c12: { period: Period; rows: C12Row[] };
}
