import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

const money = () => new BigIntType('number');

/**
 * The sums of one day's snapshots of one office (migration 0017): what the ratios, their series and
 * league, the arrears totals and the run report add up, so a province or the whole system sums its
 * offices' rows instead of every employer's snapshot. Read only for a day {@link SnapshotTotalDay} marks
 * whole; written by `SnapshotStore.refreshTotals`.
 */
@Entity({ tableName: 'office_day_total' })
export class OfficeDayTotal {
  @PrimaryKey({ length: 10 })
  day!: string;

  @PrimaryKey({ length: 5 })
  officeCode!: string;

  @PrimaryKey({ length: 10 })
  provinceCode!: string;

  @Property({ type: 'integer' })
  employers!: number;

  @Property({ type: money() })
  overdue!: number;

  @Property({ type: money() })
  ytd!: number;

  @Property({ type: money() })
  hardOverdue!: number;

  @Property({ type: money() })
  hardYtd!: number;

  @Property({ type: 'integer' })
  prolonged!: number;

  /** Employers owing principal or charges, and what they owe (the arrears list's totals). */
  @Property({ type: 'integer' })
  arrearsEmployers!: number;

  @Property({ type: money() })
  arrearsOverdue!: number;

  @Property({ type: money() })
  arrearsCharges!: number;

  @Property({ type: money() })
  lt1!: number;

  @Property({ type: money() })
  m1to3!: number;

  @Property({ type: money() })
  m3to6!: number;

  @Property({ type: money() })
  m6to12!: number;

  @Property({ type: money() })
  ge12!: number;
}

/**
 * A day whose {@link OfficeDayTotal} rows are whole. Any write to that day's snapshots deletes its row in
 * the same transaction (triggers of migration 0017), so a figure never adds up totals older than the
 * snapshots: until the next refresh it is summed from the snapshots themselves.
 */
@Entity({ tableName: 'snapshot_total_day' })
export class SnapshotTotalDay {
  @PrimaryKey({ length: 10 })
  day!: string;

  @Property({ type: 'datetime' })
  computedAt!: Date;
}
