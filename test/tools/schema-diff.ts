/**
 * Prints, for SQLite and PostgreSQL, the DDL the entities need beyond the committed migrations: the
 * statements for the next migration. `npm run db:diff` (PostgreSQL from DATABASE_URL_PG, default the
 * local `test` database, in a throwaway database).
 */
import { openDatabase } from '../../src/database/database.js';
import { withScratchPostgres } from '../support/scratch-postgres.js';

const sqlite = await openDatabase({ kind: 'sqlite', file: ':memory:' });
console.log('-- sqlite\n' + (await sqlite.schema.getUpdateSchemaSQL({ wrap: false })));
await sqlite.close();

await withScratchPostgres(
  process.env.DATABASE_URL_PG ?? 'postgres://127.0.0.1/test',
  async (url) => {
    const pg = await openDatabase({ kind: 'postgresql', url });
    console.log('-- postgresql\n' + (await pg.schema.getUpdateSchemaSQL({ wrap: false })));
    await pg.close();
  },
);
