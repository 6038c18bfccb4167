import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { RowIdType } from '../../database/row-id.type.js';

/**
 * One employee participation interval of an employer's roster (dòng D02-LT): months inclusive, an open
 * `toMonth` continues. A later roster batch of the same employer replaces the months it covers.
 */
@Entity({ tableName: 'roster_line' })
@Index({ properties: ['unitCode', 'fromMonth'] })
export class RosterLine {
  @PrimaryKey({ type: RowIdType, autoincrement: true })
  id!: number;

  @Property({ length: 10 })
  unitCode!: string;

  /** Mã số BHXH: 10 digits, leading zeros kept. */
  @Property({ length: 10 })
  siNumber!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: new BigIntType('number') })
  salary!: number;

  /** Sum of the allowance and supplement columns. */
  @Property({ type: new BigIntType('number') })
  allowances!: number;

  @Property({ length: 7 })
  fromMonth!: string;

  @Property({ length: 7, nullable: true })
  toMonth?: string | null;

  @Index()
  @Property({ length: 36 })
  batchId!: string;
}
