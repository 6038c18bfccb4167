import { Injectable } from '@nestjs/common';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { ImportPipeline } from './import-pipeline.service.js';

@Injectable()
export class ImportJobs {
  constructor(private readonly pipeline: ImportPipeline) {}

  @HandlesJob('import.parse')
  async parse({ batchId }: { batchId: string }) {
    const b = await this.pipeline.parse(batchId);
    return { status: b.status, validRows: b.validRows, invalidRows: b.invalidRows };
  }

  @HandlesJob('import.commit')
  async commit({ batchId }: { batchId: string }) {
    const { batch, affectedUnits } = await this.pipeline.commit(batchId);
    return { status: batch.status, committedRows: batch.committedRows, affectedUnits: affectedUnits.length };
  }
}
