import type { CopyTextBuffer } from '../../../database/bulk-insert.js';
import type { Tx } from '../../../database/transaction.js';
import { type Problem, ProblemCode } from '../../../infrastructure/excel/problem.js';
import type { EmployerDirectory, EmployerRegistryWriter } from '../../employers/index.js';
import type { LedgerFactsWriter } from '../../ledger-facts/index.js';
import type { OfficesService } from '../../offices/index.js';
import type { RowPosition } from '../schema/column-schema.js';

/**
 * What one kind of workbook does beyond parsing: the checks that need the database or earlier rows of
 * the same file (unknown unit, duplicate bank reference, overlapping roster lines…), and the writing of
 * accepted rows. The parse job runs only the checks, so the officer sees every problem before
 * committing; the commit job runs the same checks again (the data may have moved) and writes.
 *
 * A writer reads and writes no table itself: it goes through the owners (`stores`), handing them the
 * handle it was given — the parse's, or the commit's transaction, so a batch lands whole or not at all.
 */
export abstract class KindWriter<R extends RowPosition> {
  /** Units whose data this batch changed (to reconcile afterwards). */
  readonly affectedUnits = new Set<string>();

  constructor(
    protected readonly stores: WriterStores,
    protected readonly batchId: string,
    protected readonly report: (p: Problem) => void,
    protected readonly pass: WriterPass = { job: 'parse' },
    protected readonly scope: WriteScope = 'all',
  ) {}

  /** Whether the uploader may write data of this office (admins: every office). */
  protected mayWrite(officeCode: string): boolean {
    return this.scope === 'all' || this.scope.has(officeCode);
  }

  /**
   * Refuses the records whose employer is registered in an office the uploader may not write (nobody
   * writes another office's data); unknown units are left to the kind's own check.
   */
  protected async inScope<T extends RowPosition & { unitCode?: string | null }>(
    records: readonly T[],
    em: Tx,
  ): Promise<T[]> {
    if (this.scope === 'all') return [...records];
    const units = [...new Set(records.map((r) => r.unitCode).filter((u): u is string => !!u))];
    const offices = await this.stores.employers.officesOf(units, em);
    return records.filter((r) => {
      const office = r.unitCode ? offices.get(r.unitCode) : undefined;
      if (office === undefined || this.mayWrite(office)) return true;
      this.refuseOutside(r, `Unit ${r.unitCode} belongs to office ${office}`);
      return false;
    });
  }

  protected refuseOutside(r: RowPosition, what: string): void {
    const mine = this.scope === 'all' ? [] : [...this.scope].sort();
    this.refuse(
      r,
      ProblemCode.OUTSIDE_OFFICE_SCOPE,
      `${what}, outside your offices (${mine.join(', ') || 'none'}): the row is not imported. Its office, or an administrator, imports it`,
    );
  }

  /** Loads what the checks need (known units, offices…). */
  abstract prepare(em: Tx): Promise<void>;

  /** The records that pass; the others are reported as row problems. */
  abstract accept(records: readonly R[], em: Tx): Promise<R[]>;

  /** Writes accepted records in bulk; returns rows written. */
  abstract write(tx: Tx, records: readonly R[]): Promise<number>;

  /** After the last chunk when only checking (parse): end-of-file checks; returns rows refused by them. */
  endChecks(): number {
    return 0;
  }

  /** What the parse's end-of-file checks found, kept for the commit (null: nothing to keep). */
  fileChecks(): FileChecks | null {
    return null;
  }

  /** Whether the parse keeps this kind's accepted rows for the commit (see row-spill.ts). */
  get keepsRows(): boolean {
    return false;
  }

  /**
   * Writes the accepted records' rows as the commit writes them (COPY text lines) into `into`, to keep;
   * returns how many.
   */
  keepText(_records: readonly R[], _into: CopyTextBuffer): number {
    return 0;
  }

  /**
   * At the end of the parse (after `endChecks`): what the commit needs beside the kept rows, as plain
   * JSON; null when the kept rows cannot stand for the file (the commit then reads it again).
   */
  keptMeta(_em: Tx): Promise<unknown> {
    return Promise.resolve(null);
  }

  /**
   * In the commit, after `prepare`: takes over the parse's `meta` when nothing its checks depended on has
   * moved since, so the kept rows are exactly what reading the file again would accept; false (and
   * nothing taken) otherwise.
   */
  takeKept(_meta: unknown, _tx: Tx): Promise<boolean> {
    return Promise.resolve(false);
  }

  /**
   * Writes the kept rows (whole COPY text lines, in chunks; `reused`: read into the same memory, each
   * good until the next is asked for: see RowSpill.chunks); returns rows written.
   */
  writeKept(_tx: Tx, _text: KeptText): Promise<number> {
    return Promise.reject(new Error('this kind keeps no rows'));
  }

  /** Lets go of what the checks hold outside the heap (temporary files); called whatever happened. */
  close(): void {}

  /** After the last chunk, inside the commit transaction: replacements keyed on what the batch covered. */
  async finish(_tx: Tx): Promise<number> {
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

/**
 * Rows the parse's end-of-file checks refused, by sheet: what they found depends on the file alone, so
 * the commit takes it over instead of holding the whole file's worth of state to find it again.
 */
export interface FileChecks {
  refusedRows: Record<string, number[]>;
}

/** The kept rows' chunks, read afresh each (default) or into the same memory (see RowSpill.chunks). */
export type KeptText = (reading?: { reused?: boolean }) => AsyncIterable<Buffer>;

/** Which job runs a writer. The commit gets the parse's FileChecks when they were kept (null: not). */
export type WriterPass = { job: 'parse' } | { job: 'commit'; carried: FileChecks | null };

/** The offices a batch's uploader may write: `all` for an admin. */
export type WriteScope = 'all' | ReadonlySet<string>;

/** The owners the writers read and write through (injected into the import pipeline). */
export interface WriterStores {
  facts: LedgerFactsWriter;
  registry: EmployerRegistryWriter;
  employers: RegistryReads;
  offices: OfficesService;
}

/** What the writers read of the employer registry. */
export type RegistryReads = Pick<
  EmployerDirectory,
  'knownUnitCodes' | 'officesOf' | 'matchingKeys'
>;

/**
 * The registry as it will be once the employer registry files checked in the same import set are
 * committed (the set commits them first): what a set's rosters, receivables, C12 and receipts are
 * checked against before the set's commit, so their employers are not reported unknown.
 */
export function withPendingEmployers(
  directory: RegistryReads,
  pending: readonly {
    unitCode: string;
    officeCode: string;
    name: string;
    taxCode: string | null;
  }[],
): RegistryReads {
  if (!pending.length) return directory;
  const byUnit = new Map(pending.map((e) => [e.unitCode, e]));
  return {
    knownUnitCodes: async (em) => {
      const known = await directory.knownUnitCodes(em);
      for (const u of byUnit.keys()) known.add(u);
      return known;
    },
    officesOf: async (units, em) => {
      const out = await directory.officesOf(units, em);
      for (const u of units) {
        const e = byUnit.get(u);
        if (e && !out.has(u)) out.set(u, e.officeCode);
      }
      return out;
    },
    matchingKeys: async (em) => {
      const keys = await directory.matchingKeys(em);
      const seen = new Set(keys.map((k) => k.unitCode));
      for (const e of byUnit.values()) {
        if (!seen.has(e.unitCode))
          keys.push({ unitCode: e.unitCode, taxCode: e.taxCode, name: e.name });
      }
      return keys;
    },
  };
}
