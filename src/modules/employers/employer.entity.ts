import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An employer unit (`đơn vị`), keyed by its unit code (`mã đơn vị`). */
@Entity({ tableName: 'employer' })
export class Employer {
  @PrimaryKey({ length: 10 })
  unitCode!: string;

  @Property({ type: 'text' })
  name!: string;

  /** `mã số thuế`, normalised (no spaces or hyphens): 10 digits, or 13 for a branch. */
  @Property({ length: 13, nullable: true, index: true })
  taxCode?: string | null;

  @Property({ length: 5, index: true })
  officeCode!: string;

  /** Wage region I–IV. */
  @Property({ length: 3 })
  region!: string;

  /** `monthly`, `quarterly` or `semiannual`. */
  @Property({ length: 12 })
  cycle!: string;

  /** OA (TNLĐ-BNN) rate, basis points: 50, or 30 when reduced. */
  @Property({ type: 'integer' })
  oaRateBp!: number;

  @Property({ length: 12 })
  status!: string;

  /** The import batch that last wrote this employer. */
  @Property({ length: 36, nullable: true })
  batchId?: string | null;
}
