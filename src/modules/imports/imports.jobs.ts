import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock } from '../../infrastructure/clock.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { JobPayloads } from '../../infrastructure/queue/job-catalogue.js';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { ReceiptSuggestions } from '../receipts/index.js';
import { ImportPipeline } from './import-pipeline.service.js';
import { ImportsService } from './imports.service.js';

@Injectable()
export class ImportJobs {
  private readonly logger = new Logger(ImportJobs.name);

  constructor(
    private readonly pipeline: ImportPipeline,
    private readonly imports: ImportsService,
    private readonly suggestions: ReceiptSuggestions,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  /**
   * A file of a set whose employer registry is still being checked waits for it (asked again shortly):
   * its rows are then checked against the employers the set will register.
   */
  @HandlesJob('import.parse')
  async parse({ batchId }: JobPayloads['import.parse'], job: Job) {
    const b = await this.pipeline.parse(batchId, {
      made: job.attemptsMade,
      of: job.opts.attempts ?? 1,
    });
    if (b === 'wait') {
      await this.jobs.enqueue(
        'import.parse',
        { batchId },
        { jobId: `import.parse-${batchId}-after-registry-${randomUUID()}`, delay: 300 },
      );
      return { status: "waiting for the set's employer registry" };
    }
    await this.imports.prepareErrors(b);
    return { status: b.status, validRows: b.validRows, invalidRows: b.invalidRows };
  }

  @HandlesJob('import.errors')
  async errors({ batchId, round }: JobPayloads['import.errors']) {
    await this.imports.renderErrors(batchId, round);
    return { rendered: batchId, round };
  }

  @HandlesJob('import.commit')
  async commit({ batchId }: JobPayloads['import.commit'], job: Job) {
    const { batch, affectedUnits } = await this.pipeline.commit(batchId, {
      made: job.attemptsMade,
      of: job.opts.attempts ?? 1,
    });
    // what the batch changed is reconciled as of today (opening balances of unregistered units are skipped there)
    if (affectedUnits.length) {
      await this.jobs.enqueue(
        'reconcile.employer',
        { unitCodes: affectedUnits, asOf: this.clock.today() },
        { jobId: `reconcile.after-import-${batchId}` },
      );
    }
    if (batch.status === 'committed') await this.suggest(batchId, batch.kind);
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
    // receipts that landed unmatched are ranked (a new registry may change every receipt's candidates)
    await this.jobs
      .enqueue('receipts.suggest', { all: true }, { jobId: `suggest.after-set-${setId}` })
      .catch((err: Error) =>
        this.logger.warn({ setId, err: err.message }, 'receipts not ranked after the set'),
      );
    return { status: set.status, affectedUnits: affectedUnits.length };
  }

  /**
   * Receipts that landed unmatched are ranked now (domain.md §8 step 5; again on a retry of the job: the
   * ranking replaces what is stored); a new registry may change every unmatched receipt's candidates.
   * A failure here leaves the commit as it is: the next change of a candidate's ledger ranks again.
   */
  private async suggest(batchId: string, kind: string): Promise<void> {
    try {
      if (kind === 'receipts') await this.suggestions.refresh({ batchId });
      else if (kind === 'employers')
        await this.jobs.enqueue(
          'receipts.suggest',
          { all: true },
          { jobId: `suggest.after-import-${batchId}` },
        );
    } catch (err) {
      this.logger.warn(
        { batchId, err: (err as Error).message },
        'receipts not ranked after the commit',
      );
    }
  }
}
