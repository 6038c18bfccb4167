import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { businessToday } from '../../infrastructure/clock.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { ImportPipeline } from './import-pipeline.service.js';

@Injectable()
export class ImportJobs {
  constructor(
    private readonly pipeline: ImportPipeline,
    private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @HandlesJob('import.parse')
  async parse({ batchId }: { batchId: string }) {
    const b = await this.pipeline.parse(batchId);
    return { status: b.status, validRows: b.validRows, invalidRows: b.invalidRows };
  }

  @HandlesJob('import.commit')
  async commit({ batchId }: { batchId: string }) {
    const { batch, affectedUnits } = await this.pipeline.commit(batchId);
    // what the batch changed is reconciled as of today (opening balances of unregistered units are skipped there)
    if (affectedUnits.length) {
      await this.jobs.enqueue(
        'reconcile.employer',
        { unitCodes: affectedUnits, asOf: businessToday(this.config.businessTimeZone) },
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
