import type { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM/SIGINT close the application (workers stop taking jobs and finish the running ones within
 * SHUTDOWN_GRACE_MS), then exit 0. Should closing itself hang — e.g. a Redis connection stuck in
 * reconnect — the process still exits, with status 1, a few seconds after the grace period.
 */
export function exitOnSignals(app: INestApplicationContext, graceMs: number, name = 'sothu'): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    process.stdout.write(
      `${name}: ${signal} received, finishing running jobs (up to ${graceMs} ms)\n`,
    );
    setTimeout(() => {
      process.stderr.write(`${name}: did not stop within ${graceMs + 5000} ms; exiting\n`);
      process.exit(1);
    }, graceMs + 5000).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(
          `${name}: error while stopping: ${err instanceof Error ? err.message : String(err)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
