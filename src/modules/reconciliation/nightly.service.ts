import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { FlowProducer, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Clock } from '../../infrastructure/clock.js';
import { JOBS } from '../../infrastructure/queue/job-catalogue.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import { REDIS } from '../../infrastructure/queue/redis.js';
import { EmployerDirectory } from '../employers/index.js';
import { FlagsService } from '../flags/index.js';
import { SnapshotStore } from '../snapshots/index.js';
import { NightlyRun } from './nightly-run.entity.js';
import type { ReconcileSummary, ReconcileWarning } from './reconciliation.service.js';

/** Employers per chunk job of a nightly run. */
export const NIGHTLY_CHUNK = 250;
const NIGHTLY_SCHEDULER = 'nightly';

/**
 * The nightly run as a BullMQ flow: a parent `nightly.finish` whose children are `nightly.chunk` jobs,
 * per office and per chunk of its employers. Chunk job ids derive from the run, so a run started again
 * (its job retried after a crash) adds nothing twice; a worker killed mid-chunk leaves the chunk to be
 * picked up again (stalled-job recovery), finished chunks stay finished, and a chunk's result is the
 * same whoever computes it.
 */
@Injectable()
export class NightlyService {
  private readonly logger = new Logger(NightlyService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly employers: EmployerDirectory,
    private readonly snapshots: SnapshotStore,
    private readonly flags: FlagsService,
    private readonly clock: Clock,
    private readonly jobs: JobProducer,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registers the repeatable nightly run (idempotent: one scheduler, whoever registers it). */
  async schedule(queue: Queue): Promise<void> {
    if (this.config.nightlyCron === 'off') {
      await queue.removeJobScheduler(NIGHTLY_SCHEDULER);
      return;
    }
    await queue.upsertJobScheduler(
      NIGHTLY_SCHEDULER,
      { pattern: this.config.nightlyCron, tz: this.config.businessTimeZone },
      { name: 'nightly.run', data: { trigger: 'cron' }, opts: JOBS['nightly.run'].options },
    );
  }

  /**
   * Starts (or, retried, carries on) run `payload.runId`: the run row, then the flow of its chunks. A
   * run id is sothu's own (a UUID chosen by whoever asked for the run), never the queue's job counter,
   * which starts again from 1 when Redis loses its data. A job without one (the cron schedule, older
   * callers) chooses one and keeps it in its own data first, so a retried start finds its run again.
   */
  async start(
    payload: { runId?: string; day?: string; trigger: string },
    job?: Pick<Job, 'data' | 'updateData'>,
  ): Promise<NightlyRun> {
    const day = payload.day ?? this.clock.yesterday();
    let id = payload.runId;
    if (!id) {
      id = randomUUID();
      await job?.updateData({ ...(job.data as object), runId: id, day });
    }
    const em = this.em.fork();
    let run = await em.findOne(NightlyRun, { id });
    if (!run) {
      // decided once, when the run starts (a retried start keeps it)
      const latest = await this.latestEvaluatedDay(em);
      const evaluate = latest === null || day >= latest;
      run = Object.assign(new NightlyRun(), {
        id,
        day,
        trigger: payload.trigger,
        startedAt: this.clock.now(),
        flagsEvaluated: evaluate,
        flagsLatestDay: evaluate ? null : latest,
      });
      await em.persist(run).flush();
    }
    const employers = await this.employers.allByOffice();
    const children = chunksOf(employers);
    run.employers = employers.length;
    run.chunks = children.length;
    await em.flush();
    await this.addFlow(run, children, (i) => `nightly.chunk-${id}-${i}`);
    this.logger.log(
      { runId: id, day, employers: employers.length, chunks: children.length },
      'nightly run started',
    );
    return run;
  }

  private async addFlow(
    run: NightlyRun,
    children: { officeCode: string; unitCodes: string[] }[],
    chunkId: (i: number) => string,
  ): Promise<void> {
    const flow = new FlowProducer({
      connection: { url: this.config.redis.url, maxRetriesPerRequest: null },
      prefix: this.config.redis.prefix,
    });
    try {
      await flow.add({
        name: 'nightly.finish',
        queueName: JOBS['nightly.finish'].queue,
        data: { runId: run.id },
        opts: { ...JOBS['nightly.finish'].options, jobId: finishJobId(run.id) },
        children: children.map((c, i) => ({
          name: 'nightly.chunk',
          queueName: JOBS['nightly.chunk'].queue,
          data: {
            runId: run.id,
            day: run.day,
            officeCode: c.officeCode,
            unitCodes: c.unitCodes,
            flags: run.flagsEvaluated,
          },
          // a chunk that fails for good fails its run (the recovery marks it failed with the reason)
          opts: { ...JOBS['nightly.chunk'].options, jobId: chunkId(i), failParentOnFailure: true },
        })),
      });
    } finally {
      await flow.close();
    }
  }

  /**
   * Finds runs left `running` whose jobs are gone from Redis (a restart without persistence, a flush,
   * an eviction) or failed for good, and either resumes them from what the database holds (a flow for
   * the employers with no snapshot of the run yet) or marks them failed with the reason. Runs at start
   * and on a timer, in every worker process; a Redis lock keeps two processes from resuming one run.
   */
  async recover(): Promise<{ resumed: string[]; failed: string[] }> {
    const out = { resumed: [] as string[], failed: [] as string[] };
    const em = this.em.fork();
    const running = await em.find(NightlyRun, { status: 'running' });
    if (!running.length) return out;
    const lockKey = `${this.config.redis.prefix}:sothu:nightly-recovery`;
    const token = randomUUID();
    if ((await this.redis.set(lockKey, token, 'PX', 60_000, 'NX')) !== 'OK') return out;
    try {
      const queue = this.jobs.queue('nightly');
      // a start still waiting or under way adds its own flow: leave its run alone
      const starting = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
      const startingIds = new Set(
        starting
          .filter((j) => j?.name === 'nightly.run')
          .map((j) => (j.data as { runId?: string }).runId),
      );
      if (startingIds.has(undefined)) return out; // a start that has not named its run yet
      for (const run of running) {
        if (startingIds.has(run.id)) continue;
        const finish = await queue.getJob(finishJobId(run.id));
        const state = finish ? await finish.getState() : 'unknown';
        if (state === 'failed') {
          run.status = 'failed';
          run.finishedAt = this.clock.now();
          run.report = { ...(run.report ?? {}), failedReason: finish!.failedReason ?? 'failed' };
          await em.flush();
          out.failed.push(run.id);
          this.logger.warn({ runId: run.id, reason: finish!.failedReason }, 'nightly run failed');
        } else if (state === 'unknown') {
          await this.resume(em, run);
          out.resumed.push(run.id);
        }
      }
    } finally {
      if ((await this.redis.get(lockKey)) === token) await this.redis.del(lockKey);
    }
    return out;
  }

  /** The employers with no snapshot of this run yet, in a new flow under the run's own finish job. */
  private async resume(em: EntityManager, run: NightlyRun): Promise<void> {
    const done = new Set(await this.snapshots.unitsOfRun(run.id));
    const employers = (await this.employers.allByOffice()).filter((e) => !done.has(e.unitCode));
    const children = chunksOf(employers);
    const round = Date.now().toString(36);
    run.chunksDone = Math.min(run.chunksDone, run.chunks);
    run.chunks = run.chunksDone + children.length;
    await em.flush();
    await this.addFlow(run, children, (i) => `nightly.chunk-${run.id}-r${round}-${i}`);
    this.logger.warn(
      { runId: run.id, day: run.day, done: done.size, remaining: employers.length },
      'nightly run resumed: its jobs were no longer in Redis',
    );
  }

  /**
   * The latest business day whose flags were evaluated (domain.md §9): by a day run that evaluated them
   * (running or completed), or as the stored flags say (the days evaluated before runs recorded it).
   */
  async latestEvaluatedDay(em: EntityManager = this.em.fork()): Promise<string | null> {
    const [run, flagged] = await Promise.all([
      em.findOne(
        NightlyRun,
        { flagsEvaluated: true, status: { $ne: 'failed' } },
        { orderBy: { day: 'desc' }, fields: ['day'] },
      ),
      this.flags.latestEvaluatedDay(em.fork()),
    ]);
    const days = [run?.day, flagged].filter((d): d is string => !!d).sort();
    return days[days.length - 1] ?? null;
  }

  /** Run reports, newest first. */
  list(status: NightlyRun['status'] | undefined, limit: number): Promise<NightlyRun[]> {
    return this.em
      .fork()
      .find(NightlyRun, status ? { status } : {}, { orderBy: { startedAt: 'desc' }, limit });
  }

  async chunkDone(runId: string): Promise<void> {
    // progress only: a chunk retried after counting may count twice; finish() sets the final figure
    await this.em
      .fork()
      .getConnection()
      .execute('update nightly_run set chunks_done = chunks_done + 1 where id = ?', [runId], 'run');
  }

  /** Every chunk done: the report (totals per office and for all, failures) and the run marked completed. */
  async finish(runId: string, chunks: ReconcileSummary[]): Promise<NightlyRun> {
    const em = this.em.fork();
    const run = await em.findOneOrFail(NightlyRun, { id: runId });
    // the day's stored totals (what ratios, series, league and arrears add up) written anew
    await this.snapshots.refreshTotals();
    // summed per office by the database: the run's snapshots are not loaded here
    const totals = await this.snapshots.reportTotals(run.day);
    const offices: Record<
      string,
      { employers: number; overduePrincipal: number; chargesUnpaid: number; prolonged: number }
    > = {};
    for (const { officeCode, ...t } of totals) offices[officeCode] = t;
    const failures = chunks.flatMap((c) => c.failures);
    // a chunk summarised before warnings existed has none
    const warnings = chunks.flatMap((c) => c.warnings ?? []);
    run.report = {
      // what the database holds: a resumed run's earlier chunks reported to a flow that is gone
      reconciled: await this.snapshots.countOfRun(runId),
      failures: failures.slice(0, 200),
      failureCount: failures.length,
      warnings: warnings.slice(0, 200),
      warningCount: warnings.length,
      missingReference: missingReferenceCounts(warnings),
      flags: {
        // domain.md §9: a day before the latest evaluated one stores its snapshots, not its flags
        ...(run.flagsEvaluated
          ? { evaluated: true }
          : {
              evaluated: false,
              reason: 'later-day-evaluated',
              latestEvaluatedDay: run.flagsLatestDay ?? null,
            }),
        ...chunks.reduce(
          (t, c) => ({
            raised: t.raised + c.flags.raised,
            updated: t.updated + c.flags.updated,
            cleared: t.cleared + c.flags.cleared,
          }),
          { raised: 0, updated: 0, cleared: 0 },
        ),
      },
      overduePrincipal: totals.reduce((n, t) => n + t.overduePrincipal, 0),
      offices,
    };
    run.chunksDone = run.chunks;
    run.status = 'completed';
    run.finishedAt = this.clock.now();
    await em.flush();
    this.logger.log(
      {
        runId,
        day: run.day,
        reconciled: run.report['reconciled'],
        failures: failures.length,
        warnings: warnings.length,
      },
      'nightly run completed',
    );
    return run;
  }
}

/** Each (kind, key, year) the run's employers miss, with how many employers miss it. */
export function missingReferenceCounts(
  warnings: readonly ReconcileWarning[],
): { kind: string; key: string; year: number; employers: number }[] {
  const counts = new Map<string, { kind: string; key: string; year: number; employers: number }>();
  for (const w of warnings) {
    for (const m of w.missing) {
      const id = `${m.kind}|${m.key}|${String(m.year).padStart(4, '0')}`;
      const c = counts.get(id) ?? { ...m, employers: 0 };
      c.employers++;
      counts.set(id, c);
    }
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** The id of a run's finish job (the parent of its flow). */
export function finishJobId(runId: string): string {
  return `nightly.finish-${runId}`;
}

function chunksOf(
  employers: { unitCode: string; officeCode: string }[],
): { officeCode: string; unitCodes: string[] }[] {
  const byOffice = new Map<string, string[]>();
  for (const e of employers)
    byOffice.set(e.officeCode, [...(byOffice.get(e.officeCode) ?? []), e.unitCode]);
  const children: { officeCode: string; unitCodes: string[] }[] = [];
  for (const [officeCode, units] of byOffice) {
    for (let i = 0; i < units.length; i += NIGHTLY_CHUNK)
      children.push({ officeCode, unitCodes: units.slice(i, i + NIGHTLY_CHUNK) });
  }
  return children;
}
