import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export const IMPORT_SET_STATUSES = ['open', 'committing', 'committed'] as const;
export type ImportSetStatus = (typeof IMPORT_SET_STATUSES)[number];

/**
 * The files of one upload (product.md "A month's files at once"): each file keeps its own batch,
 * problems and errors.xlsx; the set is committed in dependency order with one "commit all valid rows",
 * followed by one reconciliation of the employers it changed. A single-file upload is a set of one.
 */
@Entity({ tableName: 'import_set' })
export class ImportSet {
  @PrimaryKey({ length: 36 })
  id!: string;

  @Index()
  @Property({ length: 36, nullable: true })
  createdBy?: string | null;

  @Property({ length: 12 })
  status: ImportSetStatus = 'open';

  @Property({ type: 'integer' })
  fileCount = 0;

  /** Employers the set's commit changed (reconciled once, after the last file). */
  @Property({ type: 'integer' })
  affectedUnits = 0;

  @Property({ type: 'text', nullable: true })
  message?: string | null;

  @Property({ type: 'datetime', nullable: true })
  committedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
