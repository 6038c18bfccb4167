import { Global, Module } from '@nestjs/common';
import { DataGeneration } from './data-generation.js';
import { Transactions } from './transaction.js';

/**
 * What every module may use of the database without owning a table: transactions to pass to owners,
 * and the data generation response caches compare.
 */
@Global()
@Module({ providers: [Transactions, DataGeneration], exports: [Transactions, DataGeneration] })
export class DatabaseModule {}
