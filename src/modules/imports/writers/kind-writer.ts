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

/**
 * Bulk INSERT of plain values straight through the connection, inside the caller's transaction: for the
 * high-volume tables (roster lines, receipts) the ORM's per-entity work costs more than the database
 * does. PostgreSQL gets the rows as one JSON parameter (`json_populate_recordset` over the table's own
 * row type), SQLite multi-row VALUES. Columns are snake_case names; values in database form.
 */
export async function bulkInsert(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  rowsPerStatement = 5000,
): Promise<void> {
  const names = columns.join(', ');
  const conn = em.getConnection();
  const postgres = conn.getPlatform().constructor.name.toLowerCase().includes('postgre');
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const part = rows.slice(i, i + rowsPerStatement);
    if (postgres) {
      const json = JSON.stringify(
        part.map((r) => Object.fromEntries(columns.map((c, k) => [c, r[k] ?? null]))),
      );
      const sql = `insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ?::json)`;
      await conn.execute(sql, [json], 'run', em.getTransactionContext());
    } else {
      // SQLite takes at most 32,766 parameters a statement
      const per = Math.max(1, Math.floor(30000 / columns.length));
      for (let j = 0; j < part.length; j += per) {
        const sub = part.slice(j, j + per);
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        const sql = `insert into ${table} (${names}) values ${sub.map(() => tuple).join(', ')}`;
        await conn.execute(sql, sub.flat(), 'run', em.getTransactionContext());
      }
    }
  }
}
