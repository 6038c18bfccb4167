import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JOBS, QUEUES, type JobName, type JobPayloads, type QueueName } from './job-catalogue.js';
import { QueueUnavailableError } from './queue-errors.js';
import { REDIS } from './redis.js';

/** How long a request waits for Redis before it is told the queue is unavailable. */
export const QUEUE_TIMEOUT_MS = 1500;

/**
 * The single way jobs are enqueued: catalogue defaults applied centrally, `jobId` for deduplication.
 * Jobs are added through connections of its own that never hold a command while Redis is away
 * (`enableOfflineQueue: false`): with Redis down an enqueue fails at once with
 * {@link QueueUnavailableError} (503) instead of waiting — and running long after the client gave up.
 */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly queues: Record<QueueName, Queue>;
  private readonly producers: Record<QueueName, Queue>;

  constructor(
    @InjectQueue('system') system: Queue,
    @InjectQueue('imports') imports: Queue,
    @InjectQueue('reconcile') reconcile: Queue,
    @InjectQueue('nightly') nightly: Queue,
    @InjectQueue('reports') reports: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.queues = { system, imports, reconcile, nightly, reports };
    const logger = new Logger('Queues');
    for (const [name, q] of Object.entries(this.queues)) {
      q.on('error', (err) => logger.warn(`queue ${name}: ${err.message}`));
    }
    this.producers = Object.fromEntries(
      QUEUES.map((name) => {
        const q = new Queue(name, {
          connection: {
            url: config.redis.url,
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            connectTimeout: QUEUE_TIMEOUT_MS,
          },
          prefix: config.redis.prefix,
        });
        q.on('error', () => undefined); // reported to the caller of enqueue, and by /health
        return [name, q];
      }),
    ) as Record<QueueName, Queue>;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.producers).map((q) => q.close().catch(() => undefined)));
  }

  /**
   * Fails fast, with 503 QUEUE_UNAVAILABLE, when Redis does not answer a PING within
   * {@link QUEUE_TIMEOUT_MS}. Routes that change something and then enqueue call it first, so a
   * refused request changes nothing.
   */
  async assertAvailable(): Promise<void> {
    await withTimeout(this.redis.ping(), 'no answer to PING');
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: JobsOptions = {},
  ): Promise<Job> {
    const def = JOBS[name];
    // the producer's connection may still be (re)connecting, and an add would wait for it: ask first
    await this.assertAvailable();
    return withTimeout(
      this.producers[def.queue].add(name, payload, { ...def.options, ...options }),
      'the job was not accepted',
    );
  }

  /**
   * Enqueues a job asked for again under the same id: a finished job (failed or completed) of that id
   * would make BullMQ ignore the new one, so it is removed first. A waiting or running one is left as is.
   */
  async enqueueAgain<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    jobId: string,
  ): Promise<Job> {
    await this.assertAvailable();
    const q = this.queues[JOBS[name].queue];
    const old = await q.getJob(jobId);
    if (old && ['failed', 'completed'].includes(await old.getState())) await old.remove();
    return this.enqueue(name, payload, { jobId });
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** Looks a job up by id across the queues (ids are unique per queue; callers pass the queue when known). */
  async findJob(id: string): Promise<{ queue: QueueName; job: Job } | null> {
    for (const [queue, q] of Object.entries(this.queues) as [QueueName, Queue][]) {
      const job = await q.getJob(id);
      if (job) return { queue, job };
    }
    return null;
  }
}

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new QueueUnavailableError(`${what} within ${QUEUE_TIMEOUT_MS} ms`)),
      QUEUE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, late]);
  } catch (err) {
    if (err instanceof QueueUnavailableError) throw err;
    throw new QueueUnavailableError((err as Error).message);
  } finally {
    clearTimeout(timer);
  }
}
