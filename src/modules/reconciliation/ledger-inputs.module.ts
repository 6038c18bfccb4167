import { Module } from '@nestjs/common';
import { LedgerInputsLoader } from './ledger-inputs.service.js';

/** The one loader of `computeLedger`'s inputs, for reconciliation and for the C05-TS minutes alike. */
@Module({ providers: [LedgerInputsLoader], exports: [LedgerInputsLoader] })
export class LedgerInputsModule {}
