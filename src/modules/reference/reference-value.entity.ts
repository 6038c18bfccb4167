import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * One effective-dated reference value (a rate in basis points, a wage floor, a reference level, an
 * old-regime interest rate…): the defaults loaded from `seeds/reference/` on start, and the values an
 * administrator enters (`POST /api/reference/{kind}`), which re-seeding never overwrites.
 */
@Entity({ tableName: 'reference_value' })
@Unique({ properties: ['kind', 'key', 'effectiveFrom'] })
export class ReferenceValue {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  /** What the value is: `rate`, `regional-minimum-wage`, `reference-level`, `old-regime-k`… */
  @Property({ length: 40 })
  kind!: string;

  /** Which one of its kind: a fund key, a region, a charge tag. */
  @Property({ length: 40 })
  key!: string;

  /** In force from this day (`YYYY-MM-DD`). */
  @Property({ length: 10 })
  effectiveFrom!: string;

  @Property({ type: new BigIntType('number') })
  value!: number;

  @Property({ type: 'text', nullable: true })
  source?: string | null;

  /** Who entered it (the administrator's e-mail); null: loaded from the seed files. */
  @Property({ length: 200, nullable: true })
  enteredBy?: string | null;

  /** When it was entered or loaded (null: loaded before this column existed). */
  @Property({ type: 'datetime', nullable: true })
  enteredAt?: Date | null;
}
