import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { REDIS } from '../../infrastructure/queue/redis.js';

/** Another reconciliation holds one of the employers for longer than we wait: the job retries later. */
export class EmployerBusyError extends Error {
  constructor(units: string[]) {
    super(
      `employers busy in another reconciliation: ${units.slice(0, 5).join(', ')}${units.length > 5 ? '…' : ''}`,
    );
    this.name = 'EmployerBusyError';
  }
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Per-employer mutual exclusion across processes (Redis `SET NX PX`): two reconciliations of one employer
 * never interleave, whichever worker runs them. Locks are taken for a whole chunk in one round trip,
 * renewed while the work goes on, and expire on their own (after WORKER_LOCK_MS, like the job's own lock)
 * if a worker dies holding them, so the job's retry elsewhere can take them.
 */
@Injectable()
export class EmployerLock {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async withLocks<T>(units: readonly string[], fn: () => Promise<T>, waitMs = 15_000): Promise<T> {
    const ttlMs = this.config.workerLockMs;
    const token = randomUUID();
    const key = (u: string) => `${this.config.redis.prefix}:lock:employer:${u}`;
    const held: string[] = [];
    let renew: NodeJS.Timeout | undefined;
    const until = Date.now() + waitMs;
    try {
      let pending = units.map(key);
      while (pending.length) {
        const p = this.redis.pipeline();
        for (const k of pending) p.set(k, token, 'PX', ttlMs, 'NX');
        const results = (await p.exec()) ?? [];
        const missed: string[] = [];
        pending.forEach((k, i) => (results[i]?.[1] === 'OK' ? held.push(k) : missed.push(k)));
        pending = missed;
        if (!pending.length) break;
        if (Date.now() > until)
          throw new EmployerBusyError(pending.map((k) => k.slice(k.lastIndexOf(':') + 1)));
        await new Promise((r) => setTimeout(r, 100));
      }
      renew = setInterval(
        () => {
          const p = this.redis.pipeline();
          for (const k of held) p.eval(EXTEND, 1, k, token, ttlMs);
          void p.exec().catch(() => undefined);
        },
        Math.max(250, Math.floor(ttlMs / 3)),
      );
      return await fn();
    } finally {
      if (renew) clearInterval(renew);
      if (held.length) {
        const p = this.redis.pipeline();
        for (const k of held) p.eval(RELEASE, 1, k, token);
        await p.exec().catch(() => undefined); // they expire anyway
      }
    }
  }
}
