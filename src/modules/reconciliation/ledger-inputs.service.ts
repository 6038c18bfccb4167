import { Injectable } from '@nestjs/common';
import type { EmployerStatus, OaRate, PaymentCycle, Region } from '../../domain/employer.js';
import type { LedgerInput } from '../../domain/ledger.js';
import type { Tx } from '../../database/transaction.js';
import { CaseEvidenceService } from '../cases/index.js';
import { type EmployerRecord, EmployerDirectory } from '../employers/index.js';
import { LedgerFactsReader } from '../ledger-facts/index.js';
import { OfficesService } from '../offices/index.js';

/** One employer's stored data, shaped as the domain core's ledger input. */
export interface EmployerInputs {
  employer: EmployerRecord;
  officeCode: string;
  provinceCode: string;
  input: LedgerInput;
}

/**
 * Assembles what `computeLedger` needs for a set of employers from the tables' owners: the registry,
 * the offices, the imported facts and the cases' reminders and sanctions — in a few bulk queries.
 */
@Injectable()
export class LedgerInputsLoader {
  constructor(
    private readonly employers: EmployerDirectory,
    private readonly offices: OfficesService,
    private readonly facts: LedgerFactsReader,
    private readonly evidence: CaseEvidenceService,
  ) {}

  async load(unitCodes: readonly string[], tx?: Tx): Promise<Map<string, EmployerInputs>> {
    const out = new Map<string, EmployerInputs>();
    if (!unitCodes.length) return out;
    const employers = await this.employers.recordsByUnits(unitCodes, tx);
    const units = employers.map((e) => e.unitCode);
    const [provinces, facts, evidence] = await Promise.all([
      this.offices.provinceOf(),
      this.facts.load(units, tx),
      this.evidence.forUnits(tx ?? null, units),
    ]);
    for (const e of employers) {
      const f = facts.get(e.unitCode)!;
      const ev = evidence.get(e.unitCode);
      out.set(e.unitCode, {
        employer: e,
        officeCode: e.officeCode,
        provinceCode: provinces.get(e.officeCode) ?? '',
        input: {
          employer: {
            unitCode: e.unitCode,
            cycle: e.cycle as PaymentCycle,
            status: e.status as EmployerStatus,
            oaRate: (e.oaRateBp === 30 ? 'reduced' : 'standard') as OaRate,
            region: e.region as Region,
          },
          ...f,
          reminderDates: ev?.reminderDates ?? [],
          sanctionDates: ev?.sanctionDates ?? [],
        },
      });
    }
    return out;
  }
}
