import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type RunStatus = 'running' | 'completed' | 'failed';

/** One nightly run (or a re-run of a day): its progress and, at the end, its report. */
@Entity({ tableName: 'nightly_run' })
export class NightlyRun {
  @PrimaryKey({ length: 36 })
  id!: string;

  /** The day recomputed (the day that had just ended), `YYYY-MM-DD`. */
  @Index()
  @Property({ length: 10 })
  day!: string;

  @Property({ length: 10 })
  status: RunStatus = 'running';

  /** `cron` or `manual`. */
  @Property({ length: 10 })
  trigger!: string;

  @Property({ type: 'integer' })
  employers = 0;

  @Property({ type: 'integer' })
  chunks = 0;

  @Property({ type: 'integer' })
  chunksDone = 0;

  @Property({ type: 'datetime' })
  startedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;

  /**
   * Whether this run raises, updates and clears flags (domain.md §9): decided when it starts — not when a
   * later day's flags were evaluated already (its snapshots are stored all the same).
   */
  @Property({ type: 'boolean' })
  flagsEvaluated = false;

  /** When flags are not evaluated: the latest day whose flags were, which this run's day is before. */
  @Property({ length: 10, nullable: true })
  flagsLatestDay?: string | null;

  /** Totals per office and for all, flags raised/updated/cleared, failures. */
  @Property({ type: 'json', nullable: true })
  report?: Record<string, unknown> | null;
}
