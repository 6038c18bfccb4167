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
  /**
   * A reference value was added: recompute the employers it touches (those whose stored figures needed
   * it; for a kind other than old-regime k, also every employer of the latest snapshot day), as of the
   * day of their stored figures.
   */
  'reference.recompute': { kind: string; key: string; effectiveFrom: string };
  /** Stream and validate an uploaded workbook: counts and problems, nothing committed. */
  'import.parse': { batchId: string };
  /** Commit the valid rows of a validated batch, in one transaction. */
  'import.commit': { batchId: string };
  /** A large upload's errors.xlsx, rendered once per parse round off the request path. */
  'import.errors': { batchId: string; round: number };
  /** Commit every validated file of an import set in dependency order, then reconcile what it changed once. */
  'import.commit-set': { setId: string };
  /** Reconcile employers as of a day (ledger, snapshot; never flags: only day runs do); chunked inside; serialised per employer. */
  'reconcile.employer': { unitCodes: string[]; asOf: string };
  /**
   * Rank again the unmatched receipts (domain.md §8 step 5) of a receipts batch, or those with a stored
   * candidate among `unitCodes` (their ledgers changed), or all of them (the registry changed).
   */
  'receipts.suggest': { batchId?: string; unitCodes?: string[]; all?: boolean };
  /**
   * The nightly run (repeatable): recompute every employer as of `day` (default: the day that has just
   * ended). `runId` is sothu's own (a UUID); a job without one (the cron schedule) picks one and keeps it.
   */
  'nightly.run': { runId?: string; day?: string; trigger: 'cron' | 'manual' };
  /** One chunk of one office's employers of a nightly run (a child of the run's flow). */
  'nightly.chunk': {
    runId: string;
    day: string;
    officeCode: string;
    unitCodes: string[];
    /** Whether the run evaluates flags (absent, from a run started before the field: yes). */
    flags?: boolean;
  };
  /** The parent of a run's flow: runs once every chunk is done and writes the run report. */
  'nightly.finish': { runId: string };
  /**
   * Render one chunk of a bulk report's documents (an office's C12-TS notices): off the request path,
   * idempotent per employer (an employer already rendered is skipped), so a retried or resumed chunk
   * redoes nothing and a worker's restart loses nothing.
   */
  'report.render': { reportId: string; unitCodes: string[] };
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
  'reference.recompute': { queue: 'reconcile', options: { ...retried } },
  'import.parse': { queue: 'imports', options: { ...retried, attempts: 3 } },
  'import.commit': { queue: 'imports', options: { ...retried, attempts: 3 } },
  'import.commit-set': { queue: 'imports', options: { ...retried, attempts: 3 } },
  'reconcile.employer': { queue: 'reconcile', options: { ...retried } },
  'receipts.suggest': { queue: 'reconcile', options: { ...retried } },
  'nightly.run': { queue: 'nightly', options: { ...retried, attempts: 3 } },
  'nightly.chunk': { queue: 'reconcile', options: { ...retried, attempts: 10 } },
  'nightly.finish': { queue: 'nightly', options: { ...retried } },
  'report.render': { queue: 'reports', options: { ...retried } },
  'import.errors': { queue: 'reports', options: { ...retried } },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];
