import { Clock } from '../src/infrastructure/clock.js';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';
import * as XLSX from '@e965/xlsx';
import request from 'supertest';
import { generateProvince } from '../seeds/generator/generate.js';
import { writeProvince } from '../seeds/generator/writers/province.js';
import { seedProvince } from '../seeds/bench/seed-province.js';
import { createHttpApp } from '../src/bootstrap.js';
import { ShutdownSignal, ShuttingDownError } from '../src/infrastructure/shutdown-signal.js';
import { EmployerDirectory, EmployerRegistryWriter } from '../src/modules/employers/index.js';
import { ImportPipeline } from '../src/modules/imports/index.js';
import { LedgerFactsWriter } from '../src/modules/ledger-facts/index.js';
import { OfficesService } from '../src/modules/offices/index.js';
import { tempDir } from './fixtures/workbooks/build-workbook.js';
import {
  createUser,
  deleteRedisPrefix,
  eventually,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/harness.js';
import { type ImportBatchView, importClient } from './support/imports.js';
import { binary, expectVietnameseErrors } from './support/xlsx.js';

/**
 * Faults and races (issue 21), on real Redis and databases: runs that survive Redis losing its data,
 * fast refusal while Redis is down, one date rule on every route, concurrent uploads and matches,
 * parallel commits on SQLite, a failed commit asked again.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

type Http = () => ReturnType<typeof request.agent>;

function seed(t: TestApp, province: ReturnType<typeof generateProvince>) {
  return t.app
    .get(MikroORM)
    .em.fork()
    .transactional((tx) => seedProvince(tx, province));
}

describe('impossible dates are refused on every route that takes a date', () => {
  let t: TestApp;
  let http: Http;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { NIGHTLY_CRON: 'off' });
    const admin = await createUser(t, { role: 'admin' });
    http = () => request.agent(t.app.getHttpServer()).set(admin.headers);
  });
  afterAll(async () => {
    await t?.close();
  });

  // [route, field, request for a given date]
  const routes: [string, string, (d: string) => (h: Http) => request.Test][] = [
    ['POST /api/runs', 'day', (d) => (h) => h().post('/api/runs').send({ day: d })],
    [
      'POST /api/reconciliations',
      'asOf',
      (d) => (h) => h().post('/api/reconciliations').send({ asOf: d }),
    ],
    ['GET /api/arrears', 'asOf', (d) => (h) => h().get(`/api/arrears?asOf=${d}`)],
    ['GET /api/arrears.xlsx', 'asOf', (d) => (h) => h().get(`/api/arrears.xlsx?asOf=${d}`)],
    ['GET /api/ratios', 'asOf', (d) => (h) => h().get(`/api/ratios?asOf=${d}`)],
    [
      'GET /api/employers/:code/ledger',
      'asOf',
      (d) => (h) => h().get(`/api/employers/TC0001C/ledger?asOf=${d}`),
    ],
    [
      'GET /api/employers/:code/ledger.xlsx',
      'asOf',
      (d) => (h) => h().get(`/api/employers/TC0001C/ledger.xlsx?asOf=${d}`),
    ],
    [
      'GET /api/employers/:code/minutes.xlsx (from)',
      'from',
      (d) => (h) => h().get(`/api/employers/TC0001C/minutes.xlsx?from=${d}`),
    ],
    [
      'GET /api/employers/:code/minutes.xlsx (to)',
      'to',
      (d) => (h) => h().get(`/api/employers/TC0001C/minutes.xlsx?to=${d}`),
    ],
    [
      'POST /api/cases/:id/transitions',
      'date',
      (d) => (h) => h().post('/api/cases/1/transitions').send({ to: 'reminded', date: d }),
    ],
    [
      'POST /api/cases/:id/sanctions',
      'date',
      (d) => (h) => h().post('/api/cases/1/sanctions').send({ date: d, amount: 1000 }),
    ],
    ['GET /api/audit (from)', 'from', (d) => (h) => h().get(`/api/audit?from=${d}`)],
    ['GET /api/audit (to)', 'to', (d) => (h) => h().get(`/api/audit?to=${d}`)],
    ['GET /api/audit.xlsx (from)', 'from', (d) => (h) => h().get(`/api/audit.xlsx?from=${d}`)],
  ];
  const impossible = ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10'];

  it.each(routes)(
    '%s refuses an impossible %s with 400 naming the field',
    async (_r, field, call) => {
      for (const d of impossible) {
        const res = await call(d)(http);
        expect([res.status, d]).toEqual([400, d]);
        expect(JSON.stringify(res.body)).toContain(field);
      }
    },
  );

  it('a real leap day passes the date rule (and no run was created for an impossible day)', async () => {
    const ok = await http().post('/api/runs').send({ day: '2024-02-29' });
    expect(ok.status).toBe(202);
    expect(ok.body.day).toBe('2024-02-29');
    const runs = await eventually(async () => {
      const r = await http().get('/api/runs').expect(200);
      return r.body.items.length ? (r.body.items as { day: string }[]) : undefined;
    });
    expect(runs.map((r) => r.day)).toEqual(['2024-02-29']);
  });
});

describe('sign-in lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      NIGHTLY_CRON: 'off',
      AUTH_LOGIN_RATE_LIMIT: '1000',
      AUTH_LOCKOUT_THRESHOLD: '3',
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  const login = (email: string, password: string) =>
    request(t.app.getHttpServer()).post('/api/auth/login').send({ email, password });

  it('answers an unknown email exactly as an account: 401, 401, then locked', async () => {
    const u = await createUser(t, { role: 'officer' });
    const answers = async (email: string) => {
      const out: [number, string][] = [];
      for (const pw of ['wrong once!', 'wrong twice', 'wrong thrice', 'wrong again'])
        out.push(await login(email, pw).then((r) => [r.status, r.body.error.code as string]));
      return out;
    };
    const real = await answers(u.email);
    const unknown = await answers('nobody-at-all@test.example');
    expect(real).toEqual([
      [401, 'INVALID_CREDENTIALS'],
      [401, 'INVALID_CREDENTIALS'],
      [423, 'ACCOUNT_LOCKED'],
      [423, 'ACCOUNT_LOCKED'],
    ]);
    expect(unknown).toEqual(real);
  });
});

describe('concurrent identical uploads and concurrent matches', () => {
  let t: TestApp;
  let officer: TestUser;
  let other: TestUser;
  const dir = tempDir('sothu-faults-');
  const province = generateProvince({ seed: 4, scale: 'small', offices: 1, months: 6 });
  const office = province.offices[0]!.code;
  beforeAll(async () => {
    t = await startTestApp('postgresql', { NIGHTLY_CRON: 'off', UPLOAD_RATE_LIMIT: '1000' });
    await seed(t, province);
    officer = await createUser(t, { role: 'officer', offices: [office] });
    other = await createUser(t, { role: 'officer', offices: [office] });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same bytes uploaded five times at once give one batch, never a 500', async () => {
    const files = await writeProvince(
      generateProvince({ seed: 5, scale: 'small', offices: 1, months: 3 }),
      dir,
      { truth: false },
    );
    const path = join(dir, files.employers);
    const bytes = readFileSync(path);
    const send = () =>
      request(t.app.getHttpServer())
        .post('/api/imports')
        .set(officer.headers)
        .field('kind', 'employers')
        .attach('file', bytes, 'employers.xlsx');
    const answers = await Promise.all([send(), send(), send(), send(), send()]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.id as string)).size).toBe(1);
    const list = await request(t.app.getHttpServer())
      .get('/api/imports')
      .set(officer.headers)
      .expect(200);
    expect(list.body.items).toHaveLength(1);
  });

  it('two officers matching one receipt at once: one wins, the other gets 409 naming who', async () => {
    const open = await request(t.app.getHttpServer())
      .get('/api/receipts?status=unmatched&limit=1')
      .set(officer.headers)
      .expect(200);
    const receipt = open.body.items[0] as { id: number; unitCode: string };
    expect(receipt.unitCode).toBe('KM00000');
    const [a, b] = [province.employers[0]!.unitCode, province.employers[1]!.unitCode];
    const answers = await Promise.all([
      request(t.app.getHttpServer())
        .post(`/api/receipts/${receipt.id}/match`)
        .set(officer.headers)
        .send({ unitCode: a, expectedUnitCode: 'KM00000' }),
      request(t.app.getHttpServer())
        .post(`/api/receipts/${receipt.id}/match`)
        .set(other.headers)
        .send({ unitCode: b, expectedUnitCode: 'KM00000' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = answers.find((r) => r.status === 200)!;
    const lost = answers.find((r) => r.status === 409)!;
    const winner = won === answers[0] ? officer : other;
    expect(lost.body.error.code).toBe('RECEIPT_CHANGED');
    expect(lost.body.error.message).toContain(winner.email);
    expect(lost.body.error.message).toContain(`tied to ${won.body.receipt.unitCode}`);

    // the officer who saw it on suspense, unmatching from that stale view: 409 too; from the true state: 200
    await request(t.app.getHttpServer())
      .post(`/api/receipts/${receipt.id}/unmatch`)
      .set(officer.headers)
      .send({ expectedUnitCode: 'KM00000' })
      .expect(409);
    await request(t.app.getHttpServer())
      .post(`/api/receipts/${receipt.id}/unmatch`)
      .set(officer.headers)
      .send({ expectedUnitCode: won.body.receipt.unitCode })
      .expect(200);
  });
});

describe('Redis loses its data in the middle of a nightly run', () => {
  let t: TestApp;
  let http: Http;
  // 2 offices × 300 employers: 4 chunks of at most 250, run one at a time
  const province = generateProvince({
    seed: 11,
    scale: 'bench',
    offices: 2,
    employersPerOffice: 300,
    months: 12,
  });
  beforeAll(async () => {
    t = await startTestApp('postgresql', {
      NIGHTLY_CRON: 'off',
      WORKER_CONCURRENCY: '1',
      RECOVERY_INTERVAL_MS: '1000',
    });
    await seed(t, province);
    const admin = await createUser(t, { role: 'admin' });
    http = () => request.agent(t.app.getHttpServer()).set(admin.headers);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });
  const runOf = (id: string) =>
    http()
      .get('/api/runs?limit=20')
      .expect(200)
      .then((r) =>
        (
          r.body.items as {
            id: string;
            status: string;
            chunks: number;
            chunksDone: number;
            report: Record<string, unknown> | null;
          }[]
        ).find((x) => x.id === id),
      );

  it('the run is resumed from the database and completes; a later run of another day runs', async () => {
    const started = await http().post('/api/runs').send({ day: '2026-06-30' }).expect(202);
    const runId = started.body.runId as string;
    const midway = await eventually(
      async () => {
        const r = await runOf(runId);
        return r && r.chunks > 1 && r.chunksDone >= 1 ? r : undefined;
      },
      120_000,
      20,
    );
    expect(midway.status).toBe('running');
    expect(midway.chunksDone).toBeLessThan(midway.chunks);
    // everything the suite's queues hold is gone (as after a Redis restart without persistence)
    await deleteRedisPrefix(t.config.redis.url, t.config.redis.prefix);
    const done = await eventually(async () => {
      const r = await runOf(runId);
      if (r?.status === 'failed') throw new Error(`run failed: ${JSON.stringify(r.report)}`);
      return r?.status === 'completed' ? r : undefined;
    }, 180_000);
    expect(done.report).toMatchObject({
      reconciled: province.employers.length,
      failureCount: 0,
    });

    // the next run is a run of its own (ids are ours, not the queue's counter, which started again)
    const next = await http().post('/api/runs').send({ day: '2026-07-31' }).expect(202);
    expect(next.body.runId).not.toBe(runId);
    const second = await eventually(async () => {
      const r = await runOf(next.body.runId);
      return r?.status === 'completed' ? r : undefined;
    }, 180_000);
    expect(second.report).toMatchObject({ reconciled: province.employers.length });
    const runs = (await http().get('/api/runs').expect(200)).body.items as {
      day: string;
      status: string;
    }[];
    expect(runs.map((r) => [r.day, r.status]).sort()).toEqual([
      ['2026-06-30', 'completed'],
      ['2026-07-31', 'completed'],
    ]);
  }, 400_000);
});

describe('import batches whose jobs vanished', () => {
  let t: TestApp;
  let admin: TestUser;
  const dir = tempDir('sothu-faults-stuck-');
  const province = generateProvince({ seed: 7, scale: 'small', offices: 1, months: 3 });
  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      NIGHTLY_CRON: 'off',
      UPLOAD_RATE_LIMIT: '1000',
      RECOVERY_INTERVAL_MS: '500',
    });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are found and handed to a job again: a parse and a commit both finish', async () => {
    const files = await writeProvince(province, dir, { truth: false });
    for (const o of province.offices)
      await request(t.app.getHttpServer()).post('/api/offices').set(admin.headers).send(o);
    const imports = importClient(
      () => t.app,
      () => admin.headers,
    );
    await imports.importAndCommit(join(dir, files.employers), 'employers');
    const roster = await imports.validated(join(dir, files.rosters[0]!), 'roster');
    expect(roster.counts.valid).toBeGreaterThan(0);
    const receipts = await imports.validated(join(dir, files.receipts[0]!.file), 'receipts');
    expect(receipts.status).toBe('validated');
    // as if Redis had lost both jobs: one batch back to `parsing`, one left `committing`
    const db = t.app.get(MikroORM).em.fork().getConnection();
    await deleteRedisPrefix(t.config.redis.url, t.config.redis.prefix);
    await db.execute(`update import_batch set status = 'parsing' where id = ?`, [roster.id]);
    await db.execute(`update import_batch set status = 'committing' where id = ?`, [receipts.id]);
    const committed = await imports.settle(receipts.id, ['committed'], 20_000);
    expect(committed.counts.committed).toBe(receipts.counts.valid);
    const parsed = await imports.settle(roster.id, ['validated', 'rejected'], 20_000);
    expect(parsed.status).toBe('validated');
    expect(parsed.counts.valid).toBe(roster.counts.valid);
  });
});

describe('a row of a million cells', () => {
  let t: TestApp;
  let admin: TestUser;
  const dir = tempDir('sothu-faults-wide-');
  beforeAll(async () => {
    t = await startTestApp('sqlite', { NIGHTLY_CRON: 'off', UPLOAD_RATE_LIMIT: '1000' });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused quickly with its own code, and its errors.xlsx answers at once', async () => {
    const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const zip = XLSX.CFB.utils.cfb_new();
    const add = (name: string, xml: string) => XLSX.CFB.utils.cfb_add(zip, name, Buffer.from(xml));
    add(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${R_NS}"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    add(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    );
    add(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row r="1">${'<c><v>1</v></c>'.repeat(1_000_000)}</row></sheetData></worksheet>`,
    );
    const bytes = XLSX.CFB.write(zip, {
      type: 'buffer',
      fileType: 'zip',
      compression: true,
    }) as Buffer;
    const t0 = Date.now();
    const res = await request(t.app.getHttpServer())
      .post('/api/imports')
      .set(admin.headers)
      .field('kind', 'roster')
      .attach('file', bytes, 'wide.xlsx')
      .expect(202);
    const imports = importClient(
      () => t.app,
      () => admin.headers,
    );
    const b = await imports.settle(res.body.id as string, ['rejected'], 10_000);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(b.problems.map((p) => p.code)).toEqual(['TOO_MANY_CELLS_IN_ROW']);
    const t1 = Date.now();
    const xlsx = await request(t.app.getHttpServer())
      .get(`/api/imports/${b.id}/errors.xlsx`)
      .set(admin.headers)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Date.now() - t1).toBeLessThan(3000);
    const [refused] = await expectVietnameseErrors(xlsx.body as Buffer, b.problems);
    expect(refused![4]).toBe('Một dòng có quá nhiều ô.');
    expect(refused![5]).toBe('Lỗi tệp');
  });
});

describe('commits on SQLite, with the API and a second process on one file', () => {
  let t: TestApp;
  let second: INestApplication;
  let admin: TestUser;
  const dir = tempDir('sothu-faults-sqlite-');
  const province = generateProvince({ seed: 8, scale: 'small', offices: 1, months: 6 });
  let files: Awaited<ReturnType<typeof writeProvince>>;
  const imports = importClient(
    () => t.app,
    () => admin.headers,
  );
  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      NIGHTLY_CRON: 'off',
      UPLOAD_RATE_LIMIT: '1000',
      WORKER_CONCURRENCY: '3',
    });
    // another process's connection to the same file (as `npm run start:worker` beside the API)
    second = await createHttpApp(t.config, { logger: false });
    admin = await createUser(t, { role: 'admin' });
    files = await writeProvince(province, dir, { truth: false });
    for (const o of province.offices)
      await request(t.app.getHttpServer()).post('/api/offices').set(admin.headers).send(o);
    await imports.importAndCommit(join(dir, files.employers), 'employers');
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parallel commits all commit', async () => {
    const rosters = files.rosters.slice(0, 8);
    const ids = await Promise.all(rosters.map((f) => imports.upload(join(dir, f), 'roster')));
    const parsed = await Promise.all(ids.map((id) => imports.settle(id, ['validated'], 60_000)));
    await Promise.all(
      ids.map((id) =>
        request(t.app.getHttpServer())
          .post(`/api/imports/${id}/commit`)
          .set(admin.headers)
          .expect(202),
      ),
    );
    const done = await Promise.all(ids.map((id) => imports.settle(id, ['committed'], 90_000)));
    expect(done.map((b) => b.counts.committed)).toEqual(parsed.map((b) => b.counts.valid));
  }, 180_000);

  it('a failed commit asked again commits; while attempts remain it says retrying, not failed', async () => {
    const b = await imports.validated(join(dir, files.receipts[0]!.file), 'receipts');
    expect(b.status).toBe('validated');
    const stored = join(t.config.dataDir, 'uploads', `${b.sha256 as string}.xlsx`);
    renameSync(stored, `${stored}.away`); // the upload is unreadable: every attempt fails
    await request(t.app.getHttpServer())
      .post(`/api/imports/${b.id}/commit`)
      .set(admin.headers)
      .expect(202);
    const http = () =>
      request(t.app.getHttpServer()).get(`/api/imports/${b.id}`).set(admin.headers);
    const retrying = await eventually(async () => {
      const r = (await http().expect(200)).body as ImportBatchView;
      return r.message?.includes('retrying') ? r : undefined;
    }, 20_000);
    expect(retrying.status).not.toBe('failed');
    expect(retrying.message).toMatch(/retrying \(attempt 2 of 3\)/);
    const failed = await eventually(async () => {
      const r = (await http().expect(200)).body as ImportBatchView;
      return r.status === 'failed' ? r : undefined;
    }, 30_000);
    expect(failed.message).toMatch(/^The commit failed and changed nothing: /);
    expect(failed.message).not.toContain('retrying');

    renameSync(`${stored}.away`, stored);
    const again = await imports.commit(b.id);
    expect(again.counts.committed).toBe(b.counts.valid);
  }, 90_000);
});

describe('SIGTERM during a commit', () => {
  let t: TestApp;
  let admin: TestUser;
  const dir = tempDir('sothu-faults-term-');
  const province = generateProvince({ seed: 12, scale: 'small', offices: 1, months: 3 });
  beforeAll(async () => {
    // no workers here: the spec drives the pipeline as a worker would
    t = await startTestApp('sqlite', { NIGHTLY_CRON: 'off', ROLE: 'api' });
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops at the next chunk, rolls back, and another worker commits the batch', async () => {
    const files = await writeProvince(province, dir, { truth: false });
    for (const o of province.offices)
      await request(t.app.getHttpServer()).post('/api/offices').set(admin.headers).send(o);
    const imports = importClient(
      () => t.app,
      () => admin.headers,
    );
    const id = await imports.upload(join(dir, files.employers), 'employers');
    const pipeline = t.app.get(ImportPipeline);
    const parsed = await pipeline.parse(id);
    expect(parsed).toMatchObject({ status: 'validated' });

    t.app.get(ShutdownSignal).stop(); // what the queue workers do first on SIGTERM
    await expect(pipeline.commit(id)).rejects.toBeInstanceOf(ShuttingDownError);
    const stopped = await imports.settle(id, ['committing'], 5000);
    expect(stopped.counts.committed).toBe(0);
    expect(stopped.message).toMatch(/another worker/);
    const db = t.app.get(MikroORM).em.fork().getConnection();
    expect(await db.execute('select count(*) as n from employer')).toEqual([{ n: 0 }]);

    // another worker (a pipeline whose process is not stopping) commits it
    const other = new ImportPipeline(
      t.app.get(MikroORM).em,
      t.config,
      t.app.get(LedgerFactsWriter),
      t.app.get(EmployerRegistryWriter),
      t.app.get(EmployerDirectory),
      t.app.get(OfficesService),
      t.app.get(Clock),
      new ShutdownSignal(),
    );
    const { batch } = await other.commit(id);
    expect(batch.status).toBe('committed');
    expect(batch.committedRows).toBe(province.employers.length);
  });
});

describe('while Redis is down', () => {
  let redis: ChildProcess;
  let redisPort: number;
  let t: TestApp;
  let admin: TestUser;
  const dir = tempDir('sothu-faults-down-');
  const province = generateProvince({ seed: 6, scale: 'small', offices: 1, months: 3 });
  const startRedis = async () => {
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await eventually(async () => {
      const ping = spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' });
      return ping.stdout.trim() === 'PONG' ? true : undefined;
    });
  };
  let validatedId: string;
  let receiptId: number;
  let files: Awaited<ReturnType<typeof writeProvince>>;
  beforeAll(async () => {
    redisPort = await freePort();
    await startRedis();
    t = await startTestApp('sqlite', {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      NIGHTLY_CRON: 'off',
      UPLOAD_RATE_LIMIT: '1000',
    });
    admin = await createUser(t, { role: 'admin' });
    files = await writeProvince(province, dir, { truth: false });
    const imports = importClient(
      () => t.app,
      () => admin.headers,
    );
    for (const o of province.offices)
      await request(t.app.getHttpServer()).post('/api/offices').set(admin.headers).send(o);
    const b = await imports.validated(join(dir, files.employers), 'employers');
    expect(b.status).toBe('validated');
    validatedId = b.id;
    await imports.commit(validatedId);
    const receipts = await imports.validated(join(dir, files.receipts[0]!.file), 'receipts');
    await imports.commit(receipts.id);
    const r = await request(t.app.getHttpServer())
      .get('/api/receipts?limit=1')
      .set(admin.headers)
      .expect(200);
    receiptId = r.body.items[0].id;
    // one more validated batch, to commit while Redis is down
    validatedId = (await imports.validated(join(dir, files.rosters[0]!), 'roster')).id;
  }, 120_000);
  afterAll(async () => {
    // the app closes its queues cleanly only with Redis there (a failed test may have left it down)
    if (redis && (redis.exitCode !== null || redis.signalCode !== null)) await startRedis();
    await t?.close().catch(() => undefined);
    redis?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('every route that enqueues answers 503 QUEUE_UNAVAILABLE within 2 s, naming the fix; reads work', async () => {
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    const http = () => request(t.app.getHttpServer());
    const calls: [string, () => request.Test][] = [
      [
        'POST /api/imports',
        () =>
          http()
            .post('/api/imports')
            .set(admin.headers)
            .field('kind', 'roster')
            .attach('file', join(dir, files.rosters[1]!)),
      ],
      [
        'POST /api/imports/:id/commit',
        () => http().post(`/api/imports/${validatedId}/commit`).set(admin.headers),
      ],
      ['POST /api/runs', () => http().post('/api/runs').set(admin.headers).send({})],
      [
        'POST /api/reconciliations',
        () => http().post('/api/reconciliations').set(admin.headers).send({}),
      ],
      [
        'POST /api/receipts/:id/match',
        () =>
          http()
            .post(`/api/receipts/${receiptId}/match`)
            .set(admin.headers)
            .send({ unitCode: province.employers[0]!.unitCode }),
      ],
      [
        'POST /api/receipts/:id/unmatch',
        () => http().post(`/api/receipts/${receiptId}/unmatch`).set(admin.headers).send({}),
      ],
    ];
    for (const [route, call] of calls) {
      const t0 = Date.now();
      const res = await call();
      const ms = Date.now() - t0;
      expect([route, res.status, res.body.error?.code]).toEqual([route, 503, 'QUEUE_UNAVAILABLE']);
      expect([route, ms < 2000]).toEqual([route, true]);
      expect(res.body.error.message).toMatch(/redis-server --daemonize yes.*REDIS_URL/);
    }
    // reads keep working
    const list = await http().get('/api/imports').set(admin.headers).expect(200);
    expect(list.body.items.length).toBe(3); // employers, receipts, roster
    const batch = await http().get(`/api/imports/${validatedId}`).set(admin.headers).expect(200);
    expect(batch.body.status).toBe('validated');
    const receipt = await http().get('/api/receipts?limit=1').set(admin.headers).expect(200);
    expect(receipt.body.items[0].id).toBe(receiptId);
    const before = receipt.body.items[0];

    // Redis back: nothing was queued behind the client's back
    await startRedis();
    await new Promise((r) => setTimeout(r, 3000));
    const after = await http().get('/api/imports').set(admin.headers).expect(200);
    expect(after.body.items.length).toBe(3);
    expect(
      (await http().get(`/api/imports/${validatedId}`).set(admin.headers).expect(200)).body.status,
    ).toBe('validated');
    expect((await http().get('/api/runs').set(admin.headers).expect(200)).body.items).toEqual([]);
    expect(
      (await http().get('/api/receipts?limit=1').set(admin.headers).expect(200)).body.items[0],
    ).toEqual(before);
    // and the queue works again
    await eventually(async () => {
      const r = await http().post('/api/runs').set(admin.headers).send({ day: '2026-01-31' });
      return r.status === 202 ? r : undefined;
    }, 20_000);
  }, 60_000);
});
