import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * A reference value an employer's stored figures needed and did not find (domain.md §6 "A k not yet
 * known"): one row per (employer, kind, key, year), written with the employer's snapshot by every
 * reconciliation. A reconciliation as of D replaces the employer's rows of days up to D, so the table
 * holds what the employer's latest stored figures miss. `GET /api/reference/gaps` counts it; entering
 * the value recomputes the employers listed here (as of `asOf`).
 */
@Entity({ tableName: 'reference_gap' })
@Unique({ properties: ['unitCode', 'kind', 'key', 'year'] })
@Index({ properties: ['kind', 'key', 'year'] })
export class ReferenceGap {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  unitCode!: string;

  @Property({ length: 40 })
  kind!: string;

  @Property({ length: 40 })
  key!: string;

  /** The k year; for a daily rate, the year of the day it was needed. */
  @Property({ type: 'integer' })
  year!: number;

  /** The day of the figures that needed it (the snapshot's D). */
  @Property({ length: 10 })
  asOf!: string;

  @Property({ type: 'datetime' })
  recordedAt!: Date;
}
