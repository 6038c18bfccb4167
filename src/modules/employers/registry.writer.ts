import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { chunks } from '../../database/bulk-insert.js';
import { searchKey } from '../../domain/matching-search.js';
import { Employer } from './employer.entity.js';

/** An employer as the registry stores it (defaults for blank values already applied). */
export interface EmployerRow {
  unitCode: string;
  name: string;
  taxCode: string | null;
  officeCode: string;
  region: string;
  cycle: string;
  oaRateBp: number;
  status: string;
}

/** The one writer of the employer registry: the employers workbook's import writes through it. */
@Injectable()
export class EmployerRegistryWriter {
  /**
   * Inserts or updates employers by unit code (a later batch's values win), inside the caller's
   * transaction, stamped with the batch; returns rows written.
   */
  async upsert(tx: EntityManager, batchId: string, rows: readonly EmployerRow[]): Promise<number> {
    for (const part of chunks(rows, 500)) {
      await tx.upsertMany(
        Employer,
        part.map((r) => ({
          unitCode: r.unitCode,
          name: r.name,
          searchKey: searchKey(r.name),
          taxCode: r.taxCode,
          officeCode: r.officeCode,
          region: r.region,
          cycle: r.cycle,
          oaRateBp: r.oaRateBp,
          status: r.status,
          batchId,
        })),
        { onConflictFields: ['unitCode'], onConflictAction: 'merge' },
      );
    }
    return rows.length;
  }
}
