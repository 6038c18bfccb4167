import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';

/** A sweep that finds work left unfinished because its jobs vanished from Redis, and resumes or fails it. */
export interface RecoveryTask {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Runs the recovery sweeps of a worker process: once at start, then every RECOVERY_INTERVAL_MS. A sweep
 * that throws (Redis or the database away) is logged and tried again next time; sweeps never overlap.
 */
@Injectable()
export class QueueRecovery implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Recovery');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async start(tasks: RecoveryTask[]): Promise<void> {
    const sweep = async () => {
      for (const task of tasks) {
        if (this.stopped) return;
        try {
          const result = await task.run();
          this.logger.debug({ task: task.name, result }, 'recovery sweep');
        } catch (err) {
          this.logger.warn(`recovery ${task.name}: ${(err as Error).message}`);
        }
      }
    };
    this.running = sweep();
    await this.running;
    this.timer = setInterval(() => {
      this.running = this.running.then(sweep);
    }, this.config.recoveryIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
