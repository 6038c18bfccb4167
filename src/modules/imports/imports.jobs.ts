import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
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

  @HandlesJob('import.parse')
  async parse({ batchId }: JobPayloads['import.parse']) {
    const b = await this.pipeline.parse(batchId);
    return { status: b.status, validRows: b.validRows, invalidRows: b.invalidRows };
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
    return {
      status: batch.status,
      committedRows: batch.committedRows,
      affectedUnits: affectedUnits.length,
    };
  }
}
