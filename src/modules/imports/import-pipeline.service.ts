import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { WorkbookLimits } from '../../infrastructure/excel/limits.js';
import { type Problem, WorkbookRejectedError } from '../../infrastructure/excel/problem.js';
import { PermanentJobError } from '../../infrastructure/queue/job-errors.js';
import { Employer } from '../employers/employer.entity.js';
import { Office } from '../offices/office.entity.js';
import { ImportBatch } from './import-batch.entity.js';
import { ImportKindNotCommittableYetError } from './imports.errors.js';
import { readWorkbook } from './schema/read-workbook.js';
import type { EmployerRecord, ImportKind } from './schema/records.js';

const STORED_PROBLEMS = 1000;

/** Parses (validates) and commits import batches; run by the import jobs. */
@Injectable()
export class ImportPipeline {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private limits(): Partial<WorkbookLimits> {
    return {
      maxUploadBytes: this.config.limits.uploadMaxBytes,
      maxUncompressedBytes: this.config.limits.uncompressedMaxBytes,
      maxRowsPerSheet: this.config.limits.maxRows,
    };
  }

  private async load(batchId: string): Promise<{ em: EntityManager; batch: ImportBatch }> {
    const em = this.em.fork();
    const batch = await em.findOne(ImportBatch, { id: batchId });
    if (!batch) throw new PermanentJobError(`import ${batchId} does not exist`, 'IMPORT_NOT_FOUND');
    return { em, batch };
  }

  /** Streams the file through the kind's schema: counts valid and refused rows, keeps the problems. */
  async parse(batchId: string): Promise<ImportBatch> {
    const { em, batch } = await this.load(batchId);
    if (!['queued', 'parsing'].includes(batch.status)) return batch; // already parsed: idempotent
    batch.status = 'parsing';
    await em.flush();
    const problems: Problem[] = [];
    let problemCount = 0;
    let validRows = 0;
    const rejectedRows = new Set<string>();
    const keep = (p: Problem) => {
      problemCount++;
      if (problems.length < STORED_PROBLEMS) problems.push(p);
      if (p.level === 'row') rejectedRows.add(`${p.sheet}:${p.row}`);
    };
    const knownOffices = batch.kind === 'employers' ? new Set((await em.find(Office, {})).map((o) => o.code)) : null;
    try {
      for await (const step of this.read(batch)) {
        step.problems.forEach(keep);
        for (const record of step.records) {
          const office = knownOffices && (record as EmployerRecord).officeCode;
          if (office && !knownOffices.has(office)) {
            keep(unknownOffice(record as EmployerRecord));
            continue;
          }
          validRows++;
        }
      }
    } catch (err) {
      if (!(err instanceof WorkbookRejectedError)) throw err;
      batch.status = 'rejected';
      batch.problems = err.problems.slice(0, STORED_PROBLEMS);
      batch.problemCount = err.problems.length;
      batch.message = err.problems[0]?.message ?? err.message;
      batch.validRows = 0;
      batch.invalidRows = 0;
      await em.flush();
      return batch;
    }
    Object.assign(batch, {
      status: 'validated',
      problems,
      problemCount,
      validRows,
      invalidRows: rejectedRows.size,
      message: null,
    });
    await em.flush();
    return batch;
  }

  /** Commits the valid rows in one transaction; re-running a committed batch changes nothing. */
  async commit(batchId: string): Promise<ImportBatch> {
    const { em, batch } = await this.load(batchId);
    if (batch.status === 'committed') return batch;
    if (batch.kind !== 'employers') throw new ImportKindNotCommittableYetError(batch.kind);
    batch.status = 'committing';
    await em.flush();
    const offices = new Set((await em.find(Office, {})).map((o) => o.code));
    let committed = 0;
    await em.transactional(async (tx) => {
      for await (const step of this.read(batch)) {
        const rows = (step.records as EmployerRecord[])
          .filter((r) => offices.has(r.officeCode))
          .map((r) => ({
            unitCode: r.unitCode,
            name: r.name,
            taxCode: r.taxCode,
            officeCode: r.officeCode,
            region: r.region,
            cycle: r.cycle ?? 'monthly',
            oaRateBp: r.oaRateBp ?? 50,
            status: r.status ?? 'active',
            batchId: batch.id,
          }));
        // employers are keyed by unit code: a later batch's values win
        if (rows.length) await tx.upsertMany(Employer, rows, { onConflictFields: ['unitCode'], onConflictAction: 'merge' });
        committed += rows.length;
      }
    });
    batch.status = 'committed';
    batch.committedRows = committed;
    await em.flush();
    return batch;
  }

  private read(batch: ImportBatch) {
    return readWorkbook(batch.storedPath, batch.kind as ImportKind, {
      limits: this.limits(),
      fileName: batch.fileName,
      period: batch.period ?? undefined,
    });
  }
}

function unknownOffice(r: EmployerRecord): Problem {
  return {
    level: 'row',
    sheet: r.sheet,
    row: r.row,
    column: null,
    code: 'UNKNOWN_OFFICE' as Problem['code'],
    message: `Office ${r.officeCode} is not known; an administrator adds offices (POST /api/offices)`,
  };
}
