import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { FlagCode, Severity } from '../../domain/flags.js';
import { RowIdType } from '../../database/row-id.type.js';

/** `open` while the condition holds; `condition-cleared` when it stopped (an inspector closes it); `closed`. */
export type FlagStatus = 'open' | 'condition-cleared' | 'closed';
export const FLAG_STATUSES: readonly FlagStatus[] = ['open', 'condition-cleared', 'closed'];

/**
 * An inspection flag (domain.md §9) of one employer: one per (employer, code) while open — later runs
 * update it in place; when the condition stops holding it becomes `condition-cleared`, never deleted; a
 * later occurrence raises a new one. Risk score and months of debt are the employer's as of the last
 * evaluation, so the queue sorts without joining snapshots.
 */
// The queue's order is risk score desc, months desc, unit code asc, id asc (`compareByRisk`, then id so
// keyset pages are total). These ascending indexes serve it on both databases: scanned backwards they give
// risk and months descending, and the small groups sharing both are sorted by unit code and id
// (PostgreSQL's incremental sort, SQLite's sorter for the last ORDER BY terms). Mixed-direction index
// columns would spare that step, but SQLite does not report index column order back, so the schema check
// could never agree with the entities.
@Entity({ tableName: 'flag' })
@Index({
  name: 'flag_status_risk_index',
  properties: ['status', 'riskScore', 'monthsOfDebtMilli', 'unitCode', 'id'],
})
@Index({
  name: 'flag_office_status_risk_index',
  properties: ['officeCode', 'status', 'riskScore', 'monthsOfDebtMilli', 'unitCode', 'id'],
})
@Index({
  name: 'flag_code_status_risk_index',
  properties: ['code', 'status', 'riskScore', 'monthsOfDebtMilli', 'unitCode', 'id'],
})
// The inspection queue (one row per employer, highest severity first): open flags carry their employer's
// highest open severity (`queueRank`), so pages are read in index order instead of grouping every flag.
@Index({
  name: 'flag_status_queue_index',
  properties: ['status', 'queueRank', 'riskScore', 'monthsOfDebtMilli', 'unitCode'],
})
@Index({
  name: 'flag_office_status_queue_index',
  properties: ['officeCode', 'status', 'queueRank', 'riskScore', 'monthsOfDebtMilli', 'unitCode'],
})
@Index({
  name: 'flag_code_status_queue_index',
  properties: ['code', 'status', 'queueRank', 'riskScore', 'monthsOfDebtMilli', 'unitCode'],
})
@Index({
  name: 'flag_severity_status_queue_index',
  properties: ['severity', 'status', 'queueRank', 'riskScore', 'monthsOfDebtMilli', 'unitCode'],
})
// other statuses (cleared, closed: the queue's history views) are grouped per employer from this
// index alone, without reading the table
@Index({
  name: 'flag_status_unit_history_index',
  properties: [
    'status',
    'unitCode',
    'severity',
    'riskScore',
    'monthsOfDebtMilli',
    'officeCode',
    'evaluatedOn',
  ],
})
@Index({ properties: ['unitCode', 'status'] })
@Unique({
  name: 'flag_open_unit_code_unique',
  properties: ['unitCode', 'code'],
  where: { status: 'open' },
})
export class Flag {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  unitCode!: string;

  /** The employer's office at the last evaluation. */
  @Property({ length: 5 })
  officeCode!: string;

  @Property({ length: 24 })
  code!: FlagCode;

  @Property({ length: 10 })
  severity!: Severity;

  @Property({ length: 20 })
  status: FlagStatus = 'open';

  /** Overdue principal × (1 + months of debt / 3), whole đồng (§9). */
  @Property({ type: new BigIntType('number') })
  riskScore!: number;

  /**
   * While open: the highest severity rank (1 low … 4 critical) of the employer's open flags, the
   * inspection queue's first key (kept by each evaluation, which updates all of them). 0 otherwise.
   */
  @Property({ type: 'integer' })
  queueRank: Opt<number> = 0;

  /** tyleno in thousandths, the queue's second key. */
  @Property({ type: 'integer' })
  monthsOfDebtMilli!: number;

  @Property({ type: 'json' })
  evidence!: Record<string, unknown>;

  /** The business day (D, `YYYY-MM-DD`) of the evaluation that raised it. */
  @Property({ length: 10 })
  raisedOn!: string;

  @Property({ type: 'datetime' })
  raisedAt!: Date;

  /** The business day of the latest evaluation applied (an older day's re-run never overwrites it). */
  @Property({ length: 10 })
  evaluatedOn!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  /** The business day on which the condition was found to no longer hold. */
  @Property({ length: 10, nullable: true })
  clearedOn?: string | null;

  @Property({ type: 'datetime', nullable: true })
  clearedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  /** The case the flag is worked in (the latest one), or null. */
  @Index()
  @Property({ type: new BigIntType('number'), nullable: true })
  caseId?: number | null;
}
