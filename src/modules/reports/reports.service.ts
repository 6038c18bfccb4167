import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { Period } from '../../domain/dates.js';
import { Clock } from '../../infrastructure/clock.js';
import { loadZipArchive } from '../../infrastructure/heavy-libraries.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { EmployerDirectory, EmployerNotFoundError } from '../employers/index.js';
import { noticeFileName } from './notice-layout.js';
import { writeNoticePdf } from './notice-pdf.js';
import { writeNoticeWorkbook } from './notice-workbook.js';
import { NoticeService } from './notice.service.js';
import { Report, ReportItem } from './report.entity.js';
import { NoEmployersError, ReportNotFoundError, ReportNotReadyError } from './reports.errors.js';

/** Employers per `report.render` job: small enough to resume cheaply, large enough to read inputs in bulk. */
export const RENDER_CHUNK = 50;

export interface ReportView {
  id: string;
  kind: string;
  period: string;
  officeCode: string | null;
  status: 'running' | 'done';
  total: number;
  rendered: number;
  failed: number;
  /** Percent of the employers settled (rendered or failed). */
  progress: number;
  failures: { unitCode: string; error: string }[];
  createdAt: Date;
  finishedAt: Date | null;
}

/**
 * Bulk C12-TS notices: a report is asked for (an office or a list of employers, a month), its employers
 * are rendered by `report.render` jobs in chunks, each employer's PDF and workbook written under
 * `DATA_DIR/reports/<id>/` (to a temporary name, then renamed: a document is there whole or not at all),
 * and the report is downloaded as one zip. Owns `report` and `report_item`.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly directory: EmployerDirectory,
    private readonly notices: NoticeService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  dirOf(reportId: string): string {
    return join(this.config.dataDir, 'reports', reportId);
  }

  /** Asks for the notices of an office's employers (or of listed employers) for month P: 202-style. */
  async requestNotices(
    user: AuthUser,
    req: { office?: string; unitCodes?: string[]; period: Period },
  ): Promise<ReportView> {
    let units: string[];
    if (req.office) {
      scope.assertOffice(user, req.office);
      units = await this.directory.unitsOfOffices([req.office]);
    } else {
      const asked = [...new Set((req.unitCodes ?? []).map((u) => u.toUpperCase()))].sort();
      const found = new Map((await this.directory.byUnits(asked)).map((e) => [e.unitCode, e]));
      for (const u of asked) {
        const e = found.get(u);
        if (!e || !scope.canSeeOffice(user, e.officeCode)) throw new EmployerNotFoundError(u);
      }
      units = asked;
    }
    if (!units.length) throw new NoEmployersError();
    const report = await this.em.fork().transactional(async (tx) => {
      const r = tx.create(Report, {
        id: randomUUID(),
        kind: 'notices',
        period: req.period,
        officeCode: req.office ?? null,
        requestedBy: user.id,
        status: 'running',
        total: units.length,
        createdAt: this.clock.now(),
      });
      for (const unitCode of units)
        tx.create(ReportItem, { reportId: r.id, unitCode, status: 'pending' });
      return r;
    });
    for (let i = 0; i < units.length; i += RENDER_CHUNK) {
      await this.producer.enqueue(
        'report.render',
        { reportId: report.id, unitCodes: units.slice(i, i + RENDER_CHUNK) },
        { jobId: `report.render-${report.id}-${i / RENDER_CHUNK}` },
      );
    }
    return this.view(report.id, user);
  }

  /** A report with its progress: the requester's own, or any for an admin (else 404). */
  async view(id: string, user: AuthUser): Promise<ReportView> {
    const em = this.em.fork();
    const r = await this.visible(em, id, user);
    const items = await em.find(
      ReportItem,
      { reportId: id, status: { $ne: 'pending' } },
      { fields: ['unitCode', 'status', 'error'], orderBy: { unitCode: 'asc' } },
    );
    const failures = items
      .filter((i) => i.status === 'failed')
      .map((i) => ({ unitCode: i.unitCode, error: i.error ?? '' }));
    const settled = items.length;
    return {
      id: r.id,
      kind: r.kind,
      period: r.period,
      officeCode: r.officeCode ?? null,
      status: r.status,
      total: r.total,
      rendered: settled - failures.length,
      failed: failures.length,
      progress: r.total ? Math.floor((100 * settled) / r.total) : 100,
      failures: failures.slice(0, 200),
      createdAt: r.createdAt,
      finishedAt: r.finishedAt ?? null,
    };
  }

  assertReady(view: Pick<ReportView, 'id' | 'status'>): void {
    if (view.status !== 'done') throw new ReportNotReadyError(view.id, view.status);
  }

  /** The zip of a finished report's documents, streamed into `out`. */
  async writeZip(id: string, user: AuthUser, out: Writable): Promise<void> {
    const r = await this.visible(this.em.fork(), id, user);
    if (r.status !== 'done') throw new ReportNotReadyError(id, r.status);
    const dir = this.dirOf(id);
    const files = (await readdir(dir).catch(() => [] as string[]))
      .filter((f) => !f.endsWith('.part'))
      .sort();
    const zip = new (await loadZipArchive())({ zlib: { level: 6 } });
    const done = pipeline(zip, out);
    for (const f of files) zip.file(join(dir, f), { name: f });
    await zip.finalize();
    await done;
  }

  zipName(view: Pick<ReportView, 'period' | 'officeCode' | 'id'>): string {
    return `C12-TS-${view.officeCode ?? 'list'}-${view.period}-${view.id.slice(0, 8)}.zip`;
  }

  /**
   * Renders one chunk (the `report.render` job): the employers still pending are computed in bulk, each
   * one's PDF and workbook written, then the items marked in one transaction. Safe to run twice.
   */
  async renderChunk(reportId: string, unitCodes: readonly string[]): Promise<number> {
    const em = this.em.fork();
    const report = await em.findOne(Report, { id: reportId });
    if (!report) return 0;
    const pending = (
      await em.find(
        ReportItem,
        { reportId, unitCode: { $in: [...unitCodes] }, status: 'pending' },
        { fields: ['unitCode'] },
      )
    ).map((i) => i.unitCode);
    if (pending.length) {
      const dir = this.dirOf(reportId);
      await mkdir(dir, { recursive: true });
      const results = await this.notices.notices(pending, report.period);
      const outcome = new Map<string, { status: 'done' | 'failed'; error: string | null }>();
      for (const u of pending) {
        outcome.set(u, { status: 'failed', error: 'EMPLOYER_NOT_FOUND: not registered any more' });
      }
      for (const r of results) {
        if ('error' in r) {
          outcome.set(r.unitCode, {
            status: 'failed',
            error: `${r.error.code}: ${r.error.message}`.slice(0, 500),
          });
          continue;
        }
        await this.writeAtomically(join(dir, noticeFileName(r.notice, 'pdf')), (out) =>
          writeNoticePdf(r.notice, r.party, this.notices.fonts, out),
        );
        await this.writeAtomically(join(dir, noticeFileName(r.notice, 'xlsx')), (out) =>
          writeNoticeWorkbook(r.notice, r.party, out),
        );
        outcome.set(r.unitCode, { status: 'done', error: null });
        // rendering is synchronous work: let the worker renew its lock now and then
        await new Promise((res) => setImmediate(res));
      }
      await em.transactional(async (tx) => {
        for (const [unitCode, o] of outcome) {
          await tx.nativeUpdate(
            ReportItem,
            { reportId, unitCode, status: 'pending' },
            { status: o.status, error: o.error },
          );
        }
      });
    }
    await this.finishIfComplete(reportId);
    return pending.length;
  }

  /** Marks the report done once no employer is pending (idempotent; any chunk may be the last). */
  private async finishIfComplete(reportId: string): Promise<void> {
    const em = this.em.fork();
    const left = await em.count(ReportItem, { reportId, status: 'pending' });
    if (left > 0) return;
    await em.nativeUpdate(
      Report,
      { id: reportId, status: 'running' },
      { status: 'done', finishedAt: this.clock.now() },
    );
  }

  private async visible(em: EntityManager, id: string, user: AuthUser): Promise<Report> {
    const r = await em.findOne(Report, { id });
    if (!r || (user.role !== 'admin' && r.requestedBy !== user.id)) {
      throw new ReportNotFoundError(id);
    }
    return r;
  }

  private async writeAtomically(
    path: string,
    write: (out: Writable) => Promise<void>,
  ): Promise<void> {
    const part = `${path}.part`;
    const out = createWriteStream(part);
    const closed = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    await write(out);
    out.end();
    await closed;
    await rename(part, path);
  }

  /** Bytes on disk of a report (for the bench). */
  async sizeOf(reportId: string): Promise<number> {
    const dir = this.dirOf(reportId);
    let n = 0;
    for (const f of await readdir(dir).catch(() => [] as string[]))
      n += (await stat(join(dir, f))).size;
    return n;
  }
}
