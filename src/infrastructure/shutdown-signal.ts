import { Injectable } from '@nestjs/common';

/** Thrown by long work that stops because the process is stopping (SIGTERM): nothing it did is kept. */
export class ShuttingDownError extends Error {
  constructor() {
    super('the process is stopping: the work was rolled back and handed back to the queue');
    this.name = 'ShuttingDownError';
  }
}

/**
 * The process is stopping: set when the queue workers begin to close (SIGTERM), read by long jobs
 * between chunks so they stop at the next one, roll back and hand their job back at once instead of
 * being killed after the grace period (and waiting for their lock to expire).
 */
@Injectable()
export class ShutdownSignal {
  private readonly controller = new AbortController();

  get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  stop(): void {
    this.controller.abort();
  }

  /** Throws {@link ShuttingDownError} once the process is stopping. */
  check(): void {
    if (this.stopping) throw new ShuttingDownError();
  }
}
