import { UnrecoverableError } from 'bullmq';

/**
 * Bad data: the job fails at once with a readable reason instead of being retried. Anything else thrown
 * by a handler is treated as transient and retried with backoff.
 */
export class PermanentJobError extends UnrecoverableError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'PermanentJobError';
  }
}
