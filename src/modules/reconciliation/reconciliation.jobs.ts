import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { isValidDate } from '../../domain/dates.js';
import type { JobPayloads } from '../../infrastructure/queue/job-catalogue.js';
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
  async reconcile({ unitCodes, asOf }: JobPayloads['reconcile.employer'], job: Job) {
    if (!isValidDate(asOf))
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
  async nightlyRun(payload: JobPayloads['nightly.run'], job: Job) {
    if (payload.day !== undefined && !isValidDate(payload.day))
      throw new PermanentJobError(`day must be a date YYYY-MM-DD: ${payload.day}`, 'BAD_DAY');
    const run = await this.nightly.start(payload, job);
    return { runId: run.id, day: run.day, employers: run.employers, chunks: run.chunks };
  }

  @HandlesJob('nightly.chunk')
  async nightlyChunk({ runId, day, unitCodes }: JobPayloads['nightly.chunk']) {
    if (!isValidDate(day))
      throw new PermanentJobError(`day must be a date YYYY-MM-DD: ${day}`, 'BAD_DAY');
    const summary = await this.reconciliation.reconcile(unitCodes, day, runId);
    await this.nightly.chunkDone(runId);
    return summary;
  }

  @HandlesJob('nightly.finish')
  async nightlyFinish({ runId }: JobPayloads['nightly.finish'], job: Job) {
    const values = Object.values(await job.getChildrenValues()) as ReconcileSummary[];
    const run = await this.nightly.finish(runId, values);
    return { runId, status: run.status };
  }
}
