import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { isValidDate } from '../../domain/dates.js';
import type { JobPayloads } from '../../infrastructure/queue/job-catalogue.js';
import { HeapGuard } from '../../infrastructure/heap-guard.js';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { PermanentJobError } from '../../infrastructure/queue/job-errors.js';
import { ReferenceService } from '../reference/index.js';
import { SnapshotStore } from '../snapshots/index.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import { NightlyService } from './nightly.service.js';
import { ReconciliationService, type ReconcileSummary } from './reconciliation.service.js';

const CHUNK = 200;
/**
 * JS heap in use past which the day run collects between chunks (with `--expose-gc`, as the worker runs):
 * a chunk's inputs, ledgers and rows are garbage once it is written, and without a collection V8 lets
 * them pile up to a multiple of what is live, so the worker's peak RSS grew with the province's size.
 */
const NIGHTLY_HEAP_BYTES = 128 * 1024 * 1024;

@Injectable()
export class ReconciliationJobs {
  /** One per worker process: its threshold follows what stays live from chunk to chunk. */
  private readonly heap = new HeapGuard(NIGHTLY_HEAP_BYTES);

  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly nightly: NightlyService,
    private readonly reference: ReferenceService,
    private readonly snapshots: SnapshotStore,
    private readonly jobs: JobProducer,
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
    // their ledgers may have changed: the unmatched receipts they are candidates of are ranked again
    // (the receipts module's job; a nightly run changes no fact and ranks nothing)
    if (unitCodes.length) await this.jobs.enqueue('receipts.suggest', { unitCodes });
    return {
      asOf,
      employers: parts.reduce((n, p) => n + p.employers, 0),
      overduePrincipal: parts.reduce((n, p) => n + p.overduePrincipal, 0),
      failures: parts.flatMap((p) => p.failures).slice(0, 100),
      warnings: parts.flatMap((p) => p.warnings).slice(0, 100),
      warningCount: parts.reduce((n, p) => n + p.warnings.length, 0),
    };
  }

  /**
   * A reference value was added: recompute, as of the day of their stored figures, the employers whose
   * figures needed it (the gaps recorded for that kind and key: for an old-regime k its year, for any
   * other kind that year and later); a value of any other kind than k changes figures already computed
   * from its date, so every employer of the latest snapshot day is recomputed as of that day too.
   * Older days' snapshots are left as they were (`POST /api/runs {day}` recomputes a day).
   */
  @HandlesJob('reference.recompute')
  async referenceRecompute(
    { kind, key, effectiveFrom }: JobPayloads['reference.recompute'],
    job: Job,
  ) {
    if (!isValidDate(effectiveFrom))
      throw new PermanentJobError(`effectiveFrom must be YYYY-MM-DD: ${effectiveFrom}`, 'BAD_DATE');
    this.reference.invalidate();
    const byDay = await this.reference.gapUnits(kind, key, effectiveFrom);
    if (kind !== 'old-regime-k') {
      const day = await this.snapshots.latestDay();
      if (day) {
        const units = new Set([
          ...(byDay.get(day) ?? []),
          ...(await this.snapshots.unitsOfDay(day)),
        ]);
        byDay.set(day, [...units].sort());
      }
    }
    const total = [...byDay.values()].reduce((n, u) => n + u.length, 0);
    let done = 0;
    const parts: ReconcileSummary[] = [];
    for (const [day, units] of [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (let i = 0; i < units.length; i += CHUNK) {
        const chunk = units.slice(i, i + CHUNK);
        parts.push(await this.reconciliation.reconcile(chunk, day));
        done += chunk.length;
        await job.updateProgress(Math.round((100 * done) / Math.max(1, total)));
      }
    }
    await job.updateProgress(100);
    return {
      kind,
      key,
      effectiveFrom,
      days: [...byDay.keys()].sort(),
      employers: parts.reduce((n, p) => n + p.employers, 0),
      failures: parts.flatMap((p) => p.failures).slice(0, 100),
      warnings: parts.flatMap((p) => p.warnings).slice(0, 100),
      warningCount: parts.reduce((n, p) => n + p.warnings.length, 0),
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
  async nightlyChunk({ runId, day, unitCodes, flags }: JobPayloads['nightly.chunk']) {
    if (!isValidDate(day))
      throw new PermanentJobError(`day must be a date YYYY-MM-DD: ${day}`, 'BAD_DAY');
    const summary = await this.reconciliation.reconcile(unitCodes, day, {
      runId,
      evaluateFlags: flags ?? true,
    });
    await this.nightly.chunkDone(runId);
    this.heap.check();
    return summary;
  }

  @HandlesJob('nightly.finish')
  async nightlyFinish({ runId }: JobPayloads['nightly.finish'], job: Job) {
    const values = Object.values(await job.getChildrenValues()) as ReconcileSummary[];
    const run = await this.nightly.finish(runId, values);
    return { runId, status: run.status };
  }
}
