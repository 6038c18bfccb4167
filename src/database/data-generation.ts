import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { NodeSqliteFileDialect } from './node-sqlite.dialect.js';

/**
 * A cheap token that changes whenever committed data may have changed, in this process or any other
 * (a worker, another API process): what a response cache compares before serving a body it kept.
 * Conservative — it may change when nothing a reader sees did — never the other way round.
 *
 * - SQLite: `PRAGMA data_version` (moved by other connections' commits) with the process's own count of
 *   writes and transaction ends, kept by the dialect (`NodeSqliteFileDialect.generation`).
 * - PostgreSQL: `pg_current_snapshot()`: a transaction that committed since the last read is either
 *   gone from the in-progress list or below a newer xmax, so the text differs.
 *
 * Read it **before** computing what is cached under it: a commit landing meanwhile then leaves a body
 * at least as new as its token, and the next reader sees another token.
 */
@Injectable()
export class DataGeneration {
  private readonly sqlite: NodeSqliteFileDialect | undefined;

  constructor(private readonly orm: MikroORM) {
    const dialect = orm.config.get('driverOptions') as unknown;
    this.sqlite = dialect instanceof NodeSqliteFileDialect ? dialect : undefined;
  }

  async current(): Promise<string> {
    if (this.sqlite) return this.sqlite.generation();
    const [row] = (await this.orm.em
      .getConnection()
      .execute('select pg_current_snapshot()::text as g')) as { g: string }[];
    return row!.g;
  }
}
