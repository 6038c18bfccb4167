/**
 * `npm run user:create -- --email E --password P --role officer|inspector|admin [--office CODE…] [--province CODE…]`
 * Creates a user in the configured database (DATABASE_URL, migrated first), as `POST /api/users` does:
 * same password rules (no default password, at least 10 characters), same scope rules, same audit event.
 * `--office` and `--province` repeat, or take comma-separated codes.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config/config.js';
import { openDatabase } from '../../database/database.js';
import { clockOf } from '../../infrastructure/clock.js';
import { AppError } from '../../infrastructure/http/app-error.js';
import { SYSTEM_ACTOR } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import { OfficesService } from '../offices/index.js';
import { USER_ROLES, type UserRole } from './user.entity.js';
import { UsersService } from './users.service.js';

const USAGE =
  'usage: npm run user:create -- --email E --password P --role officer|inspector|admin [--office CODE…] [--province CODE…]';

class UsageError extends Error {}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        office: { type: 'string', multiple: true },
        province: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (!values.email) throw new UsageError('--email is required');
  if (!values.password)
    throw new UsageError('--password is required (there is no default password)');
  if (!values.role || !(USER_ROLES as readonly string[]).includes(values.role)) {
    throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
  }
  const list = (v: string[] | undefined) =>
    (v ?? [])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    email: values.email,
    password: values.password,
    role: values.role as UserRole,
    offices: list(values.office),
    provinces: list(values.province),
  };
}

async function main(): Promise<number> {
  let input;
  try {
    input = parse(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`user:create: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const orm = await openDatabase(config.database);
  try {
    const clock = clockOf(config);
    const audit = new AuditService(orm.em, clock);
    const users = new UsersService(orm.em, audit, new OfficesService(orm.em, audit), clock);
    const user = await users.create(input, SYSTEM_ACTOR);
    const scope =
      user.role === 'admin'
        ? 'all offices'
        : [...user.offices, ...user.provinces.map((p) => `province ${p}`)].join(', ');
    process.stdout.write(`created ${user.role} ${user.email} (id ${user.id}; ${scope})\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = err.details ? ` ${JSON.stringify(err.details)}` : '';
    process.stderr.write(`user:create: ${err.message} [${err.code}]${details}\n`);
    return 1;
  } finally {
    await orm.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `user:create: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  },
);
