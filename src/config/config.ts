import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The one validated configuration schema. Read once at start from the environment; nobody else reads
 * `process.env`. A bad value stops the start with a message that names the variable.
 */
const roles = ['all', 'api', 'worker'] as const;
export type Role = (typeof roles)[number];

const positiveInt = (fallback: number) =>
  z.coerce.number().int('must be a whole number').positive('must be positive').default(fallback);

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default('sqlite:./data/sothu.sqlite')
    .refine((v) => /^(postgres(ql)?:\/\/|sqlite:|file:)/.test(v) || v.endsWith('.sqlite'), {
      message: 'must be postgres://… (PostgreSQL) or sqlite:PATH (SQLite file)',
    }),
  REDIS_URL: z
    .string()
    .trim()
    .default('redis://127.0.0.1:6379')
    .refine((v) => /^rediss?:\/\//.test(v), { message: 'must start with redis:// or rediss://' }),
  REDIS_PREFIX: z.string().trim().min(1).default('sothu'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  ROLE: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }).default('all'),
  BUSINESS_TZ: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  NIGHTLY_CRON: z.string().trim().min(1).default('30 1 * * *'),
  WORKER_LOCK_MS: positiveInt(30000),
  WORKER_CONCURRENCY: positiveInt(2),
  SHUTDOWN_GRACE_MS: positiveInt(30000),
  UPLOAD_MAX_BYTES: positiveInt(50 * 1024 * 1024),
  UPLOAD_MAX_UNCOMPRESSED_BYTES: positiveInt(600 * 1024 * 1024),
  IMPORT_MAX_ROWS: positiveInt(1_500_000),
});

export interface AppConfig {
  database: { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string };
  redis: { url: string; prefix: string };
  http: { port: number; host: string };
  role: Role;
  businessTimeZone: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dataDir: string;
  nightlyCron: string;
  /** How long a job's lock lasts; a worker that died frees its jobs after this long. */
  workerLockMs: number;
  workerConcurrency: number;
  shutdownGraceMs: number;
  limits: { uploadMaxBytes: number; uncompressedMaxBytes: number; maxRows: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A PostgreSQL URL without a user name means the operating-system user, as `psql` does. */
export function withDefaultPgUser(url: string): string {
  const u = new URL(url);
  if (!u.username) u.username = process.env.PGUSER ?? userInfo().username;
  return u.toString();
}

function sqliteFile(url: string): string {
  const path = url.replace(/^(sqlite:|file:)(\/\/)?/, '');
  return path === ':memory:' ? path : resolve(path);
}

/** Parse and validate the environment. Throws {@link ConfigError} naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`),
    );
  }
  const e = parsed.data;
  const isPg = /^postgres(ql)?:\/\//.test(e.DATABASE_URL);
  return {
    database: isPg ? { kind: 'postgresql', url: withDefaultPgUser(e.DATABASE_URL) } : { kind: 'sqlite', file: sqliteFile(e.DATABASE_URL) },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    http: { port: e.PORT, host: e.HOST },
    role: e.ROLE,
    businessTimeZone: e.BUSINESS_TZ,
    logLevel: e.LOG_LEVEL,
    dataDir: resolve(e.DATA_DIR),
    nightlyCron: e.NIGHTLY_CRON,
    workerLockMs: e.WORKER_LOCK_MS,
    workerConcurrency: e.WORKER_CONCURRENCY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    limits: {
      uploadMaxBytes: e.UPLOAD_MAX_BYTES,
      uncompressedMaxBytes: e.UPLOAD_MAX_UNCOMPRESSED_BYTES,
      maxRows: e.IMPORT_MAX_ROWS,
    },
  };
}

/** Injection token for {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');
