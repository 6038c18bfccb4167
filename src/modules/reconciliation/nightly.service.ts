import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { FlowProducer, type Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Clock } from '../../infrastructure/clock.js';
import { JOBS } from '../../infrastructure/queue/job-catalogue.js';
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

  async start(jobId: string, payload: { day?: string; trigger: string }): Promise<NightlyRun> {
    const day = payload.day ?? this.clock.yesterday();
    const id = runIdFor(jobId);
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
    const byOffice = new Map<string, string[]>();
    for (const e of employers)
      byOffice.set(e.officeCode, [...(byOffice.get(e.officeCode) ?? []), e.unitCode]);
    const children: { officeCode: string; unitCodes: string[] }[] = [];
    for (const [officeCode, units] of byOffice) {
      for (let i = 0; i < units.length; i += NIGHTLY_CHUNK)
        children.push({ officeCode, unitCodes: units.slice(i, i + NIGHTLY_CHUNK) });
    }
    run.employers = employers.length;
    run.chunks = children.length;
    await em.flush();
    const flow = new FlowProducer({
      connection: { url: this.config.redis.url, maxRetriesPerRequest: null },
      prefix: this.config.redis.prefix,
    });
    try {
      await flow.add({
        name: 'nightly.finish',
        queueName: JOBS['nightly.finish'].queue,
        data: { runId: id },
        opts: { ...JOBS['nightly.finish'].options, jobId: `nightly.finish-${id}` },
        children: children.map((c, i) => ({
          name: 'nightly.chunk',
          queueName: JOBS['nightly.chunk'].queue,
          data: {
            runId: id,
            day,
            officeCode: c.officeCode,
            unitCodes: c.unitCodes,
            flags: run.flagsEvaluated,
          },
          opts: { ...JOBS['nightly.chunk'].options, jobId: `nightly.chunk-${id}-${i}` },
        })),
      });
    } finally {
      await flow.close();
    }
    this.logger.log(
      { runId: id, day, employers: employers.length, chunks: children.length },
      'nightly run started',
    );
    return run;
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
    const snapshots = await this.snapshots.reportRows(run.day);
    const offices: Record<
      string,
      { employers: number; overduePrincipal: number; chargesUnpaid: number; prolonged: number }
    > = {};
    for (const s of snapshots) {
      const o = (offices[s.officeCode] ??= {
        employers: 0,
        overduePrincipal: 0,
        chargesUnpaid: 0,
        prolonged: 0,
      });
      o.employers++;
      o.overduePrincipal += s.overduePrincipal;
      o.chargesUnpaid += s.chargesUnpaid;
      if (s.debtClass === 'prolonged') o.prolonged++;
    }
    const failures = chunks.flatMap((c) => c.failures);
    // a chunk summarised before warnings existed has none
    const warnings = chunks.flatMap((c) => c.warnings ?? []);
    run.report = {
      reconciled: chunks.reduce((n, c) => n + c.employers, 0),
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
      overduePrincipal: snapshots.reduce((n, s) => n + s.overduePrincipal, 0),
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

/** A run id derived from the job that started it (a retried start finds its own run again). */
export function runIdFor(jobId: string): string {
  const h = createHash('sha256').update(jobId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
