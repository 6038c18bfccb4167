import { AppError } from '../http/app-error.js';

/**
 * Redis (the job queues) cannot be reached: the request that would queue work is refused at once, and
 * nothing it would have changed is changed — no job waits behind the client's back for Redis to return.
 */
export class QueueUnavailableError extends AppError {
  constructor(why: string) {
    super(
      'QUEUE_UNAVAILABLE',
      `The job queue (Redis) is not reachable, so nothing was queued and nothing changed (${why}). ` +
        `Start Redis ('redis-server --daemonize yes') or check REDIS_URL, then try again; ` +
        `GET /health says when Redis is back.`,
      503,
    );
  }
}
