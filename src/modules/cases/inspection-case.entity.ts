import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';
import type { CaseStatus } from './case-workflow.util.js';

/**
 * An inspection case (hồ sơ thanh tra, domain.md §10): one employer's flags worked up the escalation
 * ladder. Its events (`case_event`) are the record; these columns are what lists filter and the ladder's
 * rules read (last reminder, minutes date).
 */
@Entity({ tableName: 'inspection_case' })
@Index({ properties: ['status', 'officeCode'] })
@Index({ properties: ['assignee', 'status'] })
@Index({ properties: ['unitCode', 'status'] })
export class InspectionCase {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  unitCode!: string;

  @Property({ length: 5 })
  officeCode!: string;

  @Property({ length: 24 })
  status: CaseStatus = 'open';

  /** The inspector working it (a user id or email). */
  @Property({ length: 200, nullable: true })
  assignee?: string | null;

  /** Date of the latest written reminder. */
  @Property({ length: 10, nullable: true })
  lastReminderOn?: string | null;

  @Property({ type: 'integer' })
  reminders = 0;

  /** Date the C05-TS reconciliation minutes were signed. */
  @Property({ length: 10, nullable: true })
  minutesOn?: string | null;

  @Property({ length: 200 })
  openedBy!: string;

  @Property({ type: 'datetime' })
  openedAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  /** Optimistic lock: two changes made at once to one case — the second is refused, not lost. */
  @Property({ version: true })
  version!: number;
}
