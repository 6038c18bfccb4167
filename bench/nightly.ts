/**
 * The nightly run on PostgreSQL: a synthetic province of 2.5k, 10k, 25k and 100k employers × 24 months
 * with receipts, recomputed by 1 and then 2 worker processes (each `node dist/jobs/main.js` with the
 * Node flags of `npm run start:worker`, ROLE=worker, WORKER_CONCURRENCY=2), the run started as BullMQ
 * would start it (`nightly.run`), timed until its report is written. Prints employers/s, total time,
 * peak RSS per worker (VmHWM), the workers' CPU seconds (user + system, from /proc: the figure that
 * holds on a shared machine), and the cost per 1,000 employers (linear cost: the same at every size).
 *   npm run build && tsx bench/nightly.ts [--sizes 2500,10000,25000,100000] [--workers 1,2]
 * Env: SOTHU_DIST (the built service, default ./dist), DATABASE_URL (base PostgreSQL URL, default postgres://127.0.0.1/test; a scratch database is made
 * beside it per size and dropped), REDIS_URL. The window ends 2027-07 so that its 24 months start after
 * the old regime, whose yearly k rates we hold only for 2020 (see README).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import pg from 'pg';
import { createScratchPostgres } from '../test/support/scratch-postgres.js';
import { deleteRedisPrefix } from '../test/support/harness.js';
import { cpuSeconds, startCommand, vmHwmMb } from './proc.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
/** The built service to run (default ./dist; a copy lets the tree be rebuilt while a bench runs). */
const dist = process.env.SOTHU_DIST ?? join(root, 'dist');
const baseUrl = process.env.DATABASE_URL ?? 'postgres://127.0.0.1/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const OFFICES = 20;
const END = '2027-07';
const DAY = '2027-07-31';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2500,10000,25000,100000' },
    workers: { type: 'string', default: '1,2' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const workerCounts = values.workers.split(',').map(Number);

/** How `npm run start:worker` starts the worker (the deployed command): its environment and Node flags. */
const workerStart = startCommand(root, 'start:worker');
const workerFlags = workerStart.flags;

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...workerFlags, join(dist, 'jobs', 'main.js')], {
    env: { ...process.env, ...workerStart.env, ...env, ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const until = Date.now() + 60_000;
  while (!out.includes('sothu worker running')) {
    if (Date.now() > until || child.exitCode !== null)
      throw new Error(`worker did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface Row {
  employers: number;
  workers: number;
  seconds: number;
  perSecond: number;
  rssMb: string;
  /** CPU seconds the workers used for the run, all together. */
  cpuS: number;
  reconciled: number;
  failures: number;
}

async function runOnce(dbUrl: string, employers: number, workers: number): Promise<Row> {
  const prefix = `sothu-bench-${randomBytes(4).toString('hex')}`;
  const env = {
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    NIGHTLY_CRON: 'off',
    WORKER_CONCURRENCY: '2',
  };
  const children: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) children.push(await startWorker(env));
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const queue = new Queue('nightly', {
    connection: { url: redisUrl, maxRetriesPerRequest: null },
    prefix,
  });
  try {
    const cpu0 = children.reduce((n, c) => n + cpuSeconds(c.pid!), 0);
    const t0 = performance.now();
    const job = await queue.add(
      'nightly.run',
      { day: DAY, trigger: 'manual' },
      { jobId: `bench-${prefix}` },
    );
    let report: { reconciled: number; failureCount: number } | null = null;
    for (;;) {
      const r = await db.query(
        `select status, report from nightly_run where day = $1 order by started_at desc limit 1`,
        [DAY],
      );
      if (r.rows[0]?.status === 'completed' && (await job.getState()) === 'completed') {
        report = r.rows[0].report;
        break;
      }
      if ((await job.getState()) === 'failed')
        throw new Error(`nightly.run failed: ${job.failedReason}`);
      await new Promise((res) => setTimeout(res, 100));
    }
    const seconds = (performance.now() - t0) / 1000;
    const rss = children.map((c) => vmHwmMb(c.pid!));
    const cpuS = children.reduce((n, c) => n + cpuSeconds(c.pid!), 0) - cpu0;
    await db.query('delete from nightly_run');
    return {
      employers,
      workers,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(employers / seconds),
      rssMb: rss.join(' + '),
      cpuS: Math.round(cpuS * 10) / 10,
      reconciled: report!.reconciled,
      failures: report!.failureCount,
    };
  } finally {
    await queue.close();
    await db.end();
    for (const c of children) await stop(c);
    await deleteRedisPrefix(redisUrl, prefix);
  }
}

const rows: Row[] = [];
for (const employers of sizes) {
  const scratch = await createScratchPostgres(baseUrl);
  try {
    const seeded = spawnSync(
      process.execPath,
      [
        // the generator holds the whole province (100k employers: ~4 GB of rows) before it is written
        '--max-old-space-size=12288',
        join(dist, 'seeds', 'bench', 'seed-province.js'),
        '--url',
        scratch.url,
        '--offices',
        String(OFFICES),
        '--per-office',
        String(Math.round(employers / OFFICES)),
        '--end',
        END,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (seeded.status !== 0) throw new Error(seeded.stderr);
    console.error(`seeded ${employers}: ${seeded.stdout.trim()}`);
    for (const workers of workerCounts) {
      const row = await runOnce(scratch.url, employers, workers);
      console.error(JSON.stringify(row));
      rows.push(row);
    }
  } finally {
    await scratch.drop();
  }
}
console.log(
  `worker: ${[...Object.entries(workerStart.env).map(([k, v]) => `${k}=${v}`), ...workerFlags].join(' ') || '(no flags)'}`,
);
console.log(
  '| employers | worker processes | total s | employers/s | s per 1k employers | worker CPU s | CPU s per 1k employers | peak RSS per worker (MB) | reconciled | failures |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.employers} | ${r.workers} | ${r.seconds} | ${r.perSecond} | ${((r.seconds * 1000) / r.employers).toFixed(2)} | ${r.cpuS} | ${((r.cpuS * 1000) / r.employers).toFixed(2)} | ${r.rssMb} | ${r.reconciled} | ${r.failures} |`,
  );
