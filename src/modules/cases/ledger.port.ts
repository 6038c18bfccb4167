import type { IsoDate } from '../../domain/dates.js';
import type { Ledger, LedgerInput } from '../../domain/ledger.js';
import type { EmployerRecord } from '../employers/index.js';

/** An employer's ledger as of a day, with the inputs it was computed from. */
export interface LedgerResult {
  ledger: Ledger;
  inputs: {
    employer: EmployerRecord;
    officeCode: string;
    provinceCode: string;
    input: LedgerInput;
  };
}

/**
 * The computed ledger, as cases and the C05-TS minutes read it. Reconciliation (a module above cases)
 * provides it under {@link LEDGER_READER}, so cases never reach into reconciliation's services.
 */
export interface LedgerReader {
  ledger(unitCode: string, asOf: IsoDate): Promise<LedgerResult | null>;
  /** The ledgers as of several days from one read of the inputs (in the order of `days`). */
  ledgers(
    unitCode: string,
    days: readonly IsoDate[],
  ): Promise<{ inputs: LedgerResult['inputs']; ledgers: Ledger[] } | null>;
}

export const LEDGER_READER = Symbol('LedgerReader');
