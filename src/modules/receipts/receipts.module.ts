import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { EmployersModule } from '../employers/index.js';
import { LedgerFactsModule } from '../ledger-facts/index.js';
import { OfficesModule } from '../offices/index.js';
import { ReceiptSuggestions } from './receipt-suggestions.service.js';
import { ReceiptsController } from './receipts.controller.js';
import { ReceiptsJobs } from './receipts.jobs.js';
import { ReceiptsService } from './receipts.service.js';

/**
 * The suspense queue an officer works and the ranked suggestions of unmatched receipts (owns no table:
 * receipts and their suggestions are ledger facts). Ledgers come from the global reconciliation module.
 */
@Module({
  imports: [AuditModule, EmployersModule, LedgerFactsModule, OfficesModule],
  controllers: [ReceiptsController],
  providers: [ReceiptsService, ReceiptSuggestions, ReceiptsJobs],
  exports: [ReceiptSuggestions],
})
export class ReceiptsModule {}
