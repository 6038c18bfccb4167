import type { EntityManager } from '@mikro-orm/core';
import { ProblemCode } from '../../../infrastructure/excel/problem.js';
import { Employer } from '../../employers/employer.entity.js';
import { Office } from '../../offices/office.entity.js';
import type { EmployerRecord } from '../schema/records.js';
import { chunks, KindWriter } from './kind-writer.js';

/** Employer registry: keyed by unit code, a later batch's values win. */
export class EmployersWriter extends KindWriter<EmployerRecord> {
  private offices = new Set<string>();

  async prepare(em: EntityManager): Promise<void> {
    this.offices = new Set((await em.find(Office, {})).map((o) => o.code));
  }

  async accept(records: readonly EmployerRecord[]): Promise<EmployerRecord[]> {
    return records.filter((r) => {
      if (this.offices.has(r.officeCode)) return true;
      this.refuse(
        r,
        ProblemCode.UNKNOWN_OFFICE,
        `Office ${r.officeCode} is not known; an administrator adds offices (POST /api/offices)`,
      );
      return false;
    });
  }

  async write(tx: EntityManager, records: readonly EmployerRecord[]): Promise<number> {
    const rows = records.map((r) => ({
      unitCode: r.unitCode,
      name: r.name,
      taxCode: r.taxCode,
      officeCode: r.officeCode,
      region: r.region,
      cycle: r.cycle ?? 'monthly',
      oaRateBp: r.oaRateBp ?? 50,
      status: r.status ?? 'active',
      batchId: this.batchId,
    }));
    for (const part of chunks(rows, 500))
      await tx.upsertMany(Employer, part, {
        onConflictFields: ['unitCode'],
        onConflictAction: 'merge',
      });
    rows.forEach((r) => this.affectedUnits.add(r.unitCode));
    return rows.length;
  }
}
