import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

/** `opened`, `transition`, `assigned`, `sanction`, `note`. */
export type CaseEventKind = 'opened' | 'transition' | 'assigned' | 'sanction' | 'note';

/** The employer's latest `employer_snapshot` figures when the event was written. */
export interface ArrearsSnapshot {
  day: string;
  overduePrincipal: number;
  principalOutstanding: number;
  chargesUnpaid: number;
  credit: number;
  monthsOfDebtMilli: number;
  debtClass: string | null;
}

/**
 * One change to a case: who, when, from → to, why, the date it concerns (reminder, minutes, sanction
 * decision) and the employer's arrears at that moment. Written once, never updated. The unit code is
 * copied here so §9's reminder and sanction dates are read by employer without a join.
 */
@Entity({ tableName: 'case_event' })
@Index({ properties: ['caseId', 'id'] })
@Index({ properties: ['unitCode', 'kind'] })
export class CaseEvent {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ type: new BigIntType('number') })
  caseId!: number;

  @Property({ length: 10 })
  unitCode!: string;

  @Property({ length: 12 })
  kind!: CaseEventKind;

  @Property({ length: 200 })
  actor!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ length: 24, nullable: true })
  fromStatus?: string | null;

  @Property({ length: 24, nullable: true })
  toStatus?: string | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** The day the event concerns: reminder date, minutes date, sanction decision date. */
  @Property({ length: 10, nullable: true })
  date?: string | null;

  /** An assignment's inspector. */
  @Property({ length: 200, nullable: true })
  assignee?: string | null;

  /** A sanction's amount (whole đồng). */
  @Property({ type: new BigIntType('number'), nullable: true })
  amount?: number | null;

  @Property({ type: 'json', nullable: true })
  arrears?: ArrearsSnapshot | null;
}
