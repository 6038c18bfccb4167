import { MikroORM, type Options } from '@mikro-orm/core';
import type { AppConfig } from '../config/config.js';
import { ormOptions } from './orm.config.js';

/** Apply pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

/** Open the configured database, migrate it, hand it over (used by CLIs and tests). */
export async function openDatabase(
  db: AppConfig['database'],
  extra: Partial<Options> = {},
): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(db, extra));
  await migrate(orm);
  return orm;
}
