import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { exitOnSignals } from '../src/infrastructure/shutdown.js';
import { SYSTEM_ACTOR } from '../src/modules/access/index.js';
import type { UserRole } from '../src/modules/access/roles.js';
import { UsersService } from '../src/modules/auth/index.js';
import { OfficesService } from '../src/modules/offices/index.js';
import { generateProvince, writeProvince } from './generator/index.js';

/**
 * `npm run demo`: the service on the embedded SQLite default with demo data — a synthetic province's
 * offices in the database and its workbooks of every kind under `data/demo/` to upload. Grows as
 * capabilities land.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const province = generateProvince({ seed: 1, scale: 'small' });
  const outDir = join(config.dataDir, 'demo');
  if (!existsSync(join(outDir, 'employers.xlsx'))) {
    await writeProvince(province, outDir, { truth: true });
  }
  const app = await createHttpApp(config);
  exitOnSignals(app, config.shutdownGraceMs);
  const offices = app.get(OfficesService);
  const known = new Set((await offices.list()).map((o) => o.code));
  for (const o of province.offices) if (!known.has(o.code)) await offices.create(o);
  const demoOffice = province.offices[0].code;
  const credentials = await demoUsers(app.get(UsersService), demoOffice);
  await app.listen(config.http.port, config.http.host);
  const url = `http://localhost:${config.http.port}`;
  process.stdout.write(
    [
      '',
      `sothu demo is running on ${config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL'}`,
      `  health:   ${url}/health`,
      `  API docs: ${url}/api/docs`,
      `  offices:  ${url}/api/offices (${province.offices.length} demo offices)`,
      `  workbooks of every kind to import: ${outDir}`,
      '',
      `demo users (sign in with POST ${url}/api/auth/login {email, password}); passwords are shown this once:`,
      ...credentials,
      '',
    ].join('\n'),
  );
}

/**
 * One user per role: the officer and the inspector work in the first demo office, the admin sees all.
 * Passwords are random, made now, printed once and stored only as hashes; a rerun keeps existing users.
 */
async function demoUsers(users: UsersService, office: string): Promise<string[]> {
  const existing = new Set((await users.list(500)).items.map((u) => u.email));
  const lines: string[] = [];
  for (const role of ['officer', 'inspector', 'admin'] as UserRole[]) {
    const email = `${role}@demo.sothu.local`;
    if (existing.has(email)) {
      lines.push(`  ${role.padEnd(9)} ${email}  (exists: password as printed when first created; or make another with npm run user:create)`);
      continue;
    }
    const password = randomBytes(12).toString('base64url');
    await users.create({ email, password, role, offices: role === 'admin' ? [] : [office] }, SYSTEM_ACTOR);
    lines.push(`  ${role.padEnd(9)} ${email}  ${password}${role === 'admin' ? '' : `  (office ${office})`}`);
  }
  return lines;
}

main().catch((err: unknown) => {
  process.stderr.write(`sothu demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
