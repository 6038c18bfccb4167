import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Writable } from 'node:stream';
import {
  EntityManager,
  type FilterQuery,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { writeErrorsWorkbook } from '../../infrastructure/excel/errors-workbook.js';
import { NotFoundError } from '../../infrastructure/http/app-error.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { Actor } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import type { AuthUser } from '../access/index.js';
import { type Problem, ProblemCode } from '../../infrastructure/excel/problem.js';
import { UsersService } from '../auth/index.js';
import { ImportBatch, type ImportStatus } from './import-batch.entity.js';
import { ImportSet } from './import-set.entity.js';
import { commitRank } from './commit-order.js';
import { detectWorkbook, periodInFileName } from './schema/detect-kind.js';
import {
  ImportAlreadyUploadedError,
  ImportCheckUnfinishedError,
  ImportCursorInvalidError,
  ImportNotCommittableError,
  ImportNotRetryableError,
  ImportSetNotReadyError,
  UnknownImportKindError,
} from './imports.errors.js';
import { workbookLimits } from './workbook-limits.js';
import { IMPORT_KINDS, type ImportKind } from './schema/records.js';

export interface Upload {
  originalName: string;
  bytes: Buffer;
  /** The kind the officer chose for it, if any (a hint: the headers decide). */
  hint?: string;
}

/** Receives uploads as batches and hands them to the import jobs. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobProducer,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Receives one upload of one or more files as an import set: each file becomes (or is again) a batch
   * of the set, its kind recognised from its headers (each upload's `hint` is the kind the officer chose;
   * the headers win and a disagreement is kept on the batch as a warning), the c12-summary period from
   * its title rows, else the form's `period`, else its file name.
   */
  async receiveSet(
    uploads: readonly Upload[],
    user: AuthUser,
    actor: Actor,
    period?: string,
  ): Promise<{ set: ImportSet; batches: ImportBatch[] }> {
    for (const { hint } of uploads) {
      if (hint && !(IMPORT_KINDS as readonly string[]).includes(hint))
        throw new UnknownImportKindError(hint);
    }
    await this.jobs.assertAvailable(); // Redis away: 503 at once, nothing stored
    const em = this.em.fork();
    const set = Object.assign(new ImportSet(), {
      id: randomUUID(),
      createdBy: user.id,
      fileCount: uploads.length,
    });
    await em.persist(set).flush();
    const batches: ImportBatch[] = [];
    // every file is in the set before any is parsed: a file's parse looks for the set's registry files
    const parses: [string, number][] = [];
    for (const upload of uploads) {
      batches.push(
        await this.receive(
          upload,
          user,
          actor,
          set.id,
          (upload.hint || null) as ImportKind | null,
          parses,
          period,
        ),
      );
    }
    for (const [id, round] of parses) await this.enqueueParse(id, round);
    return { set, batches };
  }

  /**
   * Keeps the file byte for byte under its SHA-256 and adds its parsing to `parses` (queued once the
   * whole set is in). The same file again is the same batch (it joins the newer set; nothing queued
   * twice) — except that a batch refused as uploaded (no kind recognised, no period) is parsed again
   * when the same file comes with another kind or period.
   */
  private async receive(
    upload: Upload,
    user: AuthUser,
    actor: Actor,
    setId: string,
    hint: ImportKind | null,
    parses: [string, number][],
    period?: string,
  ): Promise<ImportBatch> {
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const em = this.em.fork();
    const existing = await em.findOne(ImportBatch, { sha256 });
    if (existing) {
      if (!(await this.mayRead(user, existing))) throw new ImportAlreadyUploadedError();
      existing.setId = setId;
      // queued but maybe never enqueued (Redis hiccup): enqueue again; the job id makes it a no-op otherwise
      if (existing.status === 'queued') parses.push([existing.id, existing.parseRound]);
      if (existing.status === 'rejected') {
        const detected = await detectWorkbook(existing.storedPath, {
          limits: workbookLimits(this.config),
          hint,
        });
        const kind = detected.kind ?? hint ?? existing.kind;
        const newPeriod = detected.period ?? period ?? null;
        if (kind !== existing.kind || newPeriod !== (existing.period ?? null)) {
          Object.assign(existing, {
            kind,
            kindHint: hint && hint !== kind ? hint : null,
            period: newPeriod,
            status: 'queued',
            problems: [],
            problemCount: 0,
            warningCount: 0,
            message: null,
          });
          existing.parseRound += 1;
          await em.flush();
          parses.push([existing.id, existing.parseRound]);
        }
      }
      await em.flush();
      await this.recordUpload(actor, existing, true);
      return existing;
    }
    const dir = join(this.config.dataDir, 'uploads');
    await mkdir(dir, { recursive: true });
    // the stored name is ours (hash + a known extension): the uploaded name is never a path
    const ext = ['.xlsx', '.xls'].includes(extname(upload.originalName).toLowerCase())
      ? extname(upload.originalName).toLowerCase()
      : '.bin';
    const storedPath = join(dir, `${sha256}${ext}`);
    await writeFile(storedPath, upload.bytes);
    const detected = await detectWorkbook(storedPath, {
      limits: workbookLimits(this.config),
      hint,
    });
    const kind = detected.kind ?? hint;
    const batch = Object.assign(new ImportBatch(), {
      id: randomUUID(),
      kind: kind ?? 'unknown',
      kindHint: hint && kind && hint !== kind ? hint : null,
      setId,
      sha256,
      fileName: upload.originalName.slice(0, 255),
      storedPath,
      sizeBytes: upload.bytes.length,
      // c12-summary: its title rows, else the form's period, else its file name (else the parse says so)
      period:
        kind === 'c12-summary'
          ? (detected.period ?? period ?? periodInFileName(upload.originalName))
          : (period ?? null),
      uploadedBy: user.id,
      writeScope: user.scope === 'all' ? null : [...user.scope].sort(),
    });
    if (!kind) {
      // no kind recognised and none chosen: refused at once, with what to do
      const problem: Problem = {
        level: 'structural',
        sheet: null,
        row: null,
        column: null,
        code: ProblemCode.NO_HEADER_ROW,
        message: `No header row of any workbook kind (${IMPORT_KINDS.join(', ')}) was found in the first rows of its sheets. Choose the kind with the upload, or download a template.`,
      };
      Object.assign(batch, {
        status: 'rejected',
        problems: [problem],
        problemCount: 1,
        message: problem.message,
      });
    }
    try {
      await em.persist(batch).flush();
    } catch (err) {
      // the same bytes uploaded at the same moment: the other upload's batch is this one
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      if (!(await this.em.fork().findOne(ImportBatch, { sha256 }))) throw err;
      return this.receive(upload, user, actor, setId, hint, parses, period);
    }
    await this.recordUpload(actor, batch, false);
    if (kind) parses.push([batch.id, 0]);
    return batch;
  }

  private recordUpload(actor: Actor, b: ImportBatch, again: boolean): Promise<void> {
    return this.audit.record(actor, {
      action: 'import.upload',
      objectType: 'import',
      objectId: b.id,
      details: {
        kind: b.kind,
        fileName: b.fileName,
        sha256: b.sha256,
        sizeBytes: b.sizeBytes,
        again,
      },
    });
  }

  private async enqueueParse(batchId: string, round = 0): Promise<void> {
    await this.jobs.enqueue('import.parse', { batchId }, { jobId: parseJobId(batchId, round) });
  }

  /**
   * Batches left `queued`, `parsing` or `committing` with no job in Redis (a restart without
   * persistence, a flush, an eviction) are handed to a job again (the same job id: a no-op if the
   * upload's own enqueue comes after); those whose job failed for good are marked failed with its
   * reason. Run at start and on a timer by the worker processes (QueueRecovery).
   */
  async recover(): Promise<{ requeued: string[]; failed: string[] }> {
    const out = { requeued: [] as string[], failed: [] as string[] };
    const em = this.em.fork();
    const stuck = await em.find(
      ImportBatch,
      { status: { $in: ['queued', 'parsing', 'committing'] } },
      { exclude: ['problems'] },
    );
    const queue = this.jobs.queue('imports');
    for (const b of stuck) {
      const committing = b.status === 'committing';
      const jobId = committing ? commitJobId(b.id) : parseJobId(b.id, b.parseRound);
      const job = await queue.getJob(jobId);
      const state = job ? await job.getState() : 'unknown';
      if (state === 'unknown') {
        if (committing) await this.jobs.enqueue('import.commit', { batchId: b.id }, { jobId });
        else await this.jobs.enqueue('import.parse', { batchId: b.id }, { jobId });
        out.requeued.push(b.id);
      } else if (state === 'failed') {
        const what = committing ? 'The commit failed and changed nothing' : 'The check failed';
        await em.nativeUpdate(
          ImportBatch,
          { id: b.id, status: b.status },
          {
            status: 'failed',
            failedStep: committing ? 'commit' : 'parse',
            message: `${what}: ${job!.failedReason ?? 'unknown reason'}`,
          },
        );
        out.failed.push(b.id);
      }
    }
    return out;
  }

  /**
   * The batches the user may read (its own; every batch for an admin), newest first, a page at a time
   * (keyset on upload time and id: a page never repeats or skips a batch as new ones arrive).
   */
  async list(
    user: AuthUser,
    q: {
      limit: number;
      cursor?: string;
      kind?: ImportKind;
      status?: ImportStatus;
      setId?: string;
    },
  ): Promise<{ items: Omit<ImportBatch, 'problems'>[]; nextCursor: string | null }> {
    const where: FilterQuery<ImportBatch>[] = [];
    if (user.role !== 'admin') where.push({ uploadedBy: { $in: await this.colleagues(user) } });
    if (q.setId) where.push({ setId: q.setId });
    if (q.kind) where.push({ kind: q.kind });
    if (q.status) where.push({ status: q.status });
    if (q.cursor) {
      const after = decodeCursor(q.cursor);
      if (!after) throw new ImportCursorInvalidError();
      where.push({
        $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, id: { $lt: after.id } }],
      });
    }
    const rows = await this.em.fork().find(
      ImportBatch,
      { $and: where },
      {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: q.limit + 1,
        exclude: ['problems'], // up to 1,000 a batch; the list shows counts
      },
    );
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
  }

  /**
   * Whose imports a user reads: its own and those of the officers given one of its offices (an office's
   * month is loaded by whoever is at work that day). Read from the users, a few hundred at most.
   */
  private async colleagues(user: AuthUser): Promise<string[]> {
    const ids = new Set([user.id]);
    if (user.offices.length) {
      let cursor: string | undefined;
      do {
        const page = await this.users.list(500, cursor);
        for (const u of page.items) {
          if (u.role === 'officer' && u.offices.some((o) => user.offices.includes(o)))
            ids.add(u.id);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return [...ids];
  }

  /** A batch the user may read (its, its office colleagues', or any for an admin); 404 otherwise. */
  async get(id: string, user: AuthUser): Promise<ImportBatch> {
    const batch = await this.em.fork().findOne(ImportBatch, { id });
    if (!batch || !(await this.mayRead(user, batch))) throw new NotFoundError('Import', id);
    return batch;
  }

  private async mayRead(user: AuthUser, batch: ImportBatch): Promise<boolean> {
    if (canRead(user, batch)) return true;
    return !!batch.uploadedBy && (await this.colleagues(user)).includes(batch.uploadedBy);
  }

  /** A set the user may read (created by it or an office colleague; any for an admin), with its files. */
  async getSet(id: string, user: AuthUser): Promise<{ set: ImportSet; batches: ImportBatch[] }> {
    const em = this.em.fork();
    const set = await em.findOne(ImportSet, { id });
    const mine =
      set &&
      (user.role === 'admin' ||
        (!!set.createdBy && (await this.colleagues(user)).includes(set.createdBy)));
    if (!set || !mine) throw new NotFoundError('ImportSet', id);
    const batches = await em.find(
      ImportBatch,
      { setId: id },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return { set, batches: batches.sort((a, b) => commitRank(a) - commitRank(b)) };
  }

  /**
   * "Commit all valid rows": every validated file of the set, in dependency order, by one job that then
   * reconciles the employers the set changed once. Refused while a file is still being checked.
   */
  async requestSetCommit(id: string, user: AuthUser, actor: Actor): Promise<ImportSet> {
    const { set, batches } = await this.getSet(id, user);
    if (set.status === 'committing') return set;
    const busy = batches.filter((b) => b.status === 'queued' || b.status === 'parsing');
    if (busy.length) throw new ImportSetNotReadyError(id, busy.length);
    const em = this.em.fork();
    await em.nativeUpdate(ImportSet, { id }, { status: 'committing', message: null });
    // files whose commit failed before are validated again while they wait (a file whose check failed
    // is retried on its own first: until then the set commits without it)
    await em.nativeUpdate(
      ImportBatch,
      { setId: id, status: 'failed', $or: [{ failedStep: null }, { failedStep: 'commit' }] },
      { status: 'validated', failedStep: null },
    );
    set.status = 'committing';
    await this.jobs.enqueueAgain('import.commit-set', { setId: id }, `import.commit-set-${id}`);
    await this.audit.record(actor, {
      action: 'import.commit-set',
      objectType: 'import-set',
      objectId: id,
      details: {
        files: batches.length,
        validated: batches.filter((b) => b.status === 'validated').length,
      },
    });
    return set;
  }

  /**
   * Where a batch's errors.xlsx comes from: a small upload's is rendered on the request (`inline`); a
   * large one's is rendered once per parse round by the `import.errors` job (`file` once it is there;
   * `rendering` meanwhile — asked for again here, in case its job was lost). Its rows are the upload's,
   * so the work grows with the file, not with the problems.
   */
  async errorsWorkbook(
    batch: ImportBatch,
  ): Promise<{ kind: 'inline' } | { kind: 'file'; path: string } | { kind: 'rendering' }> {
    if (!this.errorsOffPath(batch)) return { kind: 'inline' };
    const path = this.errorsPath(batch.id, batch.parseRound);
    if (existsSync(path)) return { kind: 'file', path };
    await this.enqueueErrors(batch.id, batch.parseRound);
    return { kind: 'rendering' };
  }

  /** After a check: a large upload with problems gets its errors.xlsx rendered now, by a job. */
  async prepareErrors(batch: ImportBatch): Promise<void> {
    if (this.errorsOffPath(batch)) await this.enqueueErrors(batch.id, batch.parseRound);
  }

  /** The `import.errors` job: renders the workbook beside the uploads (atomically: a temp name, then renamed). */
  async renderErrors(batchId: string, round: number): Promise<void> {
    const batch = await this.em.fork().findOne(ImportBatch, { id: batchId });
    if (!batch || batch.parseRound !== round) return; // checked again since: that round's job renders it
    const path = this.errorsPath(batchId, round);
    if (existsSync(path)) return;
    await mkdir(join(this.config.dataDir, 'errors'), { recursive: true });
    const temp = `${path}.${randomUUID()}.part`;
    try {
      await writeErrorsWorkbook(batch.storedPath, batch.problems, temp, {
        limits: workbookLimits(this.config),
      });
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** A stored errors workbook, to stream. */
  openErrorsFile(path: string) {
    return createReadStream(path);
  }

  private errorsOffPath(batch: ImportBatch): boolean {
    return (
      batch.problemCount > 0 &&
      ['validated', 'rejected', 'committed', 'failed'].includes(batch.status) &&
      batch.rowsRead > this.config.limits.errorsInlineRows
    );
  }

  private errorsPath(batchId: string, round: number): string {
    return join(this.config.dataDir, 'errors', `${batchId}-${round}.xlsx`);
  }

  private async enqueueErrors(batchId: string, round: number): Promise<void> {
    await this.jobs.enqueueAgain(
      'import.errors',
      { batchId, round },
      `import.errors-${batchId}-${round}`,
    );
  }

  /** Streams the errors workbook of a batch (its rows plus an error column) to `out`. */
  async writeErrors(batch: ImportBatch, out: Writable): Promise<void> {
    await writeErrorsWorkbook(batch.storedPath, batch.problems, out, {
      limits: workbookLimits(this.config),
    });
  }

  async requestCommit(id: string, user: AuthUser, actor: Actor): Promise<ImportBatch> {
    const batch = await this.get(id, user);
    if (batch.status === 'committed' || batch.status === 'committing') return batch;
    if (batch.status === 'failed' && batch.failedStep === 'parse')
      throw new ImportCheckUnfinishedError(id);
    if (batch.status !== 'validated' && batch.status !== 'failed')
      throw new ImportNotCommittableError(id, batch.status);
    await this.jobs.assertAvailable(); // Redis away: 503 at once, the batch left as it is
    if (batch.status === 'failed') {
      // asked again: it waits for its commit as a validated batch does (not shown failed meanwhile)
      await this.em
        .fork()
        .nativeUpdate(
          ImportBatch,
          { id, status: 'failed' },
          { status: 'validated', failedStep: null, message: null },
        );
      batch.status = 'validated';
    }
    await this.jobs.enqueueAgain('import.commit', { batchId: id }, commitJobId(id));
    await this.audit.record(actor, {
      action: 'import.commit',
      objectType: 'import',
      objectId: id,
      details: { kind: batch.kind },
    });
    return batch;
  }

  /**
   * A failed batch tried again from the step that failed: a check that did not finish is run again
   * from the file (a new parse round: a fresh job id, the old failed job stays as history); a failed
   * commit is asked for again (`requestCommit`). Any other status: 409, nothing changes.
   */
  async requestRetry(id: string, user: AuthUser, actor: Actor): Promise<ImportBatch> {
    const batch = await this.get(id, user);
    if (batch.status !== 'failed') throw new ImportNotRetryableError(id, batch.status);
    if (batch.failedStep !== 'parse') return this.requestCommit(id, user, actor);
    await this.jobs.assertAvailable(); // Redis away: 503 at once, the batch left as it is
    const em = this.em.fork();
    const round = batch.parseRound + 1;
    const moved = await em.nativeUpdate(
      ImportBatch,
      { id, status: 'failed', failedStep: 'parse' },
      {
        status: 'queued',
        failedStep: null,
        parseRound: round,
        problems: [],
        problemCount: 0,
        warningCount: 0,
        validRows: 0,
        invalidRows: 0,
        rowsRead: 0,
        rowsChecked: 0,
        message: null,
      },
    );
    if (moved) {
      await this.enqueueParse(id, round);
      await this.audit.record(actor, {
        action: 'import.retry',
        objectType: 'import',
        objectId: id,
        details: { kind: batch.kind, step: 'parse' },
      });
    }
    return em.findOneOrFail(ImportBatch, { id });
  }
}

function parseJobId(batchId: string, round = 0): string {
  return round ? `import.parse-${batchId}-${round}` : `import.parse-${batchId}`;
}

function commitJobId(batchId: string): string {
  return `import.commit-${batchId}`;
}

/**
 * Who may read a batch: its uploader and admins. (A batch spans the offices of its rows, so it is
 * scoped by uploader rather than by office; the rows it commits are office-scoped where they are read.)
 */
function canRead(user: AuthUser, batch: ImportBatch): boolean {
  return user.role === 'admin' || (!!batch.uploadedBy && batch.uploadedBy === user.id);
}

function encodeCursor(b: Pick<ImportBatch, 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([b.createdAt.toISOString(), b.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 2) return null;
    const [at, id] = v as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || id.length > 36) return null;
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? null : { at: date, id };
  } catch {
    return null;
  }
}

export type { ImportKind };
