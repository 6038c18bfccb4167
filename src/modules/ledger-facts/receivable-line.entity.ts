import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

/**
 * A line of the agency's receivables ledger (sổ phải thu). Keyed by unit, period, fund and reason (empty:
 * a regular line; otherwise an adjustment, C12 B.4): a later import of the same key replaces the amount.
 */
@Entity({ tableName: 'receivable_line' })
@Unique({ properties: ['unitCode', 'period', 'fund', 'reason'] })
export class ReceivableLine {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  unitCode!: string;

  @Property({ length: 7 })
  period!: string;

  @Property({ length: 10 })
  fund!: string;

  @Property({ type: new BigIntType('number') })
  amount!: number;

  @Property({ length: 10, nullable: true })
  dueDate?: string | null;

  /** Empty for a regular line; the adjustment's reason otherwise. */
  @Property({ type: 'text', default: '' })
  reason: string = '';

  @Property({ length: 36 })
  batchId!: string;
}
