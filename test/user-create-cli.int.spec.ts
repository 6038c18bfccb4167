import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/database/database.js';
import { projectRoot } from '../src/infrastructure/project-root.js';
import { AuditEvent } from '../src/modules/audit/audit-event.entity.js';
import { verifyPassword } from '../src/modules/auth/index.js';
import { User } from '../src/modules/auth/user.entity.js';
import { Office } from '../src/modules/offices/office.entity.js';
import { DB_KINDS, type DbKind, scratchDatabase } from './support/harness.js';

/** A scratch database with office 06703 (province 67), and the built CLI run with node against it. */
function cliOn(kind: DbKind) {
  const ctx = {} as { env: Record<string, string>; drop: () => Promise<void>; orm: MikroORM };
  beforeAll(async () => {
    const db = await scratchDatabase(kind);
    Object.assign(ctx, db);
    ctx.orm = await openDatabase(loadConfig(db.env).database, { logger: () => undefined });
    const em = ctx.orm.em.fork();
    em.create(Office, { code: '06703', name: 'BHXH Mẫu', provinceCode: '67' });
    await em.flush();
  });
  afterAll(async () => {
    await ctx.orm?.close();
    await ctx.drop?.();
  });
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [join(projectRoot(), 'dist', 'src', 'modules', 'auth', 'user-create.cli.js'), ...args],
      {
        env: { ...process.env, ...ctx.env, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 30000,
      },
    );
  return { ctx, run };
}

/** `npm run user:create -- …` is the built CLI run with node on the configured database. */
describe.each(DB_KINDS)('user:create on %s', (kind) => {
  const { ctx, run } = cliOn(kind);

  it('creates an officer with its offices and provinces, hashed password, audited', async () => {
    const r = run(
      '--email',
      'Ha.Le@Test.Example',
      '--password',
      'a sound passphrase',
      '--role',
      'officer',
      '--office',
      '06703',
      '--province',
      '67',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^created officer ha\.le@test\.example \(id [\w-]{36}; 06703, province 67\)\n$/,
    );
    const user = await ctx.orm.em.fork().findOneOrFail(User, { email: 'ha.le@test.example' });
    expect(user).toMatchObject({
      role: 'officer',
      offices: ['06703'],
      provinces: ['67'],
      active: true,
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, 'a sound passphrase')).toBe(true);
    const [ev] = await ctx.orm.em
      .fork()
      .find(AuditEvent, { action: 'user.create', objectId: user.id });
    expect(ev).toMatchObject({
      userId: null,
      details: expect.objectContaining({ email: 'ha.le@test.example' }),
    });
  });

  it('creates an admin (no offices: it sees all)', () => {
    const r = run(
      '--email',
      'root@test.example',
      '--password',
      'another passphrase',
      '--role',
      'admin',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('all offices');
  });
});

describe('user:create refuses (sqlite)', () => {
  const { run } = cliOn('sqlite');

  it.each([
    [
      ['--email', 'x@test.example', '--role', 'admin'],
      2,
      /--password is required \(there is no default password\)/,
    ],
    [
      ['--email', 'x@test.example', '--password', 'short', '--role', 'admin'],
      1,
      /at least 10 characters \[WEAK_PASSWORD\]/,
    ],
    [
      ['--email', 'x@test.example', '--password', 'a sound passphrase', '--role', 'boss'],
      2,
      /--role must be one of/,
    ],
    [
      ['--email', 'x@test.example', '--password', 'a sound passphrase', '--role', 'officer'],
      1,
      /USER_SCOPE_INVALID/,
    ],
    [
      [
        '--email',
        'x@test.example',
        '--password',
        'a sound passphrase',
        '--role',
        'officer',
        '--office',
        '09999',
      ],
      1,
      /09999/,
    ],
    [
      [
        '--email',
        'x@test.example',
        '--password',
        'a sound passphrase',
        '--role',
        'admin',
        '--bogus',
      ],
      2,
      /Unknown option '--bogus'/,
    ],
  ])('%j (exit %i)', (args, status, message) => {
    const r = run(...args);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a second user with the same email (any case)', () => {
    expect(
      run('--email', 'dup@test.example', '--password', 'a sound passphrase', '--role', 'admin')
        .status,
    ).toBe(0);
    const r = run(
      '--email',
      'DUP@test.example',
      '--password',
      'a sound passphrase',
      '--role',
      'admin',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/USER_EXISTS/);
  });
});
