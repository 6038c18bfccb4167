import { jest } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { generateProvince } from '../seeds/generator/generate.js';
import { seedProvince } from '../seeds/bench/seed-province.js';
import { migrate, openDatabase } from '../src/database/database.js';
import { createScratchPostgres } from './support/scratch-postgres.js';
import { projectRoot } from '../src/infrastructure/project-root.js';
import { deleteRedisPrefix, eventually, PG_BASE_URL, REDIS_URL } from './support/harness.js';

jest.setTimeout(240_000);

/**
 * A worker process killed (SIGKILL) in the middle of a nightly run: another worker completes the run
 * (BullMQ hands the dead worker's chunk on once its lock expires), no employer is skipped, and the
 * day's figures equal those of the same day run again without interruption.
 */
describe('nightly run survives a killed worker (PostgreSQL)', () => {
  const prefix = `sothu-test-${randomBytes(4).toString('hex')}`;
  const province = generateProvince({
    seed: 9,
    scale: 'bench',
    offices: 6,
    employersPerOffice: 150,
    months: 15,
  });
  const D = '2026-10-31';
  let db: { url: string; drop: () => Promise<void> };
  let client: pg.Client;
  let queue: Queue;
  const workers: ChildProcess[] = [];

  const env = () => ({
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    ROLE: 'worker',
    LOG_LEVEL: 'warn',
    NIGHTLY_CRON: 'off',
    WORKER_CONCURRENCY: '1',
    WORKER_LOCK_MS: '4000',
    SHUTDOWN_GRACE_MS: '2000',
  });
  const startWorker = async () => {
    const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'jobs', 'main.js')], {
      env: { ...process.env, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    workers.push(child);
    await eventually(async () => (out.includes('sothu worker running') ? true : undefined), 60_000);
    return child;
  };
  const run = async (jobId: string) => {
    await queue.add('nightly.run', { day: D, trigger: 'manual' }, { jobId });
  };
  const latestRun = async () =>
    (
      await client.query(
        'select id, status, chunks, chunks_done, report from nightly_run order by started_at desc limit 1',
      )
    ).rows[0];
  const snapshots = async () =>
    (
      await client.query(
        `select unit_code, overdue_principal, principal_outstanding, charges_unpaid, credit, months_of_debt_milli,
                debt_class, hard_to_collect, ageing::text, ytd_receivable, on_time_settled, on_time_receivable
           from employer_snapshot where day = $1 order by unit_code`,
        [D],
      )
    ).rows;

  beforeAll(async () => {
    db = await createScratchPostgres(PG_BASE_URL);
    const orm = await openDatabase({ kind: 'postgresql', url: db.url });
    await migrate(orm);
    await orm.em.fork().transactional((tx) => seedProvince(tx, province));
    await orm.close();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    queue = new Queue('nightly', {
      connection: { url: REDIS_URL, maxRetriesPerRequest: null },
      prefix,
    });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await queue?.close();
    await client?.end();
    await db?.drop();
    await deleteRedisPrefix(REDIS_URL, prefix);
  });

  it('completes after a worker dies mid-run, with the figures of an uninterrupted run', async () => {
    const first = await startWorker();
    await run('killed-run');
    // wait until the run is under way: at least one chunk done, not all of them
    const started = await eventually(async () => {
      const r = await latestRun();
      return r && r.chunks > 1 && r.chunks_done >= 1 ? r : undefined;
    }, 120_000);
    expect(started.status).toBe('running');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    await startWorker();
    const done = await eventually(async () => {
      const r = await latestRun();
      return r?.status === 'completed' ? r : undefined;
    }, 180_000);
    expect(done.report.reconciled).toBe(province.employers.length);
    expect(done.report.failureCount).toBe(0);
    const afterKill = await snapshots();
    expect(afterKill).toHaveLength(province.employers.length);

    // the same day again, uninterrupted: every employer's figures are the same
    await run('uninterrupted-run');
    await eventually(async () => {
      const r = await latestRun();
      return r && r.id !== done.id && r.status === 'completed' ? r : undefined;
    }, 180_000);
    expect(await snapshots()).toEqual(afterKill);
  });
});
