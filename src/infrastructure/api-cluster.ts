import cluster, { type Worker } from 'node:cluster';
import type { AppConfig } from '../config/config.js';

/**
 * `API_PROCESSES` > 1: this (primary) process forks that many API processes with node:cluster; they
 * share the port (the primary hands connections round-robin) and the primary serves nothing itself.
 *
 * - The first process starts alone and the others once it listens: it migrates the schema and loads
 *   the reference data, so they find both done.
 * - An unset `AUTH_JWT_SECRET` (development): the primary's random key is handed to every process, so a
 *   token one signed is good at all of them.
 * - A process that dies once serving is replaced; one that dies before it listened stops them all
 *   (a bad configuration or database would only die again).
 * - SIGTERM/SIGINT go to every process; the primary exits once they have (0 if all stopped cleanly).
 *
 * What each process keeps in memory stays its own: response caches (each compares the data
 * generation, so none serves stale data), verified tokens, and the per-minute rate-limit counters
 * (`AUTH_LOGIN_RATE_LIMIT`, `UPLOAD_RATE_LIMIT` count per process: a client may get up to N times them).
 */
export async function runApiCluster(config: AppConfig): Promise<void> {
  const n = config.apiProcesses;
  cluster.setupPrimary({ serialization: 'json' });
  const env = { AUTH_JWT_SECRET: config.auth.jwtSecret };
  if (config.auth.jwtSecretSource === 'generated') {
    process.stderr.write(
      'sothu: AUTH_JWT_SECRET is not set: the API processes share a random key of this start (tokens end when it stops)\n',
    );
  }
  let stopping = false;
  const listening = new Set<Worker>();
  const fork = () => {
    const w = cluster.fork(env);
    w.once('listening', () => listening.add(w));
    return w;
  };
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (!alive.length) process.exit(code);
    let left = alive.length;
    for (const w of alive) {
      w.once('exit', (c) => {
        if (c) code ||= 1;
        if (--left === 0) process.exit(code);
      });
      w.process.kill('SIGTERM');
    }
  };
  process.once('SIGTERM', () => stopAll(0));
  process.once('SIGINT', () => stopAll(0));
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    const served = listening.delete(w);
    process.stderr.write(
      `sothu: API process ${w.process.pid} exited (${signal ?? code})${served ? ', starting another' : ''}\n`,
    );
    if (served) fork();
    else stopAll(1);
  });

  const first = fork();
  await new Promise<void>((resolve, reject) => {
    first.once('listening', () => resolve());
    first.once('exit', () => reject(new Error('the first API process stopped before it listened')));
  });
  const rest = Array.from({ length: n - 1 }, () => fork());
  await Promise.all(
    rest.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('listening', () => resolve());
          w.once('exit', () => reject(new Error('an API process stopped before it listened')));
        }),
    ),
  );
}

/** Whether this process is one of the API processes a primary forked. */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}
