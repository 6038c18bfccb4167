import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

/**
 * One ranked candidate employer of a receipt still unmatched (domain.md §8 step 5): at most five per
 * receipt, rank 1 the best. A suggestion only: nothing is matched from it without an officer.
 */
@Entity({ tableName: 'receipt_suggestion' })
@Unique({ properties: ['receiptId', 'rank'] })
@Index({ properties: ['unitCode'] })
export class ReceiptSuggestion {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ type: new BigIntType('number') })
  receiptId!: number;

  /** 1 (the receipt's `suggestion`) to 5. */
  @Property({ type: 'integer' })
  rank!: number;

  @Property({ length: 10 })
  unitCode!: string;

  /** 0–100. */
  @Property({ type: 'integer' })
  score!: number;

  /** `code-like`, `name`, `amount=overdue`, `amount=period 03/2026`… */
  @Property({ type: 'json' })
  reasons: string[] = [];
}
