import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/infrastructure/project-root.js';
import { eventually, startTestApp } from './support/harness.js';

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

describe('Redis is required', () => {
  it('refuses to start without Redis, saying how to get it', async () => {
    const port = await freePort();
    await expect(
      startTestApp('sqlite', { REDIS_URL: `redis://127.0.0.1:${port}` }),
    ).rejects.toThrow(
      /Redis is not reachable at redis:\/\/127\.0\.0\.1:\d+.*start one with 'redis-server --daemonize yes'.*REDIS_URL/,
    );
  });

  it('the built entry point prints one line and exits non-zero', async () => {
    const main = join(projectRoot(), 'dist', 'src', 'main.js');
    expect(existsSync(main)).toBe(true); // `npm test` builds first (pretest)
    const port = await freePort();
    const run = spawnSync(process.execPath, [main], {
      env: {
        ...process.env,
        REDIS_URL: `redis://127.0.0.1:${port}`,
        DATABASE_URL: 'sqlite::memory:',
      },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sothu: Redis is not reachable .*redis-server.*REDIS_URL/);
  });

  it('the built entry point names a bad variable and exits non-zero', () => {
    const main = join(projectRoot(), 'dist', 'src', 'main.js');
    const run = spawnSync(process.execPath, [main], {
      env: { ...process.env, PORT: 'eighty', ROLE: 'everything' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT:');
    expect(run.stderr).toContain('ROLE: must be one of all, api, worker');
  });

  describe('when Redis goes away while the built service runs', () => {
    // The service runs as its own process (as in production), against a Redis of its own we can stop.
    let redis: ChildProcess;
    let service: ChildProcess;
    let redisPort: number;
    let base: string;
    let dir: string;
    const startRedis = async () => {
      redis = spawn(
        'redis-server',
        ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await eventually(async () => {
        const ping = spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], {
          encoding: 'utf8',
        });
        return ping.stdout.trim() === 'PONG' ? true : undefined;
      });
    };
    const health = async () => {
      try {
        const res = await fetch(`${base}/health`);
        return {
          status: res.status,
          body: (await res.json()) as {
            status: string;
            details: Record<string, { status: string }>;
          },
        };
      } catch {
        return undefined;
      }
    };
    beforeAll(async () => {
      redisPort = await freePort();
      const httpPort = await freePort();
      base = `http://127.0.0.1:${httpPort}`;
      dir = mkdtempSync(join(tmpdir(), 'sothu-redis-down-'));
      await startRedis();
      service = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', 'main.js')], {
        env: {
          ...process.env,
          REDIS_URL: `redis://127.0.0.1:${redisPort}`,
          DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
          PORT: String(httpPort),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          SHUTDOWN_GRACE_MS: '3000',
        },
        stdio: 'ignore',
      });
      await eventually(async () => ((await health())?.status === 200 ? true : undefined), 30000);
    });
    afterAll(async () => {
      service?.kill('SIGKILL');
      redis?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    it('/health reports Redis down with 503 and the database up, then recovers', async () => {
      redis.kill('SIGKILL');
      const down = await eventually(async () => {
        const h = await health();
        return h?.status === 503 ? h : undefined;
      });
      expect(down.body.status).toBe('error');
      expect(down.body.details.redis.status).toBe('down');
      expect(down.body.details.database.status).toBe('up');

      await startRedis();
      const up = await eventually(async () => {
        const h = await health();
        return h?.status === 200 ? h : undefined;
      });
      expect(up.body.details.redis.status).toBe('up');
    });

    it('stops gracefully on SIGTERM once its queues have reconnected', async () => {
      // BullMQ's connections reconnect with their own backoff; a SIGTERM in the middle of that backoff is
      // covered by the exit deadline in exitOnSignals (exit 1 after grace + 5 s), not by this test.
      await new Promise((r) => setTimeout(r, 4000));
      const exited = new Promise<number | null>((resolve) =>
        service.once('exit', (code) => resolve(code)),
      );
      service.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15000)),
      ]);
      expect(code).toBe(0);
    });
  });
});
