import type { Pool, PoolClient } from 'pg';

/**
 * The `pg` clients of each pool, by backend process id, so that a transaction's own client can be found:
 * MikroORM 7 runs a transaction on one pooled client behind Kysely, which keeps that client private.
 * MikroORM's PostgreSQL connection hands the pool it creates to `driverOptions.onPoolCreated` (see
 * orm.config.ts) and exposes it through `getNativeClient()`; every client the pool connects is recorded
 * here under `processID` (set once connected: the server's backend key message comes before the pool
 * reports the client connected) and forgotten when it ends. A transaction asks the server for its backend
 * pid (`select pg_backend_pid()`) and takes that client: the one its statements run on.
 */
const clientsOf = new WeakMap<Pool, Map<number, PoolClient>>();

export function trackPoolClients(pool: Pool): void {
  if (clientsOf.has(pool)) return;
  const byPid = new Map<number, PoolClient>();
  clientsOf.set(pool, byPid);
  pool.on('connect', (client) => {
    const pid = (client as PoolClient & { processID?: number }).processID;
    if (typeof pid !== 'number') return;
    byPid.set(pid, client);
    client.once('end', () => {
      if (byPid.get(pid) === client) byPid.delete(pid);
    });
  });
}

/** The pool's client connected to backend `pid`; undefined when the pool is not tracked or has none. */
export function pooledClient(pool: Pool, pid: number): PoolClient | undefined {
  return clientsOf.get(pool)?.get(pid);
}
