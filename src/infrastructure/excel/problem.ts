/**
 * A problem found in an uploaded workbook, addressed the way an officer finds it in Excel.
 * `level`: `structural` rejects the whole file; `row` rejects one row (both are **errors**); `info` is a
 * **warning**, reported only: the row still commits (e.g. an extra column that was ignored).
 */
export interface Problem {
  level: ProblemLevel;
  /** Sheet name as shown on the tab; null when the problem is about the file itself. */
  sheet: string | null;
  /** 1-based Excel row number; null when the problem is not about one row. */
  row: number | null;
  /** Excel column letter (`A`, `B`, … `AA`); null when not about one column. */
  column: string | null;
  code: ProblemCode;
  /** The server's English text, for logs and API clients; people read the console's catalogue text. */
  message: string;
  /** The values the catalogue's text needs (`src/infrastructure/messages/codes.ts` lists them per code). */
  details?: ProblemDetails;
}

export type ProblemDetails = Record<string, string | number>;

export type ProblemLevel = 'structural' | 'row' | 'info';

/** Stable problem codes: clients and the errors workbook key on them, so never rename one. */
export const ProblemCode = {
  // structural: the file
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  UNCOMPRESSED_TOO_LARGE: 'UNCOMPRESSED_TOO_LARGE',
  TOO_MANY_ROWS: 'TOO_MANY_ROWS',
  /** A cell beyond column XFD (16,384), the last Excel has. */
  COLUMN_BEYOND_XFD: 'COLUMN_BEYOND_XFD',
  /** A row numbered beyond 1,048,576, the last Excel has. */
  ROW_BEYOND_LIMIT: 'ROW_BEYOND_LIMIT',
  TOO_MANY_CELLS_IN_ROW: 'TOO_MANY_CELLS_IN_ROW',
  TOO_MANY_CELLS: 'TOO_MANY_CELLS',
  NOT_A_WORKBOOK: 'NOT_A_WORKBOOK',
  CORRUPT_FILE: 'CORRUPT_FILE',
  ENCRYPTED_FILE: 'ENCRYPTED_FILE',
  // structural: the layout
  NO_HEADER_ROW: 'NO_HEADER_ROW',
  WRONG_KIND: 'WRONG_KIND',
  MISSING_COLUMN: 'MISSING_COLUMN',
  MISSING_UNIT_CODE: 'MISSING_UNIT_CODE',
  MISSING_PERIOD: 'MISSING_PERIOD',
  // info
  EXTRA_COLUMN: 'EXTRA_COLUMN',
  DUPLICATE_COLUMN: 'DUPLICATE_COLUMN',
  SHEET_IGNORED: 'SHEET_IGNORED',
  /** The officer chose another kind than the file's headers show; the headers' kind was used. */
  KIND_HINT_IGNORED: 'KIND_HINT_IGNORED',
  // row
  REQUIRED: 'REQUIRED',
  FORMULA_NO_RESULT: 'FORMULA_NO_RESULT',
  CELL_ERROR: 'CELL_ERROR',
  NOT_A_NUMBER: 'NOT_A_NUMBER',
  MONEY_FRACTION: 'MONEY_FRACTION',
  NEGATIVE_AMOUNT: 'NEGATIVE_AMOUNT',
  AMOUNT_TOO_LARGE: 'AMOUNT_TOO_LARGE',
  INVALID_DATE: 'INVALID_DATE',
  DATE_OUT_OF_RANGE: 'DATE_OUT_OF_RANGE',
  INVALID_PERIOD: 'INVALID_PERIOD',
  INVALID_SI_NUMBER: 'INVALID_SI_NUMBER',
  INVALID_UNIT_CODE: 'INVALID_UNIT_CODE',
  INVALID_TAX_CODE: 'INVALID_TAX_CODE',
  INVALID_OFFICE_CODE: 'INVALID_OFFICE_CODE',
  INVALID_RATE: 'INVALID_RATE',
  INVALID_REGION: 'INVALID_REGION',
  INVALID_CYCLE: 'INVALID_CYCLE',
  INVALID_STATUS: 'INVALID_STATUS',
  INVALID_FUND: 'INVALID_FUND',
  INVALID_DECIMAL: 'INVALID_DECIMAL',
  TEXT_TOO_LONG: 'TEXT_TOO_LONG',
  PERIOD_ORDER: 'PERIOD_ORDER',
  // checks against what the service already knows (made by the import writers)
  UNKNOWN_UNIT: 'UNKNOWN_UNIT',
  UNKNOWN_OFFICE: 'UNKNOWN_OFFICE',
  UNIT_NOT_REGISTERED: 'UNIT_NOT_REGISTERED',
  SUSPENSE_UNIT: 'SUSPENSE_UNIT',
  DUPLICATE_BANK_REF: 'DUPLICATE_BANK_REF',
  DUPLICATE_KEY: 'DUPLICATE_KEY',
  ROSTER_OVERLAP: 'ROSTER_OVERLAP',
  AMBIGUOUS_UNIT: 'AMBIGUOUS_UNIT',
  /** The row's employer (or the office it names) is outside the offices the uploader may write. */
  OUTSIDE_OFFICE_SCOPE: 'OUTSIDE_OFFICE_SCOPE',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

/** Thrown when a workbook is refused whole; `problems` holds at least one structural problem. */
export class WorkbookRejectedError extends Error {
  readonly code = 'IMPORT_WORKBOOK_REJECTED';
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'WorkbookRejectedError';
  }
}

export function structural(
  code: ProblemCode,
  message: string,
  at: { sheet?: string | null; row?: number | null; column?: string | null } = {},
  details?: ProblemDetails,
): Problem {
  return {
    level: 'structural',
    sheet: at.sheet ?? null,
    row: at.row ?? null,
    column: at.column ?? null,
    code,
    message,
    ...(details ? { details } : {}),
  };
}

export function reject(
  code: ProblemCode,
  message: string,
  at?: { sheet?: string | null; row?: number | null; column?: string | null },
  details?: ProblemDetails,
): WorkbookRejectedError {
  return new WorkbookRejectedError([structural(code, message, at, details)]);
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = (n - 1 - m) / 26;
  }
  return s;
}
