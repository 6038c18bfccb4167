import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { projectRoot } from '../src/infrastructure/project-root.js';
import { deleteRedisPrefix, eventually, REDIS_URL, scratchDatabase } from './support/harness.js';

/** `API_PROCESSES=2`: the built `npm start` entry forks two API processes that share one port. */
describe('API_PROCESSES=2 (built service, SQLite)', () => {
  const dist = join(projectRoot(), 'dist');
  const prefix = `sothu-test-${randomBytes(4).toString('hex')}`;
  const port = 4100 + Math.floor(Math.random() * 800);
  const base = `http://127.0.0.1:${port}`;
  let primary: ChildProcess;
  let out = '';
  let drop: () => Promise<void>;
  let token = '';

  /** One request on a connection of its own (the primary hands out connections, not requests). */
  const me = () =>
    new Promise<{ status: number; requestId: string }>((resolve, reject) => {
      httpGet(
        `${base}/api/me`,
        { agent: false, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              requestId: String(res.headers['x-request-id']),
            }),
          );
        },
      ).on('error', reject);
    });

  /** The pid that logged each request (pino-http's line per request carries its process's pid). */
  const pidsOf = (ids: string[]) => {
    const wanted = new Set(ids);
    const pids = new Set<number>();
    for (const line of out.split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { pid?: number; req?: { id?: string } };
      if (entry.req?.id && wanted.has(entry.req.id) && entry.pid) pids.add(entry.pid);
    }
    return pids;
  };

  beforeAll(async () => {
    const db = await scratchDatabase('sqlite');
    drop = db.drop;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...db.env,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      NIGHTLY_CRON: 'off',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ROLE: 'api',
      API_PROCESSES: '2',
    };
    delete env.AUTH_JWT_SECRET; // the primary's random key must reach both processes
    const password = `pw-${randomBytes(8).toString('hex')}`;
    execFileSync(
      process.execPath,
      [
        join(dist, 'src/modules/auth/user-create.cli.js'),
        '--email',
        'cluster@test.example',
        '--password',
        password,
        '--role',
        'admin',
      ],
      { env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    primary = spawn(process.execPath, [join(dist, 'src/main.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    primary.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await eventually(async () => {
      if (primary.exitCode !== null) throw new Error(`the service stopped:\n${out}`);
      return out.includes('sothu listening') ? true : undefined;
    }, 60_000);
    expect(out).toMatch(/sothu listening on .* 2 API processes/);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cluster@test.example', password }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { token: string }).token;
  }, 90_000);

  afterAll(async () => {
    if (primary && primary.exitCode === null) {
      const exited = new Promise((r) => primary.once('exit', r));
      primary.kill('SIGTERM');
      await exited;
    }
    await drop?.();
    await deleteRedisPrefix(REDIS_URL, prefix);
  });

  it('answers on one port from two processes, with one signing key', async () => {
    const answers: { status: number; requestId: string }[] = [];
    for (let i = 0; i < 20; i++) answers.push(await me());
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    await eventually(async () =>
      pidsOf(answers.map((a) => a.requestId)).size === 2 ? true : undefined,
    );
    const pids = pidsOf(answers.map((a) => a.requestId));
    expect(pids.has(primary.pid!)).toBe(false);
  });

  it('replaces a process that dies, and stops them all on SIGTERM', async () => {
    const { requestId } = await me();
    const victim = await eventually(async () => [...pidsOf([requestId])][0]);
    process.kill(victim, 'SIGKILL');
    await eventually(async () => (/starting another/.test(out) ? true : undefined), 30_000);
    await eventually(
      async () =>
        (out.match(/sothu API process \d+ serving/g) ?? []).length >= 3 ? true : undefined,
      60_000,
    );
    const answers: { status: number; requestId: string }[] = [];
    for (let i = 0; i < 10; i++) answers.push(await me());
    expect(answers.every((a) => a.status === 200)).toBe(true);

    const exited = new Promise<number | null>((r) => primary.once('exit', (code) => r(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    const live = [...pidsOf(answers.map((a) => a.requestId))].filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(live).toEqual([]);
  }, 120_000);
});
