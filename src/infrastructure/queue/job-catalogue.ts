import type { JobsOptions } from 'bullmq';

/**
 * The one typed catalogue of background jobs. Names are stable dotted strings (never class names: a
 * rename must not strand jobs already waiting in Redis). Each job names its queue, its payload type and
 * its default options; the producer applies them, the registry checks that every name has exactly one
 * handler at start.
 */
export const QUEUES = ['system', 'imports', 'reconcile', 'nightly', 'reports'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Load the effective-dated reference data under `seeds/reference/` into the database, idempotently. */
  'reference.sync': Record<string, never>;
  /** Stream and validate an uploaded workbook: counts and problems, nothing committed. */
  'import.parse': { batchId: string };
  /** Commit the valid rows of a validated batch, in one transaction. */
  'import.commit': { batchId: string };
  /** Reconcile employers as of a day (ledger, snapshot, flags); chunked inside; serialised per employer. */
  'reconcile.employer': { unitCodes: string[]; asOf: string };
  /**
   * The nightly run (repeatable): recompute every employer as of `day` (default: the day that has just
   * ended). `runId` is sothu's own (a UUID); a job without one (the cron schedule) picks one and keeps it.
   */
  'nightly.run': { runId?: string; day?: string; trigger: 'cron' | 'manual' };
  /** One chunk of one office's employers of a nightly run (a child of the run's flow). */
  'nightly.chunk': { runId: string; day: string; officeCode: string; unitCodes: string[] };
  /** The parent of a run's flow: runs once every chunk is done and writes the run report. */
  'nightly.finish': { runId: string };
}

export type JobName = keyof JobPayloads;

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
}

const retried: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export const JOBS: { [N in JobName]: JobDefinition } = {
  'reference.sync': { queue: 'system', options: { ...retried } },
  'import.parse': { queue: 'imports', options: { ...retried, attempts: 3 } },
  'import.commit': { queue: 'imports', options: { ...retried, attempts: 3 } },
  'reconcile.employer': { queue: 'reconcile', options: { ...retried } },
  'nightly.run': { queue: 'nightly', options: { ...retried, attempts: 3 } },
  'nightly.chunk': { queue: 'reconcile', options: { ...retried, attempts: 10 } },
  'nightly.finish': { queue: 'nightly', options: { ...retried } },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];
