import { BigIntType, type EntityProperty, type Platform } from '@mikro-orm/core';

/**
 * Surrogate ids of high-volume tables: `bigserial` on PostgreSQL; on SQLite the rowid alias `integer
 * primary key` (already 64-bit there), which is also what SQLite reports back, so schema comparison holds.
 */
export class RowIdType extends BigIntType<'number'> {
  constructor() {
    super('number');
  }

  override getColumnType(prop: EntityProperty, platform: Platform): string {
    if (platform.constructor.name.toLowerCase().includes('sqlite')) return 'integer';
    return super.getColumnType(prop, platform);
  }
}
