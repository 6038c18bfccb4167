import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { EmployersModule } from '../employers/index.js';
import { LedgerFactsModule } from '../ledger-facts/index.js';
import { ReceiptsController } from './receipts.controller.js';
import { ReceiptsService } from './receipts.service.js';

/** The suspense queue an officer works (owns no table: receipts are ledger facts). */
@Module({
  imports: [AuditModule, EmployersModule, LedgerFactsModule],
  controllers: [ReceiptsController],
  providers: [ReceiptsService],
})
export class ReceiptsModule {}
