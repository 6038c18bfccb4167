import type { EntityManager } from '@mikro-orm/core';
import type { Problem, ProblemCode } from '../../../infrastructure/excel/problem.js';
import type { RowPosition } from '../schema/column-schema.js';

/**
 * What one kind of workbook does beyond parsing: the checks that need the database or earlier rows of
 * the same file (unknown unit, duplicate bank reference, overlapping roster lines…), and the writing of
 * accepted rows. The parse job runs only the checks, so the officer sees every problem before
 * committing; the commit job runs the same checks again (the data may have moved) and writes.
 */
export abstract class KindWriter<R extends RowPosition> {
  /** Units whose data this batch changed (to reconcile afterwards). */
  readonly affectedUnits = new Set<string>();

  constructor(
    protected readonly batchId: string,
    protected readonly report: (p: Problem) => void,
  ) {}

  /** Loads what the checks need (known units, offices…). */
  abstract prepare(em: EntityManager): Promise<void>;

  /** The records that pass; the others are reported as row problems. */
  abstract accept(records: readonly R[], em: EntityManager): Promise<R[]>;

  /** Writes accepted records in bulk; returns rows written. */
  abstract write(tx: EntityManager, records: readonly R[]): Promise<number>;

  /** After the last chunk when only checking (parse): end-of-file checks; returns rows refused by them. */
  endChecks(): number {
    return 0;
  }

  /** After the last chunk, inside the commit transaction: replacements keyed on what the batch covered. */
  async finish(_tx: EntityManager): Promise<number> {
    return 0;
  }

  protected refuse(
    r: RowPosition,
    code: ProblemCode,
    message: string,
    column: string | null = null,
  ): void {
    this.report({ level: 'row', sheet: r.sheet, row: r.row, column, code, message });
  }

  protected note(r: RowPosition, code: ProblemCode, message: string): void {
    this.report({ level: 'info', sheet: r.sheet, row: r.row, column: null, code, message });
  }
}

/** Unit codes of registered employers. */
export async function knownUnitCodes(em: EntityManager): Promise<Set<string>> {
  const rows = (await em
    .getConnection()
    .execute('select unit_code from employer', [], 'all', em.getTransactionContext())) as {
    unit_code: string;
  }[];
  return new Set(rows.map((r) => r.unit_code));
}

/** Splits into chunks of at most `size` (bulk statements stay under the drivers' parameter limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
