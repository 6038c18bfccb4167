import { Module } from '@nestjs/common';
import { LedgerFactsReader } from './facts.reader.js';
import { LedgerFactsWriter } from './facts.writer.js';
import { ReceiptStore } from './receipt.store.js';

/**
 * Owner of the imported facts the ledger is computed from: roster lines, declared totals, stated
 * payments, receivable lines, opening balances and receipts. Nobody else reads or writes those tables.
 */
@Module({
  providers: [LedgerFactsReader, LedgerFactsWriter, ReceiptStore],
  exports: [LedgerFactsReader, LedgerFactsWriter, ReceiptStore],
})
export class LedgerFactsModule {}
