import { Redis } from 'ioredis';

export const REDIS = Symbol('REDIS');

/**
 * A general-purpose Redis client (health, locks). It does not queue commands while Redis is away, so a
 * caller learns at once that Redis is down instead of waiting.
 */
export async function createRedisClient(url: string, readyTimeoutMs = 5000): Promise<Redis> {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.connect(),
    new Promise((resolve) => (timer = setTimeout(resolve, readyTimeoutMs))),
  ])
    .catch(() => undefined) // reported by /health; the start-up check already failed fast if Redis was absent
    .finally(() => clearTimeout(timer));
  return client;
}

/**
 * Fails fast when Redis cannot be reached: resolves, or rejects with a one-line message that says how to
 * start or configure it.
 */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Redis is not reachable at ${redactUrl(url)} (${why}). sothu needs Redis for its job queues: ` +
        `start one with 'redis-server --daemonize yes' (Debian: apt-get install redis-server) or set REDIS_URL.`,
      { cause: err },
    );
  } finally {
    client.disconnect();
  }
}

export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
