import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../infrastructure/clock.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { JobPayloads } from '../../infrastructure/queue/job-catalogue.js';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { ImportPipeline } from './import-pipeline.service.js';

@Injectable()
export class ImportJobs {
  constructor(
    private readonly pipeline: ImportPipeline,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  /**
   * A file of a set whose employer registry is still being checked waits for it (asked again shortly):
   * its rows are then checked against the employers the set will register.
   */
  @HandlesJob('import.parse')
  async parse({ batchId }: JobPayloads['import.parse']) {
    const b = await this.pipeline.parse(batchId);
    if (b === 'wait') {
      await this.jobs.enqueue(
        'import.parse',
        { batchId },
        { jobId: `import.parse-${batchId}-after-registry-${randomUUID()}`, delay: 300 },
      );
      return { status: "waiting for the set's employer registry" };
    }
    return { status: b.status, validRows: b.validRows, invalidRows: b.invalidRows };
  }

  @HandlesJob('import.commit')
  async commit({ batchId }: JobPayloads['import.commit']) {
    const { batch, affectedUnits } = await this.pipeline.commit(batchId);
    // what the batch changed is reconciled as of today (opening balances of unregistered units are skipped there)
    if (affectedUnits.length) {
      await this.jobs.enqueue(
        'reconcile.employer',
        { unitCodes: affectedUnits, asOf: this.clock.today() },
        { jobId: `reconcile.after-import-${batchId}` },
      );
    }
    return {
      status: batch.status,
      committedRows: batch.committedRows,
      affectedUnits: affectedUnits.length,
    };
  }

  /**
   * "Commit all valid rows" of a set: its files in dependency order, then ONE reconciliation of the
   * employers they changed, as of today (ledgers and today's snapshot; flags wait for the day run,
   * domain.md §9) — not one per file on half-loaded data.
   */
  @HandlesJob('import.commit-set')
  async commitSet({ setId }: JobPayloads['import.commit-set']) {
    const { set, affectedUnits } = await this.pipeline.commitSet(setId);
    if (affectedUnits.length) {
      await this.jobs.enqueue('reconcile.employer', {
        unitCodes: affectedUnits,
        asOf: this.clock.today(),
      });
    }
    return { status: set.status, affectedUnits: affectedUnits.length };
  }
}
