import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Problem } from '../../infrastructure/excel/problem.js';

export const IMPORT_STATUSES = [
  'queued',
  'parsing',
  'validated',
  'committing',
  'committed',
  'rejected',
  'failed',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * One uploaded workbook: the file kept byte for byte under its SHA-256 (the same file twice is the same
 * batch), its kind, where it is in `queued → parsing → validated → committed | rejected | failed`, and
 * every problem found.
 */
@Entity({ tableName: 'import_batch' })
export class ImportBatch {
  @PrimaryKey({ length: 36 })
  id!: string;

  /** The kind its headers say it is (or the officer's choice when the headers say nothing clear). */
  @Property({ length: 20 })
  kind!: string;

  /**
   * The kind the officer chose when it disagrees with the headers (null: no choice or the same). The
   * headers win and the disagreement is shown as a warning (KIND_HINT_IGNORED).
   */
  @Property({ length: 20, nullable: true })
  kindHint?: string | null;

  /** The import set this file came in (every upload is one; a file uploaded again joins the newer set). */
  @Index()
  @Property({ length: 36, nullable: true })
  setId?: string | null;

  /**
   * The offices the uploader may write, fixed at upload (null: every office — an admin). A row of an
   * employer (or naming an office) outside them is a row error.
   */
  @Property({ type: 'json', nullable: true })
  writeScope?: string[] | null;

  @Property({ length: 64, unique: true })
  sha256!: string;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text' })
  storedPath!: string;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ length: 7, nullable: true })
  period?: string | null;

  /** The user who uploaded it (null for batches from before sign-in existed). */
  @Index()
  @Property({ length: 36, nullable: true })
  uploadedBy?: string | null;

  @Index()
  @Property({ length: 12 })
  status: ImportStatus = 'queued';

  /** Rows that parsed into valid records. */
  @Property({ type: 'integer' })
  validRows = 0;

  /** Rows refused (row problems). */
  @Property({ type: 'integer' })
  invalidRows = 0;

  @Property({ type: 'integer' })
  committedRows = 0;

  /** How many times the file was parsed again after a refusal (with another kind or period). */
  @Property({ type: 'integer' })
  parseRound = 0;

  /** Warnings among the problems (the row still commits: an ignored column, a normalised value…). */
  @Property({ type: 'integer' })
  warningCount = 0;

  /** Progress of the job at work on it: rows read from the file, rows checked, rows written. */
  @Property({ type: 'integer' })
  rowsRead = 0;

  @Property({ type: 'integer' })
  rowsChecked = 0;

  @Property({ type: 'integer' })
  rowsWritten = 0;

  /** Every problem up to a cap (the count says how many there were). */
  @Property({ type: 'json' })
  problems: Problem[] = [];

  @Property({ type: 'integer' })
  problemCount = 0;

  @Property({ type: 'text', nullable: true })
  message?: string | null;

  /** Which step of a `failed` batch failed: its check (`parse`) or its commit; a retry runs it again. */
  @Property({ length: 10, nullable: true })
  failedStep?: 'parse' | 'commit' | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
