import { type Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sql';
import type { AppConfig } from '../config/config.js';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';
import { NodeSqliteFileDialect } from './node-sqlite.dialect.js';
import { trackPoolClients } from './pg-clients.js';

/** MikroORM options for the configured database: a SQLite file by default, PostgreSQL by URL. */
export function ormOptions(db: AppConfig['database'], extra: Partial<Options> = {}): Options {
  const common = {
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    discovery: { warnWhenNoEntities: false },
    // triggers live in migrations only (audit_event's append-only guard), not in entity metadata
    schemaGenerator: { ignoreTriggers: true },
    allowGlobalContext: false,
    debug: false,
    ...extra,
  } as Options;
  if (db.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: db.url,
      pool: { min: 0, max: 10 },
      // the pool's clients are recorded so a transaction's own client can be found (COPY: bulk-insert.ts)
      driverOptions: { onPoolCreated: trackPoolClients },
    } as Options;
  }
  return {
    ...common,
    driver: SqliteDriver,
    dbName: db.file,
    driverOptions: new NodeSqliteFileDialect(db.file),
    // one writer at a time: SQLite serialises writes; a single connection avoids SQLITE_BUSY storms
    pool: { min: 1, max: 1 },
  } as Options;
}
