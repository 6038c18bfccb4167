import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

/**
 * One unit's month of an officers' C12 summary export, kept as its opening balance (domain.md §5). Keyed
 * by unit and period: a later import of the same month replaces it. The unit need not be registered yet.
 */
@Entity({ tableName: 'opening_balance' })
@Unique({ properties: ['unitCode', 'period'] })
export class OpeningBalance {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  unitCode!: string;

  /** P, the export's month. */
  @Property({ length: 7 })
  period!: string;

  @Property({ type: 'text', nullable: true })
  name?: string | null;

  /** B, tiền cuối kỳ; negative is a credit. */
  @Property({ type: new BigIntType('number') })
  closingBalance!: number;

  /** p, số tiền phải nộp, when exported. */
  @Property({ type: new BigIntType('number'), nullable: true })
  payable?: number | null;

  /** tyleno in thousandths of a month. */
  @Property({ type: 'integer', nullable: true })
  monthsOfDebtMilli?: number | null;

  @Property({ length: 36 })
  batchId!: string;
}
