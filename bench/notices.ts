/**
 * Bulk C12-TS notices on PostgreSQL: one office of 700 employers (domain.md §12) × 16 months with
 * receipts, each employer's notice for 10/2026 rendered as a PDF and a workbook by `report.render` jobs
 * in one worker process (`node dist/jobs/main.js`, ROLE=worker, WORKER_CONCURRENCY=2), timed from the
 * jobs' enqueueing to the report marked done, then zipped as `GET /api/reports/{id}.zip` would.
 *   npm run build && tsx bench/notices.ts [--employers 700] [--workers 1]
 * Env: SOTHU_DIST (default ./dist), DATABASE_URL (base PostgreSQL URL, default postgres://127.0.0.1/test;
 * a scratch database is made beside it and dropped), REDIS_URL. Target: ≤ 60 s for 700 employers.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import pg from 'pg';
import { createScratchPostgres } from '../test/support/scratch-postgres.js';
import { deleteRedisPrefix } from '../test/support/harness.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dist = process.env.SOTHU_DIST ?? join(root, 'dist');
const baseUrl = process.env.DATABASE_URL ?? 'postgres://127.0.0.1/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PERIOD = '2026-10';
/** As the service enqueues them (reports.service.ts RENDER_CHUNK). */
const CHUNK = 50;

const { values } = parseArgs({
  options: {
    employers: { type: 'string', default: '700' },
    workers: { type: 'string', default: '1' },
  },
});
const employers = Number(values.employers);
const workerCount = Number(values.workers);

function vmHwmMb(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** CPU seconds (user + system) a process has used: on a busy shared machine, what the work costs. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(dist, 'jobs', 'main.js')], {
    env: { ...process.env, ...env, ROLE: 'worker' },
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

const scratch = await createScratchPostgres(baseUrl);
const dataDir = mkdtempSync(join(tmpdir(), 'sothu-bench-notices-'));
const prefix = `sothu-bench-${randomBytes(4).toString('hex')}`;
const children: ChildProcess[] = [];
try {
  const seeded = spawnSync(
    process.execPath,
    [
      join(dist, 'seeds', 'bench', 'seed-province.js'),
      '--url',
      scratch.url,
      '--offices',
      '1',
      '--per-office',
      String(employers),
      '--months',
      '16',
      '--end',
      '2026-11',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  console.error(`seeded: ${seeded.stdout.trim()}`);
  const env = {
    DATABASE_URL: scratch.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NIGHTLY_CRON: 'off',
    WORKER_CONCURRENCY: '2',
  };
  for (let i = 0; i < workerCount; i++) children.push(await startWorker(env));
  const db = new pg.Client({ connectionString: scratch.url });
  await db.connect();
  const queue = new Queue('reports', {
    connection: { url: redisUrl, maxRetriesPerRequest: null },
    prefix,
  });
  try {
    const units = (await db.query('select unit_code from employer order by unit_code')).rows.map(
      (r: { unit_code: string }) => r.unit_code,
    );
    const office = (await db.query('select code from office limit 1')).rows[0].code as string;
    // the rows POST /api/reports/notices writes, then its jobs
    const id = randomUUID();
    await db.query(
      `insert into report (id, kind, period, office_code, requested_by, status, total, created_at)
       values ($1, 'notices', $2, $3, 'bench', 'running', $4, now())`,
      [id, PERIOD, office, units.length],
    );
    await db.query(
      `insert into report_item (report_id, unit_code, status) select $1, u, 'pending' from unnest($2::text[]) u`,
      [id, units],
    );
    const cpu0 = children.map((c) => cpuSeconds(c.pid!));
    const t0 = performance.now();
    for (let i = 0; i < units.length; i += CHUNK) {
      await queue.add(
        'report.render',
        { reportId: id, unitCodes: units.slice(i, i + CHUNK) },
        { jobId: `report.render-${id}-${i / CHUNK}`, attempts: 5 },
      );
    }
    for (;;) {
      const r = await db.query('select status from report where id = $1', [id]);
      if (r.rows[0]?.status === 'done') break;
      if ((await queue.getFailedCount()) > 0) {
        const [failed] = await queue.getFailed();
        throw new Error(`report.render failed: ${failed?.failedReason}`);
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = children.reduce((n, c, i) => n + cpuSeconds(c.pid!) - cpu0[i]!, 0);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const items = (
      await db.query(
        'select status, count(*)::int as n from report_item where report_id = $1 group by status',
        [id],
      )
    ).rows as { status: string; n: number }[];
    const dir = join(dataDir, 'reports', id);
    const files = readdirSync(dir);
    const bytes = files.reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    const rss = children.map((c) => vmHwmMb(c.pid!));
    console.log(
      '| employers | worker processes | total s (wall) | worker CPU s | notices/s | documents | MB on disk | peak RSS per worker (MB) | items | load average |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---|---|---|');
    console.log(
      `| ${units.length} | ${workerCount} | ${Math.round(seconds * 10) / 10} | ${Math.round(cpu * 10) / 10} | ${Math.round(units.length / seconds)} | ${files.length} | ${Math.round(bytes / 1e5) / 10} | ${rss.join(' + ')} | ${items.map((i) => `${i.status} ${i.n}`).join(', ')} | ${load} |`,
    );
  } finally {
    await queue.close();
    await db.end();
  }
} finally {
  for (const c of children) {
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  }
  await deleteRedisPrefix(redisUrl, prefix);
  await scratch.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
