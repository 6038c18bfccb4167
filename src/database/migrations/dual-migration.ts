import { Migration } from '@mikro-orm/migrations';

export type Dialect = 'sqlite' | 'postgresql';

/**
 * A migration written once per dialect. SQLite and PostgreSQL run the same list of migrations with the
 * same names; where their DDL differs, each step names both forms (as the ORM's schema generator writes
 * them — `npm run db:diff` prints what the entities need next).
 */
export abstract class DualMigration extends Migration {
  protected abstract readonly statements: Record<Dialect, string[]>;

  protected dialect(): Dialect {
    return this.driver.getPlatform().constructor.name.toLowerCase().includes('postgre')
      ? 'postgresql'
      : 'sqlite';
  }

  up(): void {
    for (const sql of this.statements[this.dialect()]) this.addSql(sql);
  }
}
