import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import {
  type Problem,
  ProblemCode,
  WorkbookRejectedError,
} from '../../infrastructure/excel/problem.js';
import { Clock } from '../../infrastructure/clock.js';
import { HeapGuard } from '../../infrastructure/heap-guard.js';
import { ShutdownSignal, ShuttingDownError } from '../../infrastructure/shutdown-signal.js';
import { UnrecoverableError } from 'bullmq';
import { PermanentJobError } from '../../infrastructure/queue/job-errors.js';
import { EmployerDirectory, EmployerRegistryWriter } from '../employers/index.js';
import { LedgerFactsWriter } from '../ledger-facts/index.js';
import { OfficesService } from '../offices/index.js';
import { ImportBatch } from './import-batch.entity.js';
import { ImportSet } from './import-set.entity.js';
import { commitRank } from './commit-order.js';
import { openRowSpill, type RowSpill, RowSpillDamaged, RowSpillWriter } from './row-spill.js';
import { IMPORT_SCHEMAS } from './schema/kinds.js';
import { readWorkbook } from './schema/read-workbook.js';
import type { ImportKind, RecordOf } from './schema/records.js';
import { workbookLimits } from './workbook-limits.js';
import {
  type FileChecks,
  withPendingEmployers,
  writerFor,
  type WriterStores,
  type WriteScope,
} from './writers/index.js';

const STORED_PROBLEMS = 1000;
/** Rows a write takes at least (the reader yields ~1,000 at a time; fewer, larger statements are cheaper). */
const WRITE_ROWS = 5000;

/**
 * Parses (validates) and commits import batches; run by the import jobs. The batch row is this module's;
 * the facts a batch brings are written through their owners (ledger facts, the employer registry).
 */
@Injectable()
export class ImportPipeline {
  private readonly stores: WriterStores;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    facts: LedgerFactsWriter,
    registry: EmployerRegistryWriter,
    employers: EmployerDirectory,
    offices: OfficesService,
    private readonly clock: Clock,
    private readonly shutdown: ShutdownSignal = new ShutdownSignal(),
  ) {
    this.stores = { facts, registry, employers, offices };
  }

  private async load(batchId: string): Promise<{ em: EntityManager; batch: ImportBatch }> {
    const em = this.em.fork();
    const batch = await em.findOne(ImportBatch, { id: batchId });
    if (!batch) throw new PermanentJobError(`import ${batchId} does not exist`, 'IMPORT_NOT_FOUND');
    return { em, batch };
  }

  /**
   * Streams the file through the kind's schema and the writer's checks (without writing): counts valid
   * and refused rows, keeps the problems, and keeps what the end-of-file checks found beside the upload
   * for the commit (FileChecks). Idempotent: a batch already parsed is left as it is.
   */
  async parse(
    batchId: string,
    attempt: Attempt = { made: 0, of: 1 },
  ): Promise<ImportBatch | 'wait'> {
    const { em, batch } = await this.load(batchId);
    if (!['queued', 'parsing'].includes(batch.status)) return batch;
    try {
      return await this.parseLoaded(em, batch);
    } catch (err) {
      // a fault (not bad data: that is `rejected`): only the last attempt says failed, and a retry
      // from the API checks the file again
      const why = (err as Error).message;
      em.clear();
      const last = attempt.made + 1 >= attempt.of || err instanceof UnrecoverableError;
      await em.nativeUpdate(
        ImportBatch,
        { id: batchId, status: { $in: ['queued', 'parsing'] } },
        last
          ? { status: 'failed', failedStep: 'parse', message: `The check failed: ${why}` }
          : {
              message: `The check failed; retrying (attempt ${attempt.made + 2} of ${attempt.of}): ${why}`,
            },
      );
      throw err;
    }
  }

  private async parseLoaded(em: EntityManager, batch: ImportBatch): Promise<ImportBatch | 'wait'> {
    const pending = await this.pendingEmployers(em, batch);
    if (pending === 'wait') return 'wait';
    batch.status = 'parsing';
    await em.flush();
    const tally = new Tally();
    kindHintWarning(batch).forEach(tally.keep);
    const stores = {
      ...this.stores,
      employers: withPendingEmployers(this.stores.employers, pending),
    };
    const writer = writerFor(
      batch.kind as ImportKind,
      stores,
      batch.id,
      tally.keep,
      { job: 'parse' },
      scopeOf(batch),
    );
    const heap = this.heapGuard();
    const progress = this.progress(batch.id, true);
    // the valid rows as the commit writes them, kept so that the commit need not read the file again
    const spill = writer.keepsRows ? await RowSpillWriter.create(this.spillPath(batch)) : null;
    try {
      await writer.prepare(em);
      for await (const step of this.read(batch)) {
        const rowErrors = tally.rowErrors;
        step.problems.forEach(tally.keep);
        progress.read += step.records.length + (tally.rowErrors - rowErrors);
        const accepted = await writer.accept(step.records, em);
        tally.valid += accepted.length;
        if (spill) await spill.append((into) => writer.keepText(accepted, into));
        progress.checked += step.records.length;
        await progress.report();
        heap.check();
      }
      tally.valid -= writer.endChecks();
      await this.keepChecks(batch, writer.fileChecks());
      const meta = spill && (await writer.keptMeta(em));
      if (meta) await spill!.finish({ kind: batch.kind, period: batch.period ?? null, meta });
    } catch (err) {
      if (!(err instanceof WorkbookRejectedError)) throw err;
      return this.rejected(em, batch, err);
    } finally {
      writer.close();
      await spill?.abort(); // unless finished: nothing half-written is left for the commit
    }
    Object.assign(
      batch,
      {
        status: 'validated',
        message: null,
        rowsRead: progress.read,
        rowsChecked: progress.checked,
      },
      tally.summary(),
    );
    await em.flush();
    return batch;
  }

  /**
   * Commits the valid rows in one transaction, checking them again; a failure leaves the database as it
   * was. Re-running a committed batch changes nothing. One write is kept in flight while the next rows
   * are read and checked, so a database server (PostgreSQL) inserts on its own core while the file is
   * read on ours.
   */
  async commit(batchId: string, attempt: Attempt = { made: 0, of: 1 }): Promise<CommitResult> {
    const { em, batch } = await this.load(batchId);
    if (batch.status === 'committed') return { batch, affectedUnits: [] };
    batch.status = 'committing';
    await em.flush();
    const kept = await this.keptRows(batch);
    if (kept) {
      try {
        return await this.commitLoaded(em, batch, attempt, kept);
      } catch (err) {
        if (!(err instanceof KeptRowsUnusable)) throw err;
        // rolled back: the kept rows no longer stand for the file; read it again
        em.clear();
        return this.commitLoaded(em, await em.findOneOrFail(ImportBatch, { id: batchId }), attempt);
      }
    }
    return this.commitLoaded(em, batch, attempt);
  }

  /**
   * The commit, from the rows the parse kept (`kept`, when their meta still holds: see
   * KindWriter.takeKept) or by reading the file again. From kept rows the batch keeps the parse's
   * problems and counts, which reading the file would have found again.
   */
  private async commitLoaded(
    em: EntityManager,
    batch: ImportBatch,
    attempt: Attempt,
    kept: RowSpill<unknown> | null = null,
  ): Promise<CommitResult> {
    const tally = new Tally();
    kindHintWarning(batch).forEach(tally.keep);
    const carried = kept ? null : await this.keptChecks(batch);
    const writer = writerFor(
      batch.kind as ImportKind,
      this.stores,
      batch.id,
      tally.keep,
      { job: 'commit', carried },
      scopeOf(batch),
    );
    let committed = 0;
    // SQLite has one writer: progress is told after the commit; PostgreSQL is told as it goes
    const progress = this.progress(batch.id, this.config.database.kind !== 'sqlite');
    let fromKept = false;
    try {
      await em.transactional(async (tx) => {
        await writer.prepare(tx);
        if (kept && (await writer.takeKept(kept.meta, tx))) {
          fromKept = true;
          Object.assign(progress, { read: batch.rowsRead ?? 0, checked: batch.rowsChecked ?? 0 });
          await progress.report();
          try {
            const heap = this.heapGuard();
            if (kept.rows)
              committed += await writer.writeKept(tx, (reading) =>
                telling(checkingHeap(kept.chunks(reading), heap), progress, this.shutdown),
              );
          } catch (err) {
            if (err instanceof RowSpillDamaged) throw new KeptRowsUnusable(err.message);
            throw err;
          }
          if (committed !== kept.rows) throw new KeptRowsUnusable('kept rows miscounted');
          progress.written = committed;
          committed += await writer.finish(tx);
          return;
        }
        if (kept) throw new KeptRowsUnusable('the registry moved since the parse');
        const inFlight = new InFlight();
        const heap = this.heapGuard();
        let rows: RecordOf<ImportKind>[] = [];
        const write = (part: RecordOf<ImportKind>[]) => inFlight.next(() => writer.write(tx, part));
        try {
          for await (const step of this.read(batch)) {
            const rowErrors = tally.rowErrors;
            step.problems.forEach(tally.keep);
            progress.read += step.records.length + (tally.rowErrors - rowErrors);
            const accepted = await writer.accept(step.records, tx);
            progress.checked += step.records.length;
            tally.valid += accepted.length;
            rows.push(...accepted);
            if (rows.length >= WRITE_ROWS) {
              committed += await write(rows);
              rows = [];
            }
            progress.written = committed;
            await progress.report();
            heap.check();
            this.shutdown.check(); // SIGTERM: stop here, roll back, hand the job back
          }
          if (rows.length) committed += await write(rows);
          committed += await inFlight.next(() => writer.finish(tx));
          committed += await inFlight.settle();
        } finally {
          await inFlight.drain(); // on failure: the rollback must not race a write still running
        }
      });
    } catch (err) {
      if (err instanceof KeptRowsUnusable) throw err; // nothing written: the caller reads the file
      if (err instanceof WorkbookRejectedError)
        return { batch: await this.rejected(em, batch, err), affectedUnits: [] };
      if (err instanceof ShuttingDownError) {
        // rolled back; the job goes back to the queue and another worker commits the batch
        batch.message =
          'Waiting for another worker: the one committing it stopped (nothing was written)';
        await em.flush();
        throw err;
      }
      const why = (err as Error).message;
      if (attempt.made + 1 < attempt.of && !(err instanceof UnrecoverableError)) {
        // another attempt follows: the batch waits as it is, saying so (only the last attempt says failed)
        batch.message = `The commit failed and changed nothing; retrying (attempt ${attempt.made + 2} of ${attempt.of}): ${why}`;
      } else {
        batch.status = 'failed';
        batch.failedStep = 'commit';
        batch.message = `The commit failed and changed nothing: ${why}`;
      }
      await em.flush();
      throw err;
    } finally {
      writer.close();
    }
    // the rows are in: the parse's findings are of no more use (gone before the batch says committed,
    // so whoever sees it committed finds them gone; a retry without them checks as it goes)
    await rm(this.checksPath(batch), { force: true });
    await rm(this.spillPath(batch), { force: true });
    const { validRows: _ignored, ...counts } = tally.summary();
    Object.assign(
      batch,
      {
        status: 'committed',
        committedRows: committed,
        message: null,
        rowsRead: progress.read,
        rowsChecked: progress.checked,
        rowsWritten: committed,
      },
      fromKept ? {} : counts,
    );
    await em.flush();
    return { batch, affectedUnits: [...writer.affectedUnits].sort() };
  }

  /**
   * The employers the registry files of the batch's set will register (the set commits them first):
   * `wait` while one of them is still being checked. Rows naming an unknown office or one outside the
   * registry file's uploader's offices are left out (its commit refuses them).
   */
  private async pendingEmployers(
    em: EntityManager,
    batch: ImportBatch,
  ): Promise<
    { unitCode: string; officeCode: string; name: string; taxCode: string | null }[] | 'wait'
  > {
    if (!batch.setId || batch.kind === 'employers') return [];
    const registries = await em.find(ImportBatch, { setId: batch.setId, kind: 'employers' });
    if (registries.some((b) => b.status === 'queued' || b.status === 'parsing')) return 'wait';
    const offices = await this.stores.offices.codesIn(em);
    const out: { unitCode: string; officeCode: string; name: string; taxCode: string | null }[] =
      [];
    for (const r of registries.filter((b) => b.status === 'validated')) {
      const scope = scopeOf(r);
      for await (const step of this.read(r)) {
        for (const rec of step.records as RecordOf<'employers'>[]) {
          if (!offices.has(rec.officeCode)) continue;
          if (scope !== 'all' && !scope.has(rec.officeCode)) continue;
          out.push({
            unitCode: rec.unitCode,
            officeCode: rec.officeCode,
            name: rec.name,
            taxCode: rec.taxCode ?? null,
          });
        }
      }
    }
    return out;
  }

  /**
   * Commits every validated file of a set in dependency order (employers → c12-summary → receivables →
   * roster → receipts: each file's checks then see what the files before it brought), one transaction per
   * file as a single commit does. Stops at the first file whose commit fails (the set can be committed
   * again: committed files are left as they are). Returns the employers the set changed.
   */
  async commitSet(setId: string): Promise<{ set: ImportSet; affectedUnits: string[] }> {
    const em = this.em.fork();
    const set = await em.findOne(ImportSet, { id: setId });
    if (!set)
      throw new PermanentJobError(`import set ${setId} does not exist`, 'IMPORT_SET_NOT_FOUND');
    const files = (
      await em.find(ImportBatch, { setId }, { fields: ['id', 'kind', 'status', 'createdAt'] })
    )
      .filter((b) => b.status === 'validated' || b.status === 'committing')
      .sort(
        (a, b) => commitRank(a) - commitRank(b) || a.createdAt.getTime() - b.createdAt.getTime(),
      );
    const affected = new Set<string>();
    try {
      for (const f of files) {
        const { affectedUnits } = await this.commit(f.id);
        affectedUnits.forEach((u) => affected.add(u));
      }
    } catch (err) {
      Object.assign(set, {
        status: 'open',
        message: `A file's commit failed; the files before it are committed: ${(err as Error).message}`,
      });
      await em.flush();
      throw err;
    }
    Object.assign(set, {
      status: 'committed',
      message: null,
      affectedUnits: set.affectedUnits + affected.size,
      committedAt: this.clock.now(),
    });
    await em.flush();
    return { set, affectedUnits: [...affected].sort() };
  }

  private async rejected(
    em: EntityManager,
    batch: ImportBatch,
    err: WorkbookRejectedError,
  ): Promise<ImportBatch> {
    const problems = [...kindHintWarning(batch), ...err.problems];
    Object.assign(batch, {
      status: 'rejected',
      problems: problems.slice(0, STORED_PROBLEMS),
      problemCount: problems.length,
      warningCount: problems.filter((p) => p.level === 'info').length,
      message: err.problems[0]?.message ?? err.message,
      validRows: 0,
      invalidRows: 0,
    });
    await em.flush();
    return batch;
  }

  /**
   * Counts of the job at work, written to the batch (through a handle of its own, outside any commit
   * transaction) at most every half second while `live`.
   */
  private progress(batchId: string, live: boolean): Progress {
    let last = Date.now();
    const p: Progress = {
      read: 0,
      checked: 0,
      written: 0,
      report: async (now = false) => {
        if (!live || (!now && Date.now() - last < 500)) return;
        last = Date.now();
        await this.em
          .fork()
          .nativeUpdate(
            ImportBatch,
            { id: batchId },
            { rowsRead: p.read, rowsChecked: p.checked, rowsWritten: p.written },
          );
      },
    };
    return p;
  }

  private heapGuard(): HeapGuard {
    return new HeapGuard(this.config.limits.importHeapBytes);
  }

  private checksPath(batch: ImportBatch): string {
    return `${batch.storedPath}.${batch.id}.checks.json`;
  }

  private spillPath(batch: ImportBatch): string {
    return `${batch.storedPath}.${batch.id}.rows`;
  }

  /** The rows the parse kept, when they are of this kind and period (null: none, or unusable). */
  private async keptRows(batch: ImportBatch): Promise<RowSpill<unknown> | null> {
    const spill = await openRowSpill<{ kind: string; period: string | null; meta: unknown }>(
      this.spillPath(batch),
    );
    if (!spill || spill.meta.kind !== batch.kind || spill.meta.period !== (batch.period ?? null))
      return null;
    return { rows: spill.rows, meta: spill.meta.meta, chunks: spill.chunks };
  }

  /** Beside the upload (where every worker finds it), written whole or not at all. */
  private async keepChecks(batch: ImportBatch, checks: FileChecks | null): Promise<void> {
    const path = this.checksPath(batch);
    if (!checks) return rm(path, { force: true });
    const kept = { kind: batch.kind, period: batch.period ?? null, ...checks };
    await writeFile(`${path}.tmp`, JSON.stringify(kept));
    await rename(`${path}.tmp`, path);
  }

  /** The parse's FileChecks for this kind and period; null when there are none (the commit then checks as it goes). */
  private async keptChecks(batch: ImportBatch): Promise<FileChecks | null> {
    try {
      const kept = JSON.parse(await readFile(this.checksPath(batch), 'utf8')) as FileChecks & {
        kind: string;
        period: string | null;
      };
      if (kept.kind !== batch.kind || kept.period !== (batch.period ?? null)) return null;
      return { refusedRows: kept.refusedRows };
    } catch {
      return null; // missing or unreadable: checking again is always safe
    }
  }

  private read(batch: ImportBatch) {
    return readWorkbook(batch.storedPath, batch.kind as ImportKind, {
      limits: workbookLimits(this.config),
      fileName: batch.fileName,
      period: batch.period ?? undefined,
    });
  }
}

interface Progress {
  read: number;
  checked: number;
  written: number;
  /** Tells the batch's progress (on PostgreSQL: at most every 500 ms, unless `now`). */
  report(now?: boolean): Promise<void>;
}

/** The warning a batch carries when the officer chose another kind than its headers show. */
export function kindHintWarning(batch: Pick<ImportBatch, 'kind' | 'kindHint'>): Problem[] {
  if (!batch.kindHint || batch.kindHint === batch.kind) return [];
  const label = (k: string) => IMPORT_SCHEMAS[k as ImportKind]?.label ?? k;
  return [
    {
      level: 'info',
      sheet: null,
      row: null,
      column: null,
      code: ProblemCode.KIND_HINT_IGNORED,
      message: `Imported as a ${label(batch.kind)}, as its header row shows, not as the ${label(batch.kindHint)} chosen with the upload.`,
      details: { hint: batch.kindHint, kind: batch.kind },
    },
  ];
}

/** The offices the batch's uploader may write (`all`: an admin, or a batch from before scopes were kept). */
function scopeOf(batch: ImportBatch): WriteScope {
  return batch.writeScope ? new Set(batch.writeScope) : 'all';
}

/**
 * The chunks, with the heap checked after each is taken (SQLite turns each into statements), and the
 * chunks already written let go every few megabytes (see HeapGuard.collectYoung).
 */
async function* checkingHeap(
  chunks: AsyncIterable<Buffer>,
  heap: HeapGuard,
): AsyncIterable<Buffer> {
  let bytes = 0;
  for await (const c of chunks) {
    yield c;
    heap.check();
    bytes += c.length;
    if (bytes >= YOUNG_EVERY_BYTES) {
      heap.collectYoung();
      bytes = 0;
    }
  }
}

/**
 * Kept lines streamed between young collections. At 16 MB a 1M-line commit into COPY raised the import's
 * peak RSS 10–25 MB above its parse's (217–232 against 207–213 MB); at 4 MB it stays at the parse's
 * (207–210), for ~0.3 CPU s more over the 1M lines (bench/RESULTS.md).
 */
const YOUNG_EVERY_BYTES = 4 * 1024 * 1024;

/**
 * The kept lines' chunks as the commit writes them, with the batch's progress told (the first chunk at
 * once, then every 500 ms) and a stop asked for checked after each: on SIGTERM the commit stops there,
 * rolls back and hands its job back, as it does when it reads the workbook.
 */
async function* telling(
  chunks: AsyncIterable<Buffer>,
  progress: Progress,
  shutdown: ShutdownSignal,
): AsyncIterable<Buffer> {
  let first = true;
  for await (const c of chunks) {
    yield c;
    for (let i = c.indexOf(0x0a); i !== -1; i = c.indexOf(0x0a, i + 1)) progress.written++;
    await progress.report(first);
    first = false;
    shutdown.check();
  }
}

/** The kept rows cannot be used (damaged, or the registry moved since the parse): read the file. */
class KeptRowsUnusable extends Error {}

/** Which attempt of a job this is: `made` attempts before this one, `of` in all. */
export interface Attempt {
  made: number;
  of: number;
}

export interface CommitResult {
  batch: ImportBatch;
  /** Units whose data the commit changed, to reconcile. */
  affectedUnits: string[];
}

/**
 * At most one write outstanding: `next` waits for the previous write, starts the given one and returns
 * the previous one's count; `settle` waits for the last. A write that fails is reported at the next
 * call (or by `settle`), never left as an unhandled rejection.
 */
class InFlight {
  private pending: Promise<number> = Promise.resolve(0);

  async next(start: () => Promise<number>): Promise<number> {
    const done = await this.pending;
    this.pending = start();
    this.pending.catch(() => undefined);
    return done;
  }

  settle(): Promise<number> {
    const last = this.pending;
    this.pending = Promise.resolve(0);
    return last;
  }

  /** Waits for the outstanding write, whatever its outcome (the error that matters is elsewhere). */
  async drain(): Promise<void> {
    await this.settle().catch(() => undefined);
  }
}

/** Problems (up to a cap) and counts of one pass over a batch. */
class Tally {
  readonly problems: Problem[] = [];
  problemCount = 0;
  warningCount = 0;
  valid = 0;
  private readonly refusedRows = new Set<string>();

  readonly keep = (p: Problem): void => {
    this.problemCount++;
    if (p.level === 'info') this.warningCount++;
    if (this.problems.length < STORED_PROBLEMS) this.problems.push(p);
    if (p.level === 'row') this.refusedRows.add(`${p.sheet}:${p.row}`);
  };

  /** Rows refused so far. */
  get rowErrors(): number {
    return this.refusedRows.size;
  }

  summary() {
    return {
      problems: this.problems,
      problemCount: this.problemCount,
      warningCount: this.warningCount,
      validRows: this.valid,
      invalidRows: this.refusedRows.size,
    };
  }
}
