import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync as DatabaseSyncType } from 'node:sqlite';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect } from 'kysely';

/** How long a statement outside a transaction waits, synchronously, for another process's write. */
const BUSY_TIMEOUT_MS = 15000;
/** How long a write transaction waits, without blocking the event loop, for the file's write lock. */
const BEGIN_WAIT_MS = 120_000;
/** Prepared statements kept per connection (the oldest is dropped past this). */
const STATEMENT_CACHE = 500;
/** Longer statements (long `in` lists) are prepared each time, not kept; INSERTs are kept whatever their length. */
const CACHED_SQL_MAX = 4096;

/**
 * Kysely dialect over Node's built-in `node:sqlite`, tuned for a file shared by the API process and
 * worker processes: WAL journal, a busy timeout instead of immediate SQLITE_BUSY, foreign keys on.
 * Built in, so no native addon has to be compiled against the bundled Node 24.
 *
 * One writer at a time: transactions begin IMMEDIATE, taking the file's write lock at BEGIN. A deferred
 * transaction that reads first and writes later cannot wait for the lock — if another process wrote in
 * between, its first write fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT) whatever the
 * busy timeout: parallel import commits across the API and worker processes failed that way. While
 * another process holds the lock, BEGIN is tried again after short asynchronous pauses (up to
 * {@link BEGIN_WAIT_MS}), so waiting never blocks the process's event loop (HTTP, job locks). Inside a
 * process the single connection already serialises transactions.
 */
export class NodeSqliteFileDialect extends SqliteDialect {
  /** The connection, once Kysely has opened it (it opens one: the pool is a single connection). */
  private db: DatabaseSyncType | undefined;
  /** Write statements and transaction ends this process has run on the file (see {@link generation}). */
  private localWrites = 0;
  private dataVersion: ReturnType<DatabaseSyncType['prepare']> | undefined;

  constructor(file: string) {
    super({
      database: () => {
        if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
        const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as {
          DatabaseSync: typeof DatabaseSyncType;
        };
        const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
        db.exec(
          'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
        );
        this.db = db;
        this.dataVersion = undefined;
        // Prepared statements by SQL text, reused: an API request's few queries are the same text
        // every time, and preparing was a tenth of a request's CPU. `all`/`get`/`run` finish with the
        // statement before returning (the connection is synchronous), so sharing one is safe; `iterate`
        // (a cursor left open across awaits) gets a statement of its own.
        const cache = new Map<string, ReturnType<DatabaseSyncType['prepare']>>();
        const cached = (sql: string) => {
          // long texts vary (long `in` lists) and are prepared each time — but for INSERTs: bulk inserts
          // repeat a few fixed shapes (bulk-insert.ts), and those are worth keeping
          if (sql.length > CACHED_SQL_MAX && !/^\s*insert\b/i.test(sql)) return db.prepare(sql);
          let stmt = cache.get(sql);
          if (!stmt) {
            if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
            stmt = db.prepare(sql);
            cache.set(sql, stmt);
          }
          return stmt;
        };
        // a statement that may change data counts (after it ran: it is synchronous) in `localWrites`
        const written = <T>(result: T): T => {
          this.localWrites++;
          return result;
        };
        return {
          prepare(sql: string) {
            if (sql === BEGIN_NOW) return beginNow(db);
            if (!mayWrite(sql)) {
              return {
                reader: /^\s*(select|pragma|explain|with)/i.test(sql),
                all: (params: readonly unknown[]) => cached(sql).all(...(params as never[])),
                run: (params: readonly unknown[]) => cached(sql).run(...(params as never[])),
                get: (params: readonly unknown[]) => cached(sql).get(...(params as never[])),
                iterate: (params: readonly unknown[]) =>
                  db.prepare(sql).iterate(...(params as never[])),
              };
            }
            return {
              reader: /^\s*(select|pragma|explain|with)/i.test(sql) || /\breturning\b/i.test(sql),
              all: (params: readonly unknown[]) => written(cached(sql).all(...(params as never[]))),
              run: (params: readonly unknown[]) => written(cached(sql).run(...(params as never[]))),
              get: (params: readonly unknown[]) => written(cached(sql).get(...(params as never[]))),
              iterate: (params: readonly unknown[]) =>
                written(db.prepare(sql).iterate(...(params as never[]))),
            };
          },
          close: () => {
            if (this.db === db) {
              this.db = undefined;
              this.dataVersion = undefined;
            }
            db.close();
          },
        } as never;
      },
    });
  }

  /**
   * A token that changes whenever committed data of the file may have changed: `PRAGMA data_version`
   * (changes when another connection, e.g. a worker process, commits) with this process's own count of
   * write statements and transaction ends (data_version does not move for the connection's own
   * commits). Read synchronously on the connection, outside Kysely's queue: it neither waits for nor
   * disturbs a transaction in progress. Conservative: a rolled-back write changes it too.
   */
  generation(): string {
    if (!this.db) return `closed:${this.localWrites}`;
    this.dataVersion ??= this.db.prepare('PRAGMA data_version');
    const row = this.dataVersion.get() as { data_version: number };
    return `${row.data_version}:${this.localWrites}`;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = (connection) => beginWriting(connection);
    return driver;
  }
}

/**
 * Whether a statement may change data: anything but a plain read. Transaction ends count (a COMMIT is
 * when the change becomes visible; a ROLLBACK is counted too, harmlessly); BEGIN and SAVEPOINT do not.
 */
function mayWrite(sql: string): boolean {
  const head = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
  if (head === 'select' || head === 'explain' || head === 'begin' || head === 'savepoint')
    return false;
  // a setting read or set (`pragma data_version`, `pragma foreign_keys = on`) changes no row
  if (head === 'pragma') return false;
  if (head === 'with') return /\b(insert|update|delete|replace)\b/i.test(sql);
  return true;
}

/** An internal statement name: BEGIN IMMEDIATE without waiting (busy timeout 0 for that one statement). */
const BEGIN_NOW = '-- sothu: begin immediate, no wait';

function beginNow(db: DatabaseSyncType) {
  const run = () => {
    db.exec('PRAGMA busy_timeout = 0');
    try {
      db.exec('BEGIN IMMEDIATE');
    } finally {
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    return { changes: 0, lastInsertRowid: 0 };
  };
  return {
    reader: false,
    run,
    all: () => [],
    get: () => undefined,
    iterate: () => [][Symbol.iterator](),
  };
}

export function isBusy(err: unknown): boolean {
  const e = err as { errcode?: number; message?: string };
  return (e?.errcode ?? 0) % 256 === 5 || /database is locked/i.test(e?.message ?? '');
}

async function beginWriting(connection: DatabaseConnection): Promise<void> {
  const until = Date.now() + BEGIN_WAIT_MS;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    try {
      await connection.executeQuery(CompiledQuery.raw(BEGIN_NOW));
      return;
    } catch (err) {
      if (!isBusy(err) || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
