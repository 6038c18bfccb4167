import { ProblemCode } from '../excel/problem.js';

/**
 * Every code the service can put in front of a person, with the `details` keys its message may use.
 * The console renders messages from these codes and details (its catalogue, Vietnamese and English),
 * never the server's English `message`: a code missing here, or in the catalogue, fails
 * `test/message-codes.spec.ts`. A key listed is sent by **every** place that emits the code.
 */

/** API error codes (`{error:{code,message,details}}`) → the detail keys always sent. */
export const API_ERROR_CODES = {
  // from HTTP statuses (error.filter.ts) and the filter's last resort
  BAD_REQUEST: [],
  UNAUTHENTICATED: [],
  FORBIDDEN: [],
  NOT_FOUND: [],
  METHOD_NOT_ALLOWED: [],
  CONFLICT: [],
  PAYLOAD_TOO_LARGE: [],
  UNSUPPORTED_MEDIA_TYPE: [],
  UNPROCESSABLE: [],
  TOO_MANY_REQUESTS: [],
  UNAVAILABLE: [],
  INTERNAL: [],
  // domain rules (src/domain/errors.ts), answered 422
  INVALID_ARGUMENT: [],
  INVALID_DATE: [],
  INVALID_PERIOD: [],
  INVALID_AMOUNT: [],
  UNSAFE_INTEGER: [],
  REFERENCE_DATA_MISSING: [],
  REFERENCE_DATA_INVALID: [],
  ROSTER_OVERLAP: [],
  NEGATIVE_AMOUNT: [],
  // infrastructure
  CURSOR_INVALID: [],
  QUEUE_UNAVAILABLE: [],
  IMPORT_WORKBOOK_REJECTED: [],
  // access and auth
  OFFICE_FORBIDDEN: ['office'],
  INVALID_CREDENTIALS: [],
  ACCOUNT_LOCKED: ['lockedUntil'],
  USER_EXISTS: ['email'],
  WEAK_PASSWORD: ['reason', 'min', 'max'],
  USER_SCOPE_INVALID: ['reason'],
  OFFICE_EXISTS: ['code'],
  // employers, receipts
  EMPLOYER_NOT_FOUND: ['unitCode'],
  RECEIPT_NOT_FOUND: ['id'],
  UNKNOWN_UNIT: ['unitCode'],
  UNKNOWN_OFFICE: ['office'],
  RECEIPT_ALREADY_MATCHED: ['id', 'unitCode'],
  RECEIPT_CHANGED: ['id', 'status'],
  // imports
  IMPORT_KIND_UNKNOWN: ['kind'],
  IMPORT_FILE_MISSING: [],
  IMPORT_NOT_COMMITTABLE: ['id', 'status'],
  IMPORT_NOT_RETRYABLE: ['id', 'status'],
  IMPORT_CHECK_UNFINISHED: ['id'],
  IMPORT_ALREADY_UPLOADED: [],
  IMPORT_CURSOR_INVALID: [],
  IMPORT_SET_NOT_READY: ['id', 'busy'],
  IMPORT_TOO_MANY_FILES: ['max'],
  IMPORT_HINTS_MISMATCH: ['hints', 'files'],
  // reconciliation, arrears, ratios, reports
  RECONCILIATION_SCOPE: [],
  RECONCILIATION_NOTHING: ['what'],
  REFERENCE_RATE_MISSING: [],
  NO_SNAPSHOT: ['day'],
  SCOPE_CODE_REQUIRED: ['scope'],
  RANGE_INVALID: ['from', 'to'],
  RANGE_TOO_LONG: ['months'],
  PERIOD_NOT_ENDED: ['period', 'today'],
  REPORT_NOT_FOUND: ['id'],
  REPORT_NOT_READY: ['id', 'status'],
  NO_EMPLOYERS: [],
  NOTICE_FAILED: ['unitCode', 'cause'],
  NO_RUN_FOR_DAY: [],
  // flags and cases
  FLAG_CURSOR_INVALID: [],
  FLAG_NOT_CLOSABLE: ['id', 'status'],
  FLAG_IN_ACTIVE_CASE: [],
  CASE_CLOSED: ['caseId', 'from'],
  CASE_TRANSITION_NOT_ALLOWED: ['caseId', 'from', 'to', 'allowed'],
  CASE_NOTE_REQUIRED: ['caseId', 'from', 'to'],
  CASE_DATE_REQUIRED: ['caseId', 'to'],
  CASE_INSPECTION_TOO_EARLY: ['caseId'],
  CASE_CHANGED: ['caseId'],
  CASE_DATE_IN_FUTURE: ['date', 'today'],
  CASE_FLAGS_NOT_FOUND: ['missing'],
  CASE_FLAGS_MIXED_EMPLOYERS: ['units'],
  CASE_FLAGS_CLOSED: ['closed'],
  MINUTES_RANGE_INVALID: ['from', 'to'],
  // policies, reference data
  POLICY_UNKNOWN: ['key'],
  POLICY_INVALID: ['key'],
  REFERENCE_KIND_UNKNOWN: ['kind'],
  REFERENCE_VALUE_INVALID: ['kind'],
  REFERENCE_VALUE_EXISTS: ['kind', 'key', 'effectiveFrom', 'value'],
  // jobs that fail for good (the reason shown on a batch or a run)
  BAD_AS_OF: [],
  BAD_DATE: [],
  BAD_DAY: [],
  IMPORT_NOT_FOUND: [],
  IMPORT_SET_NOT_FOUND: [],
} as const satisfies Record<string, readonly string[]>;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/**
 * Import problem codes → the detail keys always sent. Every problem also has its place (`sheet`, `row`,
 * `column`) beside; a row problem about a cell carries `header` (the column's header as the file has
 * it) and, when the cell had a value, `value`.
 */
export const PROBLEM_CODES = {
  FILE_TOO_LARGE: ['limit'],
  UNCOMPRESSED_TOO_LARGE: ['limit'],
  TOO_MANY_ROWS: ['limit'],
  COLUMN_BEYOND_XFD: [],
  ROW_BEYOND_LIMIT: [],
  TOO_MANY_CELLS_IN_ROW: [],
  TOO_MANY_CELLS: [],
  NOT_A_WORKBOOK: [],
  CORRUPT_FILE: [],
  ENCRYPTED_FILE: [],
  NO_HEADER_ROW: [],
  WRONG_KIND: ['expected', 'found'],
  MISSING_COLUMN: ['header'],
  MISSING_UNIT_CODE: [],
  MISSING_PERIOD: [],
  EXTRA_COLUMN: ['header'],
  DUPLICATE_COLUMN: ['header'],
  SHEET_IGNORED: [],
  KIND_HINT_IGNORED: ['hint', 'kind'],
  REQUIRED: ['header'],
  FORMULA_NO_RESULT: ['header'],
  CELL_ERROR: ['header'],
  NOT_A_NUMBER: ['header', 'value'],
  MONEY_FRACTION: ['header', 'value'],
  NEGATIVE_AMOUNT: ['header', 'value'],
  AMOUNT_TOO_LARGE: ['header', 'value'],
  INVALID_DATE: ['header', 'value'],
  DATE_OUT_OF_RANGE: ['header', 'value'],
  INVALID_PERIOD: ['header', 'value'],
  INVALID_SI_NUMBER: ['header', 'value'],
  INVALID_UNIT_CODE: ['value'],
  INVALID_TAX_CODE: ['header', 'value'],
  INVALID_OFFICE_CODE: ['header', 'value'],
  INVALID_RATE: ['header', 'value'],
  INVALID_REGION: ['header', 'value'],
  INVALID_CYCLE: ['header', 'value'],
  INVALID_STATUS: ['header', 'value'],
  INVALID_FUND: ['header', 'value'],
  INVALID_DECIMAL: ['header', 'value'],
  TEXT_TOO_LONG: ['header'],
  PERIOD_ORDER: ['header'],
  UNKNOWN_UNIT: [],
  UNKNOWN_OFFICE: [],
  UNIT_NOT_REGISTERED: [],
  SUSPENSE_UNIT: [],
  DUPLICATE_BANK_REF: [],
  DUPLICATE_KEY: [],
  ROSTER_OVERLAP: [],
  AMBIGUOUS_UNIT: [],
  OUTSIDE_OFFICE_SCOPE: [],
} as const satisfies Record<ProblemCode, readonly string[]>;

/** Every problem code is in the registry (a compile error otherwise) and nothing else is. */
export const PROBLEM_CODE_LIST = Object.values(ProblemCode);
