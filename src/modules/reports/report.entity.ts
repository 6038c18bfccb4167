import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type ReportStatus = 'running' | 'done';
export type ReportItemStatus = 'pending' | 'done' | 'failed';

/** A bulk report asked for (an office's C12-TS notices for a month): rendered by `report.render` jobs. */
@Entity({ tableName: 'report' })
export class Report {
  @PrimaryKey({ length: 36 })
  id!: string;

  /** `notices`. */
  @Property({ length: 20 })
  kind!: string;

  /** `YYYY-MM`. */
  @Property({ length: 7 })
  period!: string;

  /** The office asked for, or null for a list of employers. */
  @Property({ length: 5, nullable: true })
  officeCode?: string | null;

  @Index()
  @Property({ length: 36 })
  requestedBy!: string;

  @Property({ length: 10 })
  status: ReportStatus = 'running';

  @Property({ type: 'integer' })
  total = 0;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;
}

/** One employer's document of a report: rendered once (idempotent), whatever job or worker does it. */
@Entity({ tableName: 'report_item' })
@Index({ properties: ['reportId', 'status'] })
export class ReportItem {
  @PrimaryKey({ length: 36 })
  reportId!: string;

  @PrimaryKey({ length: 10 })
  unitCode!: string;

  @Property({ length: 10 })
  status: ReportItemStatus = 'pending';

  @Property({ length: 500, nullable: true })
  error?: string | null;
}

/**
 * The late-payment ratio an office or a province is to stay under in a year, set by an administrator
 * (audited): hundredths of a percent, as the ratio is rounded (2.69% is 269).
 */
@Entity({ tableName: 'ratio_target' })
export class RatioTarget {
  /** `office` or `province`. */
  @PrimaryKey({ length: 10 })
  scope!: string;

  @PrimaryKey({ length: 10 })
  code!: string;

  @PrimaryKey({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  percentCenti!: number;

  @Property({ length: 200 })
  setBy!: string;

  @Property({ type: 'datetime' })
  setAt!: Date;
}
