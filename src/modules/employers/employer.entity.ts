import type { Opt } from '@mikro-orm/core';
import {
  BeforeCreate,
  BeforeUpdate,
  Entity,
  PrimaryKey,
  Property,
} from '@mikro-orm/decorators/legacy';
import { searchKey } from '../../domain/matching-search.js';

/** An employer unit (`đơn vị`), keyed by its unit code (`mã đơn vị`). */
@Entity({ tableName: 'employer' })
export class Employer {
  @PrimaryKey({ length: 10 })
  unitCode!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The name's accent-blind search key (`searchKey`, domain/matching-search.ts), written with the name. */
  @Property({ type: 'text', default: '', index: true })
  searchKey: Opt<string> = '';

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

  /** The search key follows the name however the employer is written (the registry writer sets it too). */
  @BeforeCreate()
  @BeforeUpdate()
  keyTheName(): void {
    this.searchKey = searchKey(this.name);
  }
}
