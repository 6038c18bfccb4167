import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to a SQLite file under ./data, local Redis, all roles, Hanoi business time', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({
      kind: 'sqlite',
      file: expect.stringMatching(/\/data\/sothu\.sqlite$/),
    });
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.role).toBe('all');
    expect(c.http.port).toBe(3000);
    expect(c.businessTimeZone).toBe('Asia/Ho_Chi_Minh');
    expect(c.nightlyCron).toBe('30 1 * * *');
  });

  it('selects PostgreSQL from a postgres:// URL and fills in the OS user when the URL has none', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/test' });
    expect(c.database.kind).toBe('postgresql');
    expect(c.database.kind === 'postgresql' && new URL(c.database.url).username).not.toBe('');
    const named = loadConfig({ DATABASE_URL: 'postgresql://app:pw@db:5432/sothu' });
    expect(named.database).toEqual({
      kind: 'postgresql',
      url: 'postgresql://app:pw@db:5432/sothu',
    });
  });

  it.each([
    ['PORT', 'eighty', /PORT: /],
    ['PORT', '70000', /PORT: /],
    ['ROLE', 'boss', /ROLE: must be one of all, api, worker/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: must be postgres/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL: must start with redis:\/\//],
    ['BUSINESS_TZ', 'Mars/Olympus', /BUSINESS_TZ: must be an IANA time zone/],
    ['WORKER_CONCURRENCY', '0', /WORKER_CONCURRENCY: must be positive/],
    ['API_PROCESSES', '0', /API_PROCESSES: must be at least 1/],
    ['API_PROCESSES', 'two', /API_PROCESSES: /],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('requires AUTH_JWT_SECRET in production and generates a per-process one elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /AUTH_JWT_SECRET: required when NODE_ENV=production/,
    );
    const secret = 'x'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret }).auth).toMatchObject({
      jwtSecret: secret,
      jwtSecretSource: 'env',
    });
    const a = loadConfig({}).auth;
    const b = loadConfig({}).auth;
    expect(a.jwtSecretSource).toBe('generated');
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(
      /AUTH_JWT_SECRET: must be at least 32 characters/,
    );
  });

  it.each([
    ['3600', 3600],
    ['90s', 90],
    ['30m', 1800],
    ['1h', 3600],
    ['1d', 86400],
  ])('reads AUTH_TOKEN_TTL=%s as %i seconds', (ttl, seconds) => {
    expect(loadConfig({ AUTH_TOKEN_TTL: ttl }).auth.tokenTtlSeconds).toBe(seconds);
  });

  it('defaults to 1 h tokens, lockout after 5 failures for 15 minutes, 10 logins a minute per IP', () => {
    expect(loadConfig({}).auth).toMatchObject({
      tokenTtlSeconds: 3600,
      lockoutThreshold: 5,
      lockoutMinutes: 15,
      loginsPerMinute: 10,
    });
    expect(() => loadConfig({ AUTH_TOKEN_TTL: '8 weeks' })).toThrow(
      /AUTH_TOKEN_TTL: must be a duration/,
    );
    expect(() => loadConfig({ AUTH_TOKEN_TTL: '30d' })).toThrow(/AUTH_TOKEN_TTL/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', ROLE: 'y' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'PORT',
        'ROLE',
      ]);
    }
  });
});
