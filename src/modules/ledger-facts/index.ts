export { LedgerFactsModule } from './ledger-facts.module.js';
export { LedgerFactsReader, type EmployerFacts } from './facts.reader.js';
export { LedgerFactsWriter } from './facts.writer.js';
export type {
  DeclaredTotalRow,
  NewReceiptRow,
  OpeningBalanceRow,
  ReceivableLineRow,
  RosterCoverage,
  RosterLineRow,
  StatedPaymentRow,
  StatedPaymentSpan,
} from './fact-rows.js';
export {
  ReceiptStore,
  type ReceiptFilter,
  type ReceiptAssignment,
  type ReceiptOrder,
  type ReceiptToSuggest,
  type StoredSuggestion,
  type SuggestionTarget,
} from './receipt.store.js';
export type { Receipt, ReceiptStatus } from './receipt.entity.js';
