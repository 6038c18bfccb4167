/** Public API of the synthetic-province generator. */
export { generateProvince, resolveOptions, underDeclarationShortfall, SCALE_PRESETS } from './generate.js';
export type { ScaleMode } from './generate.js';
export { writeProvince } from './writers/province.js';
export type { WorkbookManifest, WriteOptions } from './writers/province.js';
export { writeBigRoster, BIG_ROSTER_HEADERS } from './writers/big-roster.js';
export type { BigRosterSummary } from './writers/big-roster.js';
export { writeEmployers, EMPLOYER_HEADERS } from './writers/employers.js';
export { writeEmployerRoster, indexProvince, ROSTER_HEADERS, DECLARED_HEADERS, STATED_PAYMENT_HEADERS } from './writers/roster.js';
export { writeReceiptsStatement, receiptsByMonth, RECEIPT_HEADERS, RECEIPT_HEADERS_ALT } from './writers/receipts.js';
export { writeReceivables, RECEIVABLE_HEADERS } from './writers/receivables.js';
export { writeC12Summary, C12_HEADERS } from './writers/c12.js';
export { isValidTaxCode, taxCheckDigit, UNIT_CODE_PATTERN, SUSPENSE_UNIT } from './identifiers.js';
export { assessPeriod, regionalMinimumWage, dueDateOf } from './reference.js';
export { normaliseName } from './names.js';
export { Rng } from './prng.js';
export type * from './types.js';
export { HARD_TO_COLLECT } from './types.js';
