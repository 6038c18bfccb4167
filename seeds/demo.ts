import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createHttpApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { exitOnSignals } from '../src/infrastructure/shutdown.js';
import { type Actor, SYSTEM_ACTOR } from '../src/modules/access/index.js';
import type { UserRole } from '../src/modules/access/roles.js';
import { UsersService } from '../src/modules/auth/index.js';
import { OfficesService } from '../src/modules/offices/index.js';
import { Clock } from '../src/infrastructure/clock.js';
import { JobProducer } from '../src/infrastructure/queue/job-producer.service.js';
import { ImportsService } from '../src/modules/imports/index.js';
import { NightlyService } from '../src/modules/reconciliation/index.js';
import { generateProvince, writeProvince } from './generator/index.js';

/**
 * `npm run demo`: the service on the embedded SQLite default with a synthetic province loaded as a user
 * would load it — its workbooks of every kind written under `data/demo/`, uploaded as ONE import set
 * through the import pipeline (kinds recognised from the headers, committed in dependency order, one
 * reconciliation), then the day run for yesterday — and prints where to look. A rerun uploads the same
 * files again: they are the same batches, already committed, so nothing changes.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const province = generateProvince({ seed: 1, scale: 'small' });
  const outDir = join(config.dataDir, 'demo');
  // written once: the same bytes on a rerun are the same batches (already committed: nothing doubles)
  if (!existsSync(join(outDir, 'employers.xlsx')))
    await writeProvince(province, outDir, { truth: true });
  const app = await createHttpApp(config);
  exitOnSignals(app, config.shutdownGraceMs);
  const offices = app.get(OfficesService);
  const known = new Set((await offices.list()).map((o) => o.code));
  for (const o of province.offices) if (!known.has(o.code)) await offices.create(o);
  const demoOffice = province.offices[0].code;
  const credentials = await demoUsers(
    app.get(UsersService),
    demoOffice,
    process.argv.includes('--reset-passwords'),
  );
  await app.listen(config.http.port, config.http.host);
  const url = `http://localhost:${config.http.port}`;
  const files = demoFiles(outDir);
  log(`loading the demo province: ${files.length} workbooks in one import set`);
  await loadAsSet(app, files);
  const day = app.get(Clock).yesterday();
  await dayRun(app, day);
  log(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const mine = province.employers.filter((e) => e.officeCode === demoOffice);
  const prolonged =
    mine.find((e) => e.profile === 'arrears-12') ?? mine.find((e) => e.profile === 'arrears-3');
  process.stdout.write(
    [
      '',
      `sothu demo is running on ${config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL'}`,
      `  health:   ${url}/health`,
      `  API docs: ${url}/api/docs`,
      `  offices:  ${url}/api/offices (${province.offices.length} demo offices)`,
      `  the workbooks it loaded: ${outDir}`,
      '',
      `open the console: ${url}/`,
      `demo users (sign in with POST ${url}/api/auth/login {email, password}); passwords are shown this once:`,
      ...credentials,
      '',
      'what to look at first:',
      `  - the inspection queue (as the inspector): ${url}/inspection-queue — the day run of ${day} raised the flags`,
      prolonged
        ? `  - an employer with prolonged arrears: ${url}/employers/${prolonged.unitCode} (${prolonged.name})`
        : `  - the employers: ${url}/employers`,
      `  - the receipts to match (as the officer): ${url}/receipts`,
      `  - the import set it loaded: ${url}/imports`,
      '',
    ].join('\n'),
  );
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The province's workbooks, as an officer's month lies in a folder (no kinds said: the headers tell). */
function demoFiles(dir: string): string[] {
  const top = readdirSync(dir).filter((f) => f.endsWith('.xlsx') && f !== 'big-roster.xlsx');
  const rosters = existsSync(join(dir, 'rosters'))
    ? readdirSync(join(dir, 'rosters'))
        .filter((f) => f.endsWith('.xlsx'))
        .map((f) => join('rosters', f))
    : [];
  return [...top, ...rosters].sort().map((f) => join(dir, f));
}

/**
 * Uploads the files as one import set through the import service (the route's own path: kinds from the
 * headers, each file a batch, checked by the import jobs), commits all valid rows when every file is
 * checked, and prints a line per file as it goes.
 */
async function loadAsSet(app: INestApplication, paths: string[]): Promise<void> {
  const users = app.get(UsersService);
  const admin = (await users.list(500)).items.find((u) => u.email === 'admin@demo.sothu.local');
  if (!admin) throw new Error('the demo admin is missing');
  const user = await users.toAuthUser(admin);
  const actor: Actor = { userId: admin.id, email: admin.email, ip: null };
  const imports = app.get(ImportsService);
  const uploads = await Promise.all(
    paths.map(async (p) => ({ originalName: basename(p), bytes: await readFile(p) })),
  );
  const { set } = await imports.receiveSet(uploads, user, actor);
  const shown = new Map<string, string>();
  const watch = async (until: (s: Awaited<ReturnType<ImportsService['getSet']>>) => boolean) => {
    for (;;) {
      const view = await imports.getSet(set.id, user);
      for (const b of view.batches) {
        const line = `${b.status}`;
        if (shown.get(b.id) === line) continue;
        shown.set(b.id, line);
        if (['validated', 'committed', 'rejected', 'failed'].includes(b.status)) {
          const warn = b.warningCount ? `, ${b.warningCount} warning(s)` : '';
          const err = b.problemCount - b.warningCount;
          log(
            `  ${b.status.padEnd(9)} ${b.kind.padEnd(11)} ${b.fileName.padEnd(36)} ${b.status === 'committed' ? b.committedRows : b.validRows} rows${err ? `, ${err} error(s)` : ''}${warn}`,
          );
        }
      }
      if (until(view)) return view;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const checked = await watch((v) =>
    v.batches.every((b) => !['queued', 'parsing'].includes(b.status)),
  );
  if (!checked.batches.some((b) => b.status === 'validated')) {
    log('  every file was loaded before: nothing to commit');
    return;
  }
  await imports.requestSetCommit(set.id, user, actor);
  await watch((v) => v.set.status !== 'committing');
}

/** The day run for `day` (flags are raised only by a day run), unless one finished already. */
async function dayRun(app: INestApplication, day: string): Promise<void> {
  const nightly = app.get(NightlyService);
  if ((await nightly.list('completed', 50)).some((r) => r.day === day)) {
    log(`day run of ${day}: done before`);
    return;
  }
  // the set's reconciliation runs first (the same employers are serialised anyway)
  await app.get(JobProducer).enqueue('nightly.run', { day, trigger: 'manual' });
  log(`day run of ${day}: started`);
  for (;;) {
    const runs = (await nightly.list(undefined, 20)).filter((r) => r.day === day);
    if (runs.some((r) => r.status === 'completed')) break;
    if (runs.some((r) => r.status === 'failed')) throw new Error(`the day run of ${day} failed`);
    await new Promise((r) => setTimeout(r, 300));
  }
  log(`day run of ${day}: completed`);
}

/**
 * One user per role: the officer and the inspector work in the first demo office, the admin sees all.
 * Passwords are random, made now, printed once and stored only as hashes; a rerun keeps existing users
 * and their passwords, unless `--reset-passwords` asks for new ones.
 */
async function demoUsers(users: UsersService, office: string, reset: boolean): Promise<string[]> {
  const existing = new Set((await users.list(500)).items.map((u) => u.email));
  const lines: string[] = [];
  for (const role of ['officer', 'inspector', 'admin'] as UserRole[]) {
    const email = `${role}@demo.sothu.local`;
    const password = randomBytes(12).toString('base64url');
    if (existing.has(email) && !reset) {
      lines.push(
        `  ${role.padEnd(9)} ${email}  (exists: password as printed when first created; new ones with npm run demo -- --reset-passwords)`,
      );
      continue;
    }
    if (existing.has(email)) await users.resetPassword(email, password, SYSTEM_ACTOR);
    else
      await users.create(
        { email, password, role, offices: role === 'admin' ? [] : [office] },
        SYSTEM_ACTOR,
      );
    lines.push(
      `  ${role.padEnd(9)} ${email}  ${password}${role === 'admin' ? '' : `  (office ${office})`}`,
    );
  }
  return lines;
}

main().catch((err: unknown) => {
  process.stderr.write(`sothu demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
