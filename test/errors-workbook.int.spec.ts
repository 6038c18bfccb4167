/**
 * A large upload's errors.xlsx is rendered by a job (`import.errors`), never on the request (issue #21):
 * the request answers 202 with Retry-After until the job's file is there, then streams that file, which
 * holds what the on-request rendering would. SQLite, real Redis and in-process workers.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { EntityManager } from '@mikro-orm/core';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { generateProvince } from '../seeds/generator/generate.js';
import { writeProvince } from '../seeds/generator/writers/province.js';
import { JobProducer } from '../src/infrastructure/queue/job-producer.service.js';
import { ImportBatch } from '../src/modules/imports/import-batch.entity.js';
import { ImportsService } from '../src/modules/imports/index.js';
import { tempDir } from './fixtures/workbooks/build-workbook.js';
import {
  createUser,
  eventually,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/harness.js';
import { importClient } from './support/imports.js';
import { binary, expectVietnameseErrors, PROBLEM_LIST_SHEET } from './support/xlsx.js';

async function cells(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row, n) => out.push(`${ws.name}!${n}: ${JSON.stringify(row.values)}`)),
  );
  return out;
}

describe('errors.xlsx of a large upload', () => {
  let t: TestApp;
  let admin: TestUser;
  const dir = tempDir('sothu-errors-wb-');
  const province = generateProvince({ seed: 17, scale: 'small', offices: 1, months: 3 });
  beforeAll(async () => {
    // "large" is anything over 10 rows here, so a small registry goes the way a big roster would
    t = await startTestApp('sqlite', { NIGHTLY_CRON: 'off', ERRORS_INLINE_ROWS: '10' });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is rendered by a job: 202 with Retry-After until it is there, then the same workbook as on a request', async () => {
    const files = await writeProvince(province, dir, { truth: false });
    // no office registered: every employer row names an unknown office (a row problem each)
    const b = await importClient(
      () => t.app,
      () => admin.headers,
    ).validated(join(dir, files.employers), 'employers');
    expect(b.counts.problems).toBeGreaterThan(10);
    const http = () => request(t.app.getHttpServer());
    const get = () =>
      http().get(`/api/imports/${b.id}/errors.xlsx`).set(admin.headers).buffer(true).parse(binary);

    const first = await eventually(async () => {
      const res = await get();
      if (res.status === 202) {
        expect(res.headers['retry-after']).toBe('3');
        expect(JSON.parse((res.body as Buffer).toString('utf8'))).toEqual({
          id: b.id,
          status: 'rendering',
        });
        return undefined;
      }
      return res;
    }, 30_000);
    expect(first.status).toBe(200);
    expect(first.headers['content-disposition']).toContain(`errors-${b.id}.xlsx`);
    const stored = join(t.config.dataDir, 'errors', `${b.id}-0.xlsx`);
    expect(existsSync(stored)).toBe(true);

    // what the job wrote is what the request path would have rendered
    const batch = await t.app.get(EntityManager).fork().findOneOrFail(ImportBatch, { id: b.id });
    const inline = new PassThrough();
    const chunks: Buffer[] = [];
    inline.on('data', (c: Buffer) => chunks.push(c));
    await t.app.get(ImportsService).writeErrors(batch, inline);
    inline.end();
    const served = await cells(first.body as Buffer);
    expect(served).toEqual(await cells(Buffer.concat(chunks)));
    expect(served.some((c) => c.startsWith(`${PROBLEM_LIST_SHEET}!`))).toBe(true);
    await expectVietnameseErrors(first.body as Buffer, batch.problems);

    // the file lost and its job gone from Redis: the request asks for it again instead of rendering it
    rmSync(stored);
    const queue = t.app.get(JobProducer).queue('reports');
    await (await queue.getJob(`import.errors-${b.id}-0`))?.remove();
    const again = await get();
    expect(again.status).toBe(202);
    const back = await eventually(async () => {
      const res = await get();
      return res.status === 200 ? res : undefined;
    }, 30_000);
    expect(await cells(back.body as Buffer)).toEqual(served);
  }, 120_000);
});
