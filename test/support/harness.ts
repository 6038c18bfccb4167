import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHttpApp } from '../../src/bootstrap.js';
import { type AppConfig, loadConfig } from '../../src/config/config.js';
import { createScratchPostgres } from './scratch-postgres.js';
import { SYSTEM_ACTOR } from '../../src/modules/access/index.js';
import { AuthService } from '../../src/modules/auth/index.js';
import type { UserRole } from '../../src/modules/access/roles.js';
import { UsersService } from '../../src/modules/auth/index.js';
import { OfficesService } from '../../src/modules/offices/index.js';

export type DbKind = 'sqlite' | 'postgresql';
export const DB_KINDS: DbKind[] = ['sqlite', 'postgresql'];

export const PG_BASE_URL = process.env.TEST_PG_URL ?? 'postgres://127.0.0.1/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A clean database of either kind: a temp SQLite file, or a scratch PostgreSQL database; and a temp
 * DATA_DIR beside it (uploads), so nothing lands in the working tree.
 */
export async function scratchDatabase(
  kind: DbKind,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sothu-test-'));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  if (kind === 'postgresql') {
    const pg = await createScratchPostgres(PG_BASE_URL).catch(async (err: unknown) => {
      await removeDir();
      throw err;
    });
    return {
      env: { DATABASE_URL: pg.url, DATA_DIR: join(dir, 'data') },
      drop: async () => {
        await pg.drop();
        await removeDir();
      },
    };
  }
  return {
    env: { DATABASE_URL: `sqlite:${join(dir, 'test.sqlite')}`, DATA_DIR: join(dir, 'data') },
    drop: removeDir,
  };
}

/**
 * The configuration of one isolated suite: a clean database of the given kind (see
 * {@link scratchDatabase}) and a Redis key prefix of its own, so suites never see each other's data
 * or jobs. `cleanUp` drops the database and deletes the prefix's keys; `dropDatabase` only drops the
 * database (for a start that failed, maybe for want of Redis: its error must stay the one reported).
 */
export async function isolatedConfig(
  kind: DbKind,
  env: Record<string, string> = {},
): Promise<{
  config: AppConfig;
  cleanUp: () => Promise<void>;
  dropDatabase: () => Promise<void>;
}> {
  const db = await scratchDatabase(kind);
  const prefix = `sothu-test-${randomBytes(4).toString('hex')}`;
  let config: AppConfig;
  try {
    config = loadConfig({
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      WORKER_CONCURRENCY: '2',
      ...db.env,
      ...env,
    });
  } catch (err) {
    await db.drop();
    throw err;
  }
  return {
    config,
    cleanUp: async () => {
      await db.drop();
      await deleteRedisPrefix(config.redis.url, prefix);
    },
    dropDatabase: db.drop,
  };
}

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  close: () => Promise<void>;
}

/**
 * Boots the real application (HTTP + in-process workers) on a clean database of the given kind and a
 * Redis key prefix of its own, so suites never see each other's data or jobs.
 */
export async function startTestApp(
  kind: DbKind,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const { config, cleanUp, dropDatabase } = await isolatedConfig(kind, env);
  let app: INestApplication;
  try {
    app = await createHttpApp(config, { logger: false });
  } catch (err) {
    await dropDatabase();
    throw err;
  }
  return {
    app,
    config,
    close: async () => {
      await app.close();
      await cleanUp();
    },
  };
}

export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20000,
  stepMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export interface TestUserOptions {
  role: UserRole;
  /** Office codes (created on the fly, in province `99`, when they do not exist yet). Admins get none. */
  offices?: string[];
  provinces?: string[];
  email?: string;
  password?: string;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: UserRole;
  /** `{ Authorization: 'Bearer …' }` for this user. */
  headers: { Authorization: string };
}

/** Default office of non-admin test users (created on demand). */
export const TEST_OFFICE = '09901';

/**
 * Creates a user through the service (as an admin would) and mints a token for it without going
 * through `POST /api/auth/login` (which is rate limited). Officers and inspectors default to
 * {@link TEST_OFFICE}.
 */
export async function createUser(
  t: Pick<TestApp, 'app'>,
  opts: TestUserOptions,
): Promise<TestUser> {
  const offices =
    opts.role === 'admin' ? [] : (opts.offices ?? (opts.provinces ? [] : [TEST_OFFICE]));
  const officeService = t.app.get(OfficesService);
  const known = new Set((await officeService.list()).map((o) => o.code));
  for (const code of offices) {
    if (!known.has(code))
      await officeService.create({ code, name: `Test office ${code}`, provinceCode: '99' });
  }
  const email = opts.email ?? `${opts.role}-${randomBytes(4).toString('hex')}@test.example`;
  const password = opts.password ?? `pw-${randomBytes(12).toString('hex')}`;
  const user = await t.app
    .get(UsersService)
    .create({ email, password, role: opts.role, offices, provinces: opts.provinces }, SYSTEM_ACTOR);
  const { token } = await t.app.get(AuthService).issueToken(user);
  return {
    id: user.id,
    email: user.email,
    password,
    role: user.role,
    headers: { Authorization: `Bearer ${token}` },
  };
}

const headerCache = new WeakMap<object, Map<string, Promise<{ Authorization: string }>>>();

/**
 * `{ Authorization: 'Bearer …' }` of a user with this role (and offices), created once per app and
 * reused: `request(server).get('/api/offices').set(await authHeader(t, 'admin'))`.
 */
export function authHeader(
  t: Pick<TestApp, 'app'>,
  role: UserRole,
  offices?: string[],
): Promise<{ Authorization: string }> {
  let perApp = headerCache.get(t.app);
  if (!perApp) headerCache.set(t.app, (perApp = new Map()));
  const key = `${role}:${(offices ?? []).join(',')}`;
  let header = perApp.get(key);
  if (!header) {
    header = createUser(t, { role, offices }).then((u) => u.headers);
    perApp.set(key, header);
  }
  return header;
}
