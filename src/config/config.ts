import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../infrastructure/project-root.js';

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
  API_PROCESSES: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(64, 'must be at most 64')
    .default(1),
  BUSINESS_TZ: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  REFERENCE_DIR: z.string().trim().min(1).optional(),
  CLOCK_FIXED_AT: z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), {
      message: 'must be an ISO instant such as 2026-06-30T10:00:00+07:00',
    })
    .optional(),
  NIGHTLY_CRON: z.string().trim().min(1).default('30 1 * * *'),
  WORKER_LOCK_MS: positiveInt(30000),
  WORKER_CONCURRENCY: positiveInt(2),
  SHUTDOWN_GRACE_MS: positiveInt(30000),
  RECOVERY_INTERVAL_MS: positiveInt(60000),
  UPLOAD_MAX_BYTES: positiveInt(50 * 1024 * 1024),
  UPLOAD_MAX_UNCOMPRESSED_BYTES: positiveInt(600 * 1024 * 1024),
  IMPORT_MAX_ROWS: positiveInt(1_500_000),
  IMPORT_HEAP_MB: positiveInt(40),
  ERRORS_INLINE_ROWS: positiveInt(20_000),
  UPLOAD_RATE_LIMIT: positiveInt(60),
  NODE_ENV: z.string().trim().default('development'),
  AUTH_JWT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)')
    .optional(),
  AUTH_TOKEN_TTL: z
    .string()
    .trim()
    .default('1h')
    .refine((v) => durationSeconds(v) !== undefined, {
      message: 'must be a duration from 1s to 7d such as 3600, 90s, 30m, 1h or 1d',
    }),
  AUTH_LOCKOUT_THRESHOLD: positiveInt(5),
  AUTH_LOCKOUT_MINUTES: positiveInt(15),
  AUTH_LOGIN_RATE_LIMIT: positiveInt(10),
  REPORT_FONT: z.string().trim().min(1).default('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  REPORT_FONT_BOLD: z
    .string()
    .trim()
    .min(1)
    .default('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'),
});

export interface AppConfig {
  database: { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string };
  redis: { url: string; prefix: string };
  http: { port: number; host: string };
  role: Role;
  /**
   * HTTP processes (node:cluster) sharing the port, for `npm start` (ROLE=api or all): one primary
   * forks them and serves nothing itself. 1: the process serves alone, no cluster.
   */
  apiProcesses: number;
  businessTimeZone: string;
  /** Tests and demos only: the clock stands still at this instant (`CLOCK_FIXED_AT`). */
  clockFixedAt: Date | null;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dataDir: string;
  /** The effective-dated reference data loaded at start (JSON files; default `seeds/reference/`). */
  referenceDir: string;
  nightlyCron: string;
  /** How long a job's lock lasts; a worker that died frees its jobs after this long. */
  workerLockMs: number;
  workerConcurrency: number;
  shutdownGraceMs: number;
  /** How often a worker process looks for runs and imports whose jobs vanished from Redis. */
  recoveryIntervalMs: number;
  limits: {
    uploadMaxBytes: number;
    uncompressedMaxBytes: number;
    maxRows: number;
    uploadsPerMinute: number;
    /** JS heap in use past which an import runs a full collection (with `--expose-gc`; see HeapGuard). */
    importHeapBytes: number;
    /** Uploads of more rows get their errors.xlsx rendered by a job (`import.errors`), not on a request. */
    errorsInlineRows: number;
  };
  /** Unicode TrueType fonts the PDF reports embed (Vietnamese diacritics); read at run time, never fetched. */
  reportFonts: { regular: string; bold: string };
  auth: {
    /** HS256 signing key. */
    jwtSecret: string;
    /** `generated`: AUTH_JWT_SECRET was unset outside production; tokens die with the process. */
    jwtSecretSource: 'env' | 'generated';
    tokenTtlSeconds: number;
    /** Failed sign-ins in a row that lock an account… */
    lockoutThreshold: number;
    /** …for this long. */
    lockoutMinutes: number;
    /** Login attempts per minute per client IP. */
    loginsPerMinute: number;
  };
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

const durationUnits: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** `3600`, `90s`, `30m`, `1h`, `1d` → seconds; undefined when not a duration from 1 s to 7 days. */
export function durationSeconds(text: string): number | undefined {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * durationUnits[m[2]];
  return seconds >= 1 && seconds <= 7 * 86400 ? seconds : undefined;
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
      parsed.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`,
      ),
    );
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.CLOCK_FIXED_AT) {
    throw new ConfigError(['CLOCK_FIXED_AT: tests and demos only, never with NODE_ENV=production']);
  }
  if (e.NODE_ENV === 'production' && !e.AUTH_JWT_SECRET) {
    throw new ConfigError([
      'AUTH_JWT_SECRET: required when NODE_ENV=production (at least 32 characters)',
    ]);
  }
  const isPg = /^postgres(ql)?:\/\//.test(e.DATABASE_URL);
  return {
    database: isPg
      ? { kind: 'postgresql', url: withDefaultPgUser(e.DATABASE_URL) }
      : { kind: 'sqlite', file: sqliteFile(e.DATABASE_URL) },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    http: { port: e.PORT, host: e.HOST },
    role: e.ROLE,
    apiProcesses: e.API_PROCESSES,
    businessTimeZone: e.BUSINESS_TZ,
    clockFixedAt: e.CLOCK_FIXED_AT ? new Date(e.CLOCK_FIXED_AT) : null,
    logLevel: e.LOG_LEVEL,
    dataDir: resolve(e.DATA_DIR),
    referenceDir: e.REFERENCE_DIR
      ? resolve(e.REFERENCE_DIR)
      : join(projectRoot(), 'seeds', 'reference'),
    nightlyCron: e.NIGHTLY_CRON,
    workerLockMs: e.WORKER_LOCK_MS,
    workerConcurrency: e.WORKER_CONCURRENCY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    recoveryIntervalMs: e.RECOVERY_INTERVAL_MS,
    limits: {
      uploadMaxBytes: e.UPLOAD_MAX_BYTES,
      uncompressedMaxBytes: e.UPLOAD_MAX_UNCOMPRESSED_BYTES,
      maxRows: e.IMPORT_MAX_ROWS,
      uploadsPerMinute: e.UPLOAD_RATE_LIMIT,
      importHeapBytes: e.IMPORT_HEAP_MB * 1024 * 1024,
      errorsInlineRows: e.ERRORS_INLINE_ROWS,
    },
    reportFonts: { regular: resolve(e.REPORT_FONT), bold: resolve(e.REPORT_FONT_BOLD) },
    auth: {
      // never a committed default: outside production an unset secret is random per process
      jwtSecret: e.AUTH_JWT_SECRET ?? randomBytes(48).toString('base64url'),
      jwtSecretSource: e.AUTH_JWT_SECRET ? 'env' : 'generated',
      tokenTtlSeconds: durationSeconds(e.AUTH_TOKEN_TTL)!,
      lockoutThreshold: e.AUTH_LOCKOUT_THRESHOLD,
      lockoutMinutes: e.AUTH_LOCKOUT_MINUTES,
      loginsPerMinute: e.AUTH_LOGIN_RATE_LIMIT,
    },
  };
}

/** Injection token for {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');
