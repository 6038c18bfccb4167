import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
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
import { ImportBatch, type ImportStatus } from './import-batch.entity.js';
import {
  ImportAlreadyUploadedError,
  ImportCursorInvalidError,
  ImportNotCommittableError,
  UnknownImportKindError,
} from './imports.errors.js';
import { workbookLimits } from './workbook-limits.js';
import { IMPORT_KINDS, type ImportKind } from './schema/records.js';

export interface Upload {
  originalName: string;
  bytes: Buffer;
}

/** Receives uploads as batches and hands them to the import jobs. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobProducer,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Keeps the file byte for byte under its SHA-256 and queues its parsing. The same file again is the
   * same batch (returned as it is, nothing queued twice) — except that a batch refused as uploaded (wrong
   * kind chosen, no period given) is parsed again when the same file comes with another kind or period.
   */
  async receive(
    kind: string,
    upload: Upload,
    user: AuthUser,
    actor: Actor,
    period?: string,
  ): Promise<ImportBatch> {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UnknownImportKindError(kind);
    await this.jobs.assertAvailable(); // Redis away: 503 at once, nothing stored
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const em = this.em.fork();
    const existing = await em.findOne(ImportBatch, { sha256 });
    if (existing) {
      if (!canRead(user, existing)) throw new ImportAlreadyUploadedError();
      // queued but maybe never enqueued (Redis hiccup): enqueue again; the job id makes it a no-op otherwise
      if (existing.status === 'queued') await this.enqueueParse(existing.id, existing.parseRound);
      if (
        existing.status === 'rejected' &&
        (existing.kind !== kind || (period ?? null) !== (existing.period ?? null))
      ) {
        Object.assign(existing, {
          kind,
          period: period ?? null,
          status: 'queued',
          problems: [],
          problemCount: 0,
          message: null,
        });
        existing.parseRound += 1;
        await em.flush();
        await this.enqueueParse(existing.id, existing.parseRound);
      }
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
    const batch = Object.assign(new ImportBatch(), {
      id: randomUUID(),
      kind,
      sha256,
      fileName: upload.originalName.slice(0, 255),
      storedPath,
      sizeBytes: upload.bytes.length,
      period: period ?? null,
      uploadedBy: user.id,
    });
    try {
      await em.persist(batch).flush();
    } catch (err) {
      // the same bytes uploaded at the same moment: the other upload's batch is this one
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      if (!(await this.em.fork().findOne(ImportBatch, { sha256 }))) throw err;
      return this.receive(kind, upload, user, actor, period);
    }
    await this.recordUpload(actor, batch, false);
    await this.enqueueParse(batch.id);
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
          { status: 'failed', message: `${what}: ${job!.failedReason ?? 'unknown reason'}` },
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
    q: { limit: number; cursor?: string; kind?: ImportKind; status?: ImportStatus },
  ): Promise<{ items: Omit<ImportBatch, 'problems'>[]; nextCursor: string | null }> {
    const where: FilterQuery<ImportBatch>[] = [];
    if (user.role !== 'admin') where.push({ uploadedBy: user.id });
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

  /** A batch the user may read (its own, or any for an admin); 404 otherwise, as for a missing one. */
  async get(id: string, user: AuthUser): Promise<ImportBatch> {
    const batch = await this.em.fork().findOne(ImportBatch, { id });
    if (!batch || !canRead(user, batch)) throw new NotFoundError('Import', id);
    return batch;
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
    if (batch.status !== 'validated' && batch.status !== 'failed')
      throw new ImportNotCommittableError(id, batch.status);
    await this.jobs.assertAvailable(); // Redis away: 503 at once, the batch left as it is
    if (batch.status === 'failed') {
      // asked again: it waits for its commit as a validated batch does (not shown failed meanwhile)
      await this.em
        .fork()
        .nativeUpdate(ImportBatch, { id, status: 'failed' }, { status: 'validated' });
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
