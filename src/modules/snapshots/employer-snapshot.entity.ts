import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

/**
 * One employer's arrears and ratio figures as of the end of one day (domain.md §7): written by every
 * reconciliation as of that day and by the nightly run; reconciling a day again replaces its row.
 * Arrears, ratios and the months-of-debt history are read from here.
 */
@Entity({ tableName: 'employer_snapshot' })
@Unique({ properties: ['day', 'unitCode'] })
@Index({ properties: ['day', 'officeCode'] })
@Index({ properties: ['unitCode', 'day'] })
// the arrears list's order (largest overdue principal first, read backwards; ties sorted by unit code)
@Index({ name: 'employer_snapshot_arrears_rank_index', properties: ['day', 'overduePrincipal'] })
export class EmployerSnapshot {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  /** D, `YYYY-MM-DD`. */
  @Property({ length: 10 })
  day!: string;

  @Property({ length: 10 })
  unitCode!: string;

  @Property({ length: 5 })
  officeCode!: string;

  @Property({ length: 10 })
  provinceCode!: string;

  @Property({ type: new BigIntType('number') })
  overduePrincipal!: number;

  @Property({ type: new BigIntType('number') })
  principalOutstanding!: number;

  /** Booked unpaid + accrued through D − 1 (§6). */
  @Property({ type: new BigIntType('number') })
  chargesUnpaid!: number;

  @Property({ type: new BigIntType('number') })
  credit!: number;

  /** tyleno in thousandths. */
  @Property({ type: 'integer' })
  monthsOfDebtMilli!: number;

  /** `late`, `overdue`, `prolonged`, `hard-to-collect`; null: no overdue principal. */
  @Property({ length: 16, nullable: true })
  debtClass?: string | null;

  @Property({ type: 'boolean' })
  hardToCollect!: boolean;

  /** Overdue principal by ageing bucket (lt1, m1to3, m3to6, m6to12, ge12). */
  @Property({ type: 'json' })
  ageing!: Record<string, number>;

  /** The ratio denominator for D's year: receivables of that year's periods up to D's month (§7). */
  @Property({ type: new BigIntType('number') })
  ytdReceivable!: number;

  @Property({ type: new BigIntType('number'), nullable: true })
  onTimeSettled?: number | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  onTimeReceivable?: number | null;

  /** The nightly run that wrote it, or null (a reconciliation on request). */
  @Property({ length: 36, nullable: true })
  runId?: string | null;

  @Property({ type: 'datetime' })
  computedAt!: Date;
}
