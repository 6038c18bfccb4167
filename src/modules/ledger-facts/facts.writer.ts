import { Injectable } from '@nestjs/common';

/**
 * The one writer of the imported facts (roster lines, declared totals, stated payments, receivable lines,
 * opening balances, receipts): the importers write through it, bulk paths included.
 */
@Injectable()
export class LedgerFactsWriter {}
