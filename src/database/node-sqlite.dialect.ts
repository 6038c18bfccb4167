import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync as DatabaseSyncType } from 'node:sqlite';
import { SqliteDialect } from 'kysely';

/**
 * Kysely dialect over Node's built-in `node:sqlite`, tuned for a file shared by the API process and
 * worker processes: WAL journal, a busy timeout instead of immediate SQLITE_BUSY, foreign keys on.
 * Built in, so no native addon has to be compiled against the bundled Node 24.
 */
export class NodeSqliteFileDialect extends SqliteDialect {
  constructor(file: string) {
    super({
      database: () => {
        if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
        const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as {
          DatabaseSync: typeof DatabaseSyncType;
        };
        const db = new DatabaseSync(file, { timeout: 15000 });
        db.exec(
          'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
        );
        return {
          prepare(sql: string) {
            const stmt = db.prepare(sql);
            return {
              reader: /^\s*(select|pragma|explain|with)/i.test(sql) || /\breturning\b/i.test(sql),
              all: (params: readonly unknown[]) => stmt.all(...(params as never[])),
              run: (params: readonly unknown[]) => stmt.run(...(params as never[])),
              get: (params: readonly unknown[]) => stmt.get(...(params as never[])),
              iterate: (params: readonly unknown[]) => stmt.iterate(...(params as never[])),
            };
          },
          close() {
            db.close();
          },
        } as never;
      },
    });
  }
}
