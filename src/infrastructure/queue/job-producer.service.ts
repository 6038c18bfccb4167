import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { JOBS, type JobName, type JobPayloads, type QueueName } from './job-catalogue.js';

/** The single way jobs are enqueued: catalogue defaults applied centrally, `jobId` for deduplication. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue('system') system: Queue,
    @InjectQueue('imports') imports: Queue,
    @InjectQueue('reconcile') reconcile: Queue,
    @InjectQueue('nightly') nightly: Queue,
    @InjectQueue('reports') reports: Queue,
  ) {
    this.queues = { system, imports, reconcile, nightly, reports };
    const logger = new Logger('Queues');
    for (const [name, q] of Object.entries(this.queues)) {
      q.on('error', (err) => logger.warn(`queue ${name}: ${err.message}`));
    }
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: JobsOptions = {},
  ): Promise<Job> {
    const def = JOBS[name];
    return this.queues[def.queue].add(name, payload, { ...def.options, ...options });
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
