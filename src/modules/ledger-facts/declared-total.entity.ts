import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

/** The employer's own declared totals for one period (optional roster sheet); one row per unit and period. */
@Entity({ tableName: 'declared_total' })
@Unique({ properties: ['unitCode', 'period'] })
export class DeclaredTotal {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  unitCode!: string;

  @Property({ length: 7 })
  period!: string;

  /** Tổng cộng, when the sheet had it. */
  @Property({ type: new BigIntType('number'), nullable: true })
  total?: number | null;

  /** Per fund key, whole đồng. */
  @Property({ type: 'json' })
  amounts: Record<string, number> = {};

  @Property({ length: 36 })
  batchId!: string;
}
