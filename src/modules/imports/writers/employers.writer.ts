import type { Tx } from '../../../database/transaction.js';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import type { EmployerRecord } from '../schema/records.js';
import { KindWriter } from './kind-writer.js';

/** Employer registry: keyed by unit code, a later batch's values win. */
export class EmployersWriter extends KindWriter<EmployerRecord> {
  private offices = new Set<string>();

  async prepare(em: Tx): Promise<void> {
    this.offices = await this.stores.offices.codesIn(em);
  }

  async accept(records: readonly EmployerRecord[], em: Tx): Promise<EmployerRecord[]> {
    const known = records.filter((r) => {
      if (!this.offices.has(r.officeCode)) {
        this.refuse(
          r,
          ProblemCode.UNKNOWN_OFFICE,
          `Office ${r.officeCode} is not known; an administrator adds offices (POST /api/offices)`,
        );
        return false;
      }
      if (this.mayWrite(r.officeCode)) return true;
      this.refuseOutside(r, `The row names office ${r.officeCode}`);
      return false;
    });
    // an employer registered in another office is not moved into one's own by a row
    return this.inScope(known, em);
  }

  async write(tx: Tx, records: readonly EmployerRecord[]): Promise<number> {
    const rows = records.map((r) => ({
      unitCode: r.unitCode,
      name: r.name,
      taxCode: r.taxCode,
      officeCode: r.officeCode,
      region: r.region,
      cycle: r.cycle ?? 'monthly',
      oaRateBp: r.oaRateBp ?? 50,
      status: r.status ?? 'active',
    }));
    const written = await this.stores.registry.upsert(tx, this.batchId, rows);
    rows.forEach((r) => this.affectedUnits.add(r.unitCode));
    return written;
  }
}
