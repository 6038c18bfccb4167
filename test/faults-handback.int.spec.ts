/**
 * Faults of the import jobs with real processes (issue #21): a worker process stopped with SIGTERM in
 * the middle of a long commit hands the job back at once (no waiting for its lock to expire) and another
 * worker process commits the batch; a check (parse) that failed for good is retried from the API.
 * PostgreSQL (the commit reports its progress as it goes there), real Redis, `dist/jobs/main.js`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { generateProvince } from '../seeds/generator/generate.js';
import { writeBigRoster } from '../seeds/generator/writers/big-roster.js';
import { writeProvince } from '../seeds/generator/writers/province.js';
import { createHttpApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { projectRoot } from '../src/infrastructure/project-root.js';
import { JobProducer } from '../src/infrastructure/queue/job-producer.service.js';
import { ImportPipeline } from '../src/modules/imports/index.js';
import { tempDir } from './fixtures/workbooks/build-workbook.js';
import {
  createUser,
  deleteRedisPrefix,
  eventually,
  REDIS_URL,
  scratchDatabase,
  type TestUser,
} from './support/harness.js';
import { type ImportBatchView, importClient } from './support/imports.js';

const LOCK_MS = 120_000;

function startWorker(env: Record<string, string>, log: string[]): Promise<ChildProcess> {
  const worker = spawn(process.execPath, [join(projectRoot(), 'dist', 'jobs', 'main.js')], {
    env: { ...process.env, ...env, ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  worker.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  return eventually(
    async () => (log.join('').includes('sothu worker running') ? worker : undefined),
    30_000,
  );
}

describe('SIGTERM to a worker process in the middle of a commit (PostgreSQL)', () => {
  let api: INestApplication;
  let admin: TestUser;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const workers: ChildProcess[] = [];
  const log: string[] = [];
  const prefix = `sothu-test-${randomBytes(4).toString('hex')}`;
  const dir = tempDir('sothu-handback-');
  const province = generateProvince({ seed: 31, scale: 'small', offices: 1, months: 3 });
  let files: Awaited<ReturnType<typeof writeProvince>>;

  beforeAll(async () => {
    const db = await scratchDatabase('postgresql');
    drop = db.drop;
    env = {
      ...db.env,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      NIGHTLY_CRON: 'off',
      UPLOAD_RATE_LIMIT: '1000',
      // a lock far longer than the test waits: the batch can only be committed in time if the stopping
      // worker handed its job back, not by BullMQ's stalled-job check
      WORKER_LOCK_MS: String(LOCK_MS),
      SHUTDOWN_GRACE_MS: '20000',
    };
    api = await createHttpApp(loadConfig({ ...env, ROLE: 'api' }), { logger: false });
    admin = await createUser({ app: api }, { role: 'admin' });
    files = await writeProvince(province, dir, { truth: false });
    workers.push(await startWorker(env, log));
  }, 90_000);
  afterAll(async () => {
    for (const w of workers) {
      if (w.exitCode !== null || w.signalCode !== null) continue;
      const exited = new Promise((r) => w.once('exit', r));
      w.kill('SIGTERM');
      await exited;
    }
    await api?.close();
    await drop?.();
    await deleteRedisPrefix(REDIS_URL, prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('rolls back, hands the job back at once, and another worker process commits the batch', async () => {
    const imports = importClient(
      () => api,
      () => admin.headers,
    );
    for (const o of province.offices)
      await request(api.getHttpServer()).post('/api/offices').set(admin.headers).send(o);
    await imports.importAndCommit(join(dir, files.employers), 'employers');
    const roster = join(dir, 'big-roster.xlsx');
    await writeBigRoster(province, roster, 250_000);
    const b = await imports.validated(roster, 'roster');
    expect(b.status).toBe('validated');
    expect(b.counts.valid).toBe(250_000);

    await request(api.getHttpServer())
      .post(`/api/imports/${b.id}/commit`)
      .set(admin.headers)
      .expect(202);
    const db = api.get(MikroORM).em.fork().getConnection();
    // rows are being written inside the commit's transaction (its progress says so): stop the worker now
    await eventually(
      async () => {
        const [row] = (await db.execute(
          'select status, rows_written from import_batch where id = ?',
          [b.id],
        )) as { status: string; rows_written: number }[];
        return row?.status === 'committing' && Number(row.rows_written) > 0 ? true : undefined;
      },
      60_000,
      10,
    );
    const first = workers[0]!;
    const stoppedAt = Date.now();
    const exited = new Promise<number | null>((r) => first.once('exit', (code) => r(code)));
    first.kill('SIGTERM');
    expect(await exited).toBe(0); // a clean stop, within the grace period
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);

    // the job is back in the queue at once (not `active` until the 120 s lock expires), no attempt used
    const job = await api.get(JobProducer).queue('imports').getJob(`import.commit-${b.id}`);
    expect(['delayed', 'waiting', 'prioritized']).toContain(await job!.getState());
    expect(job!.attemptsMade).toBe(0);
    const waiting = (await request(api.getHttpServer())
      .get(`/api/imports/${b.id}`)
      .set(admin.headers)
      .expect(200)).body as ImportBatchView;
    expect(waiting.status).toBe('committing');
    expect(waiting.message).toMatch(/another worker/);
    // nothing of the batch was written (the transaction rolled back)
    expect(
      await db.execute('select count(*)::int as n from roster_line where batch_id = ?', [b.id]),
    ).toEqual([{ n: 0 }]);

    // another worker process takes it and commits every valid row, long before the lock would expire
    workers.push(await startWorker(env, log));
    const done = await imports.settle(b.id, ['committed'], 90_000);
    expect(done.counts.committed).toBe(250_000);
    expect(Date.now() - stoppedAt).toBeLessThan(LOCK_MS);
    expect(
      await db.execute('select count(*)::int as n from roster_line where batch_id = ?', [b.id]),
    ).toEqual([{ n: 250_000 }]);
  }, 300_000);

  it('a check that failed for good is retried from the API; it is never committed unchecked', async () => {
    const imports = importClient(
      () => api,
      () => admin.headers,
    );
    const http = () => request(api.getHttpServer());
    const file = join(dir, files.receipts[0]!.file);
    // no worker takes the upload while the spec fails its check as a worker's last attempt would
    const w = workers[workers.length - 1]!;
    const exited = new Promise((r) => w.once('exit', r));
    w.kill('SIGTERM');
    await exited;
    const id = await imports.upload(file, 'receipts');
    const queued = (await http().get(`/api/imports/${id}`).set(admin.headers).expect(200))
      .body as ImportBatchView & { sha256: string };
    const stored = join(env.DATA_DIR!, 'uploads', `${queued.sha256}.xlsx`);
    renameSync(stored, `${stored}.away`); // the upload is unreadable: the check fails
    const pipeline = api.get(ImportPipeline);

    await expect(pipeline.parse(id, { made: 0, of: 3 })).rejects.toThrow();
    const retrying = (await http().get(`/api/imports/${id}`).set(admin.headers).expect(200))
      .body as ImportBatchView & { failedStep: string | null };
    expect(retrying.status).not.toBe('failed');
    expect(retrying.message).toMatch(/retrying \(attempt 2 of 3\)/);
    await expect(pipeline.parse(id, { made: 2, of: 3 })).rejects.toThrow();
    const failed = (await http().get(`/api/imports/${id}`).set(admin.headers).expect(200))
      .body as ImportBatchView & { failedStep: string | null };
    expect(failed.status).toBe('failed');
    expect(failed.failedStep).toBe('parse');
    expect(failed.message).toMatch(/^The check failed: /);

    // a batch whose check never finished is not committed as if it had been checked
    const refused = await http().post(`/api/imports/${id}/commit`).set(admin.headers).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'IMPORT_CHECK_UNFINISHED', details: { id } });

    renameSync(`${stored}.away`, stored);
    workers.push(await startWorker(env, log));
    const again = await http().post(`/api/imports/${id}/retry`).set(admin.headers).expect(202);
    expect(again.body).toEqual({ id, status: 'queued' });
    const checked = await imports.settle(id, ['validated'], 60_000);
    expect(checked.counts.valid).toBeGreaterThan(0);
    expect(checked.message).toBeNull();
    // only a failed batch is retried
    const notFailed = await http().post(`/api/imports/${id}/retry`).set(admin.headers).expect(409);
    expect(notFailed.body.error.code).toBe('IMPORT_NOT_RETRYABLE');
    const done = await imports.commit(id);
    expect(done.counts.committed).toBe(checked.counts.valid);
    // the retry is in the audit trail
    const audit = await http().get('/api/audit?action=import.retry').set(admin.headers).expect(200);
    expect(
      (audit.body.items as { action: string; objectId: string }[]).some(
        (e) => e.action === 'import.retry' && e.objectId === id,
      ),
    ).toBe(true);
  }, 180_000);
});
