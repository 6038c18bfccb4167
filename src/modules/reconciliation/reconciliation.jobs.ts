import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { PermanentJobError } from '../../infrastructure/queue/job-errors.js';
import { NightlyService } from './nightly.service.js';
import { ReconciliationService, type ReconcileSummary } from './reconciliation.service.js';

const CHUNK = 200;

@Injectable()
export class ReconciliationJobs {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly nightly: NightlyService,
  ) {}

  @HandlesJob('reconcile.employer')
  async reconcile({ unitCodes, asOf }: { unitCodes: string[]; asOf: string }, job: Job) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      throw new PermanentJobError(`asOf must be YYYY-MM-DD: ${asOf}`, 'BAD_AS_OF');
    const parts: ReconcileSummary[] = [];
    for (let i = 0; i < unitCodes.length; i += CHUNK) {
      parts.push(await this.reconciliation.reconcile(unitCodes.slice(i, i + CHUNK), asOf));
      await job.updateProgress(
        Math.round((100 * Math.min(unitCodes.length, i + CHUNK)) / Math.max(1, unitCodes.length)),
      );
    }
    return {
      asOf,
      employers: parts.reduce((n, p) => n + p.employers, 0),
      overduePrincipal: parts.reduce((n, p) => n + p.overduePrincipal, 0),
      failures: parts.flatMap((p) => p.failures).slice(0, 100),
    };
  }

  @HandlesJob('nightly.run')
  async nightlyRun(payload: { day?: string; trigger: 'cron' | 'manual' }, job: Job) {
    const run = await this.nightly.start(String(job.id), payload);
    return { runId: run.id, day: run.day, employers: run.employers, chunks: run.chunks };
  }

  @HandlesJob('nightly.chunk')
  async nightlyChunk({
    runId,
    day,
    unitCodes,
  }: {
    runId: string;
    day: string;
    unitCodes: string[];
  }) {
    const summary = await this.reconciliation.reconcile(unitCodes, day, runId);
    await this.nightly.chunkDone(runId);
    return summary;
  }

  @HandlesJob('nightly.finish')
  async nightlyFinish({ runId }: { runId: string }, job: Job) {
    const values = Object.values(await job.getChildrenValues()) as ReconcileSummary[];
    const run = await this.nightly.finish(runId, values);
    return { runId, status: run.status };
  }
}
