import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { ShutdownSignal, ShuttingDownError } from '../shutdown-signal.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { QueueName } from './job-catalogue.js';
import { JobRegistry } from './job-registry.service.js';

/** Dispatches each job of a queue to its catalogue handler. One subclass per queue. */
export abstract class QueueWorker extends WorkerHost implements BeforeApplicationShutdown {
  protected abstract readonly queueName: QueueName;
  private readonly logger = new Logger('Worker');

  constructor(
    private readonly registry: JobRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shutdown: ShutdownSignal,
  ) {
    super();
  }

  /** Workers are created paused (`autorun: false`) and started once the schema is migrated. */
  start(): void {
    this.worker.concurrency = this.config.workerConcurrency;
    // a job whose worker died goes back to the queue once its lock expires (stalled-job check)
    this.worker.opts.lockDuration = this.config.workerLockMs;
    this.worker.opts.stalledInterval = this.config.workerLockMs;
    // connection faults are transient: BullMQ reconnects; /health says whether Redis is reachable
    this.worker.on('error', (err) => this.logger.warn(`queue ${this.queueName}: ${err.message}`));
    void this.worker
      .run()
      .catch((err: unknown) => this.logger.error(err, `worker ${this.queueName} stopped`));
  }

  /**
   * Graceful shutdown: stop taking jobs and let running ones finish, for at most SHUTDOWN_GRACE_MS;
   * then close by force (an unfinished job goes back to the queue when its lock expires and is retried).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.stop(); // long jobs stop at their next chunk and are handed back (see process)
    let timer: NodeJS.Timeout | undefined;
    const graceful = this.worker.close().then(() => true);
    const expired = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), this.config.shutdownGraceMs)),
    );
    const finished = await Promise.race([graceful, expired]).finally(() => clearTimeout(timer));
    if (!finished) {
      this.logger.warn(
        `queue ${this.queueName}: jobs still running after ${this.config.shutdownGraceMs} ms, closing by force`,
      );
      await this.worker.close(true);
    }
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const started = Date.now();
    let result: unknown;
    try {
      result = await this.registry.handlerFor(this.queueName, job.name)(job.data, job);
    } catch (err) {
      if (!(err instanceof ShuttingDownError) || !token) throw err;
      // stopped between chunks and rolled back: back to the queue at once, for another worker, and
      // without using up an attempt (no waiting for this worker's lock to expire)
      await job.moveToDelayed(Date.now(), token);
      this.logger.warn({ job: job.name, id: job.id }, 'job handed back: this worker is stopping');
      throw new DelayedError();
    }
    this.logger.log(
      { job: job.name, id: job.id, queue: this.queueName, ms: Date.now() - started },
      'job done',
    );
    return result;
  }
}

@Processor('system', { autorun: false })
export class SystemWorker extends QueueWorker {
  protected readonly queueName = 'system';
}
@Processor('imports', { autorun: false })
export class ImportsWorker extends QueueWorker {
  protected readonly queueName = 'imports';
}
@Processor('reconcile', { autorun: false })
export class ReconcileWorker extends QueueWorker {
  protected readonly queueName = 'reconcile';
}
@Processor('nightly', { autorun: false })
export class NightlyWorker extends QueueWorker {
  protected readonly queueName = 'nightly';
}
@Processor('reports', { autorun: false })
export class ReportsWorker extends QueueWorker {
  protected readonly queueName = 'reports';
}

export const QUEUE_WORKERS = [
  SystemWorker,
  ImportsWorker,
  ReconcileWorker,
  NightlyWorker,
  ReportsWorker,
];

/** Starts the queue workers of this process (only where the role runs them). */
export function startWorkers(workers: QueueWorker[]): number {
  for (const worker of workers) worker.start();
  return workers.length;
}
