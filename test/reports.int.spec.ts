import { existsSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { Report, ReportItem } from '../src/modules/reports/report.entity.js';
import { ReportsService } from '../src/modules/reports/index.js';
import {
  createUser,
  DB_KINDS,
  eventually,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/harness.js';
import type { ServiceContext } from './support/service-harness.js';
import { arrangeTinyOffice, TINY_OFFICE } from './support/tiny-office.js';

/** The names in a zip's central directory. */
function zipNames(zip: Buffer): string[] {
  const names: string[] = [];
  for (let p = 0; p + 46 <= zip.length; p++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) continue;
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    names.push(zip.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
    p += 45 + nameLen + extraLen + commentLen;
  }
  return names.sort();
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Bulk C12-TS notices of an office: 202 with a report id, `report.render` jobs render one PDF and one
 * workbook per employer off the request path, progress on GET, one zip; a chunk run again (a retried
 * job, a worker restarted mid-chunk) renders only what is not rendered yet.
 */
describe.each(DB_KINDS)('bulk notices on %s', (kind) => {
  let t: TestApp;
  let officer: TestUser;
  let other: TestUser;
  let reportId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const svc: ServiceContext = {
      ctx: t.app,
      config: t.config,
      em: () => t.app.get(EntityManager).fork(),
      close: t.close,
    };
    await arrangeTinyOffice(svc);
    officer = await createUser(t, { role: 'officer', offices: [TINY_OFFICE] });
    other = await createUser(t, { role: 'officer', offices: ['09902'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('renders one notice per employer of the office and zips them', async () => {
    const http = request(t.app.getHttpServer());
    await http
      .post('/api/reports/notices')
      .set(other.headers)
      .send({ office: TINY_OFFICE, period: '2026-03' })
      .expect(403);
    await http
      .post('/api/reports/notices')
      .set(officer.headers)
      .send({ office: TINY_OFFICE, period: '2099-01' })
      .expect(422);
    const asked = await http
      .post('/api/reports/notices')
      .set(officer.headers)
      .send({ office: TINY_OFFICE, period: '2026-03' })
      .expect(202);
    expect(asked.body).toMatchObject({ kind: 'notices', period: '2026-03', total: 3 });
    reportId = asked.body.id;
    const done = await eventually(async () => {
      const r = await http.get(`/api/reports/${reportId}`).set(officer.headers).expect(200);
      return r.body.status === 'done' ? r.body : undefined;
    }, 60_000);
    expect(done).toMatchObject({ total: 3, rendered: 3, failed: 0, progress: 100 });
    await http.get(`/api/reports/${reportId}`).set(other.headers).expect(404);
    await http.get(`/api/reports/${reportId}.zip`).set(other.headers).expect(404);
    const zip = await http
      .get(`/api/reports/${reportId}.zip`)
      .set(officer.headers)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/zip');
    expect(zipNames(zip.body as Buffer)).toEqual([
      'C12-TS-TC0001C-2026-03.pdf',
      'C12-TS-TC0001C-2026-03.xlsx',
      'C12-TS-TC0002D-2026-03.pdf',
      'C12-TS-TC0002D-2026-03.xlsx',
      'C12-TS-TC0003E-2026-03.pdf',
      'C12-TS-TC0003E-2026-03.xlsx',
    ]);
  });

  it('a chunk run again renders only the employers a dead worker left pending', async () => {
    const reports = t.app.get(ReportsService);
    const dir = reports.dirOf(reportId);
    const keep = join(dir, 'C12-TS-TC0001C-2026-03.pdf');
    const lost = join(dir, 'C12-TS-TC0002D-2026-03.pdf');
    const keptAt = statSync(keep).mtimeMs;
    // the same job delivered twice: nothing to do
    expect(await reports.renderChunk(reportId, ['TC0001C', 'TC0002D', 'TC0003E'])).toBe(0);
    expect(statSync(keep).mtimeMs).toBe(keptAt);
    // a worker that died after writing TC0001C's files but before marking TC0002D
    const em = t.app.get(EntityManager).fork();
    await em.nativeUpdate(ReportItem, { reportId, unitCode: 'TC0002D' }, { status: 'pending' });
    await em.nativeUpdate(Report, { id: reportId }, { status: 'running', finishedAt: null });
    unlinkSync(lost);
    const http = request(t.app.getHttpServer());
    const half = await http.get(`/api/reports/${reportId}`).set(officer.headers).expect(200);
    expect(half.body).toMatchObject({ status: 'running', rendered: 2, progress: 66 });
    await http.get(`/api/reports/${reportId}.zip`).set(officer.headers).expect(409);
    // the job handed to another worker
    expect(await reports.renderChunk(reportId, ['TC0001C', 'TC0002D', 'TC0003E'])).toBe(1);
    expect(existsSync(lost)).toBe(true);
    expect(statSync(keep).mtimeMs).toBe(keptAt);
    const again = await http.get(`/api/reports/${reportId}`).set(officer.headers).expect(200);
    expect(again.body).toMatchObject({ status: 'done', rendered: 3, progress: 100 });
  });
});
