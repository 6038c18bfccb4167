import { Global, Module } from '@nestjs/common';
import { Transactions } from './transaction.js';

/** What every module may use of the database without owning a table: transactions to pass to owners. */
@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class DatabaseModule {}
