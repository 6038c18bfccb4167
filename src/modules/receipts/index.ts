export { ReceiptsModule } from './receipts.module.js';
export { ReceiptSuggestions } from './receipt-suggestions.service.js';
