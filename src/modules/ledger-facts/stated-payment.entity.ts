import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

/** A payment the employer says it made (optional roster sheet): evidence for reconciliation, never allocated. */
@Entity({ tableName: 'stated_payment' })
@Index({ properties: ['unitCode', 'paidOn'] })
export class StatedPayment {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  unitCode!: string;

  @Property({ length: 10 })
  paidOn!: string;

  @Property({ type: new BigIntType('number') })
  amount!: number;

  /** Số ủy nhiệm chi. */
  @Property({ type: 'text', nullable: true })
  orderNo?: string | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ length: 36 })
  batchId!: string;
}
