import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';
import { createHttpApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { createScratchPostgres } from './support/scratch-postgres.js';
import { projectRoot } from '../src/infrastructure/project-root.js';
import { JobProducer } from '../src/infrastructure/queue/job-producer.service.js';
import { ReferenceValue } from '../src/modules/reference/reference-value.entity.js';
import { deleteRedisPrefix, eventually, PG_BASE_URL, REDIS_URL } from './support/harness.js';

/** The scale-out path: an API that runs no workers, and a separate worker process doing the job. */
describe('ROLE=api with a separate worker process (PostgreSQL)', () => {
  let api: INestApplication;
  let worker: ChildProcess;
  let drop: () => Promise<void>;
  const prefix = `sothu-test-${randomBytes(4).toString('hex')}`;
  let workerOut = '';

  beforeAll(async () => {
    const db = await createScratchPostgres(PG_BASE_URL);
    drop = db.drop;
    const env = { DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' };
    api = await createHttpApp(loadConfig({ ...env, ROLE: 'api' }), { logger: false });
    worker = spawn(process.execPath, [join(projectRoot(), 'dist', 'jobs', 'main.js')], {
      env: { ...process.env, ...env, ROLE: 'worker' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (d: Buffer) => (workerOut += d.toString()));
    worker.stderr?.on('data', (d: Buffer) => (workerOut += d.toString()));
    await eventually(
      async () => (workerOut.includes('sothu worker running') ? true : undefined),
      30000,
    );
  });
  afterAll(async () => {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
    await api?.close();
    await drop?.();
    await deleteRedisPrefix(REDIS_URL, prefix);
  });

  it('the API enqueues, the worker process runs the job, the result is in the shared database', async () => {
    const em = api.get(EntityManager).fork();
    await em.nativeDelete(ReferenceValue, {});
    const job = await api.get(JobProducer).enqueue('reference.sync', {});
    const result = await eventually(async () => {
      const state = await job.getState();
      if (state === 'failed') throw new Error(`job failed: ${job.failedReason}`);
      return state === 'completed' ? state : undefined;
    });
    expect(result).toBe('completed');
    expect(await em.fork().count(ReferenceValue)).toBeGreaterThan(10);
  });
});
