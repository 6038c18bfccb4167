import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

export type ReceiptStatus = 'unmatched' | 'suggested' | 'matched';

/**
 * A bank receipt (giấy báo có). Unique by bank reference. Until matched to an employer (domain.md §8) it
 * sits on the suspense unit and is never allocated; a suggestion waits for an officer.
 */
@Entity({ tableName: 'receipt' })
@Index({ properties: ['unitCode', 'valueDate'] })
// the inspection queue: suspense receipts suggested for an employer (suggestion = unit, no unit)
@Index({ name: 'receipt_suggested_unit_index', properties: ['suggestion', 'unitCode'] })
@Index({ properties: ['valueDate', 'id'] })
export class Receipt {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  valueDate!: string;

  @Property({ type: new BigIntType('number') })
  amount!: number;

  @Property({ type: 'text' })
  memo!: string;

  @Property({ type: 'text', nullable: true })
  payerName?: string | null;

  @Property({ length: 64, unique: true })
  bankRef!: string;

  /** The statement's own unit code column, as given. */
  @Property({ length: 10, nullable: true })
  statementUnitCode?: string | null;

  @Index()
  @Property({ length: 10 })
  status: ReceiptStatus = 'unmatched';

  /** The employer it is matched to; null on suspense. */
  @Property({ length: 10, nullable: true })
  unitCode?: string | null;

  /** column, reference, unit-code, tax-code, name (suggestion), officer. */
  @Property({ length: 10, nullable: true })
  method?: string | null;

  /** 0–1000 (thousandths). */
  @Property({ type: 'integer' })
  confidenceMilli = 0;

  @Property({ length: 10, nullable: true })
  suggestion?: string | null;

  @Index()
  @Property({ length: 36 })
  batchId!: string;

  /**
   * The office an officer sent this receipt to (its employer is theirs): it sits in that office's
   * queue, not in the sender's. Null: the queue follows the employer, the suggestion, or everyone's.
   */
  @Property({ length: 5, nullable: true })
  forwardedTo?: string | null;
}
