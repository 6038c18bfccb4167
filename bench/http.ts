/**
 * HTTP throughput of the built service under concurrent clients, on loopback: SQLite, the API
 * (`dist/src/main.js`, ROLE=api) and a worker (`dist/jobs/main.js`, ROLE=worker) started on this
 * machine as `npm start` / `npm run start:worker` start them (same Node flags), on a synthetic province
 * of 120 employers (4 offices × 30, 24 months with receipts) whose nightly run is done first (so the
 * flags and snapshots exist). An admin is created with the `user:create` CLI and signs in; then
 * autocannon drives each route with `--connections` clients for `--seconds` and prints req/s, p50, p99
 * and the API's CPU milliseconds per request (from /proc: the figure that holds on a shared machine;
 * autocannon runs in this process, on the same cores).
 *   npm run build && tsx bench/http.ts [--connections 20] [--seconds 10] [--routes flags,ledger,me]
 *     [--port N] [--api-processes N]
 * `--api-processes N` starts the API with `API_PROCESSES=N` (node:cluster workers sharing the port); the
 * CPU figure is then the primary's and all its workers'.
 * Env: BENCH_NODE_ARGS (more Node flags for the API, e.g. `--cpu-prof`), REDIS_URL (default redis://127.0.0.1:6379; a prefix of its own, deleted at the end).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { deleteRedisPrefix } from '../test/support/harness.js';
import { cpuSeconds, startCommand } from './proc.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dist = process.env.SOTHU_DIST ?? join(root, 'dist');
/** How `npm start` and `npm run start:worker` start their processes (environment and Node flags). */
const apiStart = startCommand(root, 'start');
const workerStart = startCommand(root, 'start:worker');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    routes: { type: 'string', default: 'flags,ledger,me' },
    port: { type: 'string' },
    'api-processes': { type: 'string', default: '1' },
  },
});

/** CPU seconds of a process and its children (the API's cluster workers), from /proc. */
function treeCpuSeconds(pid: number): number {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // no children file (kernel without it): the process alone
  }
  return cpuSeconds(pid) + children.reduce((sum, c) => sum + treeCpuSeconds(c), 0);
}

async function started(child: ChildProcess, marker: string, what: string): Promise<void> {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const until = Date.now() + 90_000;
  while (!out.includes(marker)) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`${what}:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // from now on its output (a log line per request at LOG_LEVEL=info) is read and dropped
  for (const s of [child.stdout!, child.stderr!]) {
    s.removeAllListeners('data');
    s.resume();
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const dir = mkdtempSync(join(tmpdir(), 'sothu-http-'));
const dbUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
const prefix = `sothu-http-${randomBytes(4).toString('hex')}`;
const port = values.port ? Number(values.port) : 3800 + Math.floor(Math.random() * 90);
const env = {
  ...process.env,
  DATABASE_URL: dbUrl,
  REDIS_URL: redisUrl,
  REDIS_PREFIX: prefix,
  HOST: '127.0.0.1',
  PORT: String(port),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  NIGHTLY_CRON: 'off',
  CLOCK_FIXED_AT: '2027-08-01T03:00:00Z',
};
const children: ChildProcess[] = [];
try {
  const seeded = execFileSync(
    process.execPath,
    [
      join(dist, 'seeds', 'bench', 'seed-province.js'),
      '--url',
      dbUrl,
      '--offices',
      '4',
      '--per-office',
      '30',
      '--end',
      '2027-07',
    ],
    { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  console.error(`seeded: ${seeded.trim().split('\n').pop()}`);
  const password = `http-${randomBytes(8).toString('hex')}`;
  execFileSync(
    process.execPath,
    [
      join(dist, 'src/modules/auth/user-create.cli.js'),
      '--email',
      'bench@bench.example',
      '--password',
      password,
      '--role',
      'admin',
    ],
    { env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const apiArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const api = spawn(process.execPath, [...apiStart.flags, ...apiArgs, join(dist, 'src/main.js')], {
    env: {
      ...apiStart.env,
      ...env,
      ROLE: 'api',
      API_PROCESSES: values['api-processes'],
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(api);
  await started(api, 'sothu listening', 'the API did not start');
  const worker = spawn(process.execPath, [...workerStart.flags, join(dist, 'jobs/main.js')], {
    env: { ...workerStart.env, ...env, ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(worker);
  await started(worker, 'sothu worker running', 'the worker did not start');

  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@bench.example', password }),
  });
  if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };

  // the day's run: snapshots and flags for the routes to read
  const run = await fetch(`${base}/api/runs`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ day: '2027-07-31' }),
  });
  if (run.status !== 202) throw new Error(`POST /api/runs: ${run.status} ${await run.text()}`);
  for (const until = Date.now() + 300_000; ;) {
    const runs = (await (await fetch(`${base}/api/runs?limit=1`, { headers })).json()) as {
      items: { status: string }[];
    };
    if (runs.items[0]?.status === 'completed') break;
    if (runs.items[0]?.status === 'failed' || Date.now() > until)
      throw new Error(`the run did not complete: ${JSON.stringify(runs.items[0])}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const flags = (await (await fetch(`${base}/api/flags?limit=50`, { headers })).json()) as {
    items: { unitCode: string }[];
  };
  const unit = flags.items[0]?.unitCode;
  if (!unit) throw new Error('no flag raised: nothing to read');

  const routes: Record<string, string> = {
    flags: '/api/flags',
    ledger: `/api/employers/${unit}/ledger`,
    me: '/api/me',
  };
  const rows: string[] = [];
  for (const name of values.routes.split(',')) {
    const path = routes[name];
    if (!path) throw new Error(`unknown route ${name} (${Object.keys(routes).join(', ')})`);
    const check = await fetch(base + path, { headers });
    if (!check.ok) throw new Error(`${path}: ${check.status} ${await check.text()}`);
    const bytes = (await check.arrayBuffer()).byteLength;
    // warm-up, then the measured run
    await autocannon({ url: base + path, headers, connections: 4, duration: 2 });
    const cpu0 = treeCpuSeconds(api.pid!);
    const r = await autocannon({
      url: base + path,
      headers,
      connections: Number(values.connections),
      duration: Number(values.seconds),
    });
    const cpuMs = ((treeCpuSeconds(api.pid!) - cpu0) * 1000) / Math.max(1, r.requests.total);
    const bad = r.non2xx + r.errors + r.timeouts;
    rows.push(
      `| GET ${path} | ${bytes} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} | ${cpuMs.toFixed(2)} | ${bad} |`,
    );
    console.error(rows[rows.length - 1]);
  }
  console.log(
    `${values.connections} connections, ${values.seconds} s per route, SQLite, API (${values['api-processes']} process(es)) + worker on loopback`,
  );
  console.log(
    '| route | body bytes | req/s | p50 ms | p99 ms | max ms | API CPU ms per request | non-2xx/errors |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
} finally {
  for (const c of children) await stop(c);
  await deleteRedisPrefix(redisUrl, prefix);
  rmSync(dir, { recursive: true, force: true });
}
