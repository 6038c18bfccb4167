/**
 * Roster import benchmark.
 *   npm run build && node dist/bench/import.js [--lines 100000,1000000] [--fixture d02|big]
 *                           [--modes a,b] [--runs N] [--child-flags="…"]
 *   Each child runs with --child-flags, by default the node flags of `npm run start:worker`
 *   (--max-semi-space-size=16 --no-allocation-site-pretenuring --expose-gc: see HeapGuard and the README),
 *   so it runs the import as the worker does.
 *   (or npx tsx bench/import.ts …: the same, but every child then also carries the tsx loader, ~20–40 MB
 *   of RSS the service does not have; the built form runs as `npm run start:worker` does)
 *
 * Makes (or reuses, under <tmpdir>/sothu-bench) one roster workbook per line count, then runs each
 * mode in a child process of its own, so each figure has its own peak RSS (VmHWM):
 *   idle           imports everything, reads nothing: the RSS of the runtime and loader alone
 *   exceljs-bare   exceljs' streaming WorkbookReader iterating rows: the reference ceiling
 *   xlsx-bare      our streaming .xlsx source (src/infrastructure/excel/xlsx-source.ts) iterating rows
 *   parse          readWorkbook(path, 'roster'): header detection, value parsing, validation, typed
 *                  records in batches of 1,000 (everything but the commit)
 * Fixtures: `d02` (default) is a D02-LT style sheet as Excel saves one: title rows, a "Mã đơn vị:"
 * cell above the header, shared strings (three distinct strings a line, so the shared-string table
 * grows with the file), date cells; `big` is the synthetic province's big roster
 * (seeds/generator/writers/big-roster.ts): a unit-code column and inline strings.
 *
 * Each mode imports what it needs when it runs, so a child's RSS holds that code only.
 *
 *   commit-sqlite / commit-postgresql
 *                  the import end to end as the jobs run it: a batch row, then ImportPipeline.parse
 *                  (stream + validate + the writer's checks) and ImportPipeline.commit (stream again,
 *                  check, bulk insert in one transaction, one write in flight while the next rows are
 *                  read), on a fresh SQLite file or scratch
 *                  PostgreSQL database (DATABASE_URL, default postgres://127.0.0.1/test, is the base).
 *                  These load the built service (`npm run build` first): its entities need the
 *                  decorator metadata tsx does not emit.
 *
 *   worker-sqlite / worker-postgresql
 *                  the same import in the worker process itself (`dist/jobs/main.js`, every feature
 *                  module loaded, with the flags of `npm run start:worker`), through its `import.parse`
 *                  and `import.commit` jobs on Redis (REDIS_URL, a prefix of its own): the time from the
 *                  parse job's queueing to the batch committed, the worker's CPU and its peak RSS.
 *
 *   reconcile-sqlite / reconcile-postgresql
 *                  the worker modes' import, then the `reconcile.employer` job its commit queues for the
 *                  file's one employer (every line of the file on its roster): the job's own time (BullMQ's
 *                  processedOn to finishedOn), the worker's CPU in that job and its peak RSS over both.
 *
 *   floor          the machine's floor for the same work: every part of the package inflated (node's
 *                  zlib) with the sheet XML scanned for its rows (a byte search for `<row`, no decoding),
 *                  then PostgreSQL `COPY` of the same rows (the roster lines as the commit writes them,
 *                  made before the clock starts) into roster_line of a scratch database, in one
 *                  transaction. Its time is the two parts' sum; each part is printed as well.
 *
 * After each line count the run prints the ratios between the modes it ran (medians of the runs):
 * exceljs-bare ÷ commit-* (how many times as fast as exceljs' bare read the whole import is) and
 * commit-* ÷ floor (how far above the floor).
 *
 * Adding a mode: put an entry in MODES.
 */
import { peakRssMb } from '../src/infrastructure/peak-rss.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCommand } from './proc.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository: this file runs from bench/ (tsx) or, built, from dist/bench/. */
const REPO = HERE.endsWith(join('dist', 'bench')) ? join(HERE, '..', '..') : join(HERE, '..');
/** How `npm run start:worker` starts the worker (environment and node flags): the children run the import the same way. */
const WORKER_START = startCommand(REPO, 'start:worker');

interface Fixture {
  /** Rows above and including the header row: not lines. */
  headerRow: number;
  write(path: string, lines: number): Promise<void>;
}

interface ModeResult {
  lines: number;
  /** Peak RSS of the process that did the work, when that is not the child itself (worker modes). */
  rssMb?: number;
  problems?: number;
  /** What the mode's time is made of, printed beside it. */
  detail?: string;
  /** CPU time of the part timed by `ms`, when the mode times itself. */
  cpuMs?: number;
  /** The time of the import itself, when the mode has set-up to leave out (opening the database). */
  ms?: number;
}

interface Mode {
  name: string;
  run(path: string, fixture: Fixture): Promise<ModeResult>;
}

export const MODES: Mode[] = [
  { name: 'idle', run: () => Promise.resolve({ lines: 0 }) },
  { name: 'exceljs-bare', run: exceljsBare },
  { name: 'xlsx-bare', run: xlsxBare },
  { name: 'parse', run: parse },
  { name: 'commit-sqlite', run: (path) => commit('sqlite', path) },
  { name: 'commit-postgresql', run: (path) => commit('postgresql', path) },
  { name: 'worker-sqlite', run: (path) => inWorker('sqlite', path) },
  { name: 'worker-postgresql', run: (path) => inWorker('postgresql', path) },
  { name: 'reconcile-sqlite', run: (path) => inWorker('sqlite', path, true) },
  { name: 'reconcile-postgresql', run: (path) => inWorker('postgresql', path, true) },
  { name: 'floor', run: floor },
];

const FIXTURES: Record<string, Fixture> = {
  d02: { headerRow: 4, write: writeD02Roster },
  big: {
    headerRow: 1,
    write: async (path, lines) => {
      const { generateProvince } = await import('../seeds/generator/generate.js');
      const { writeBigRoster } = await import('../seeds/generator/writers/big-roster.js');
      await writeBigRoster(generateProvince({ scale: 'small', seed: 1 }), path, lines);
    },
  },
};

async function exceljsBare(path: string, fixture: Fixture): Promise<ModeResult> {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let lines = 0;
  for await (const ws of reader)
    for await (const row of ws) if (row.number > fixture.headerRow) lines++;
  return { lines };
}

async function xlsxBare(path: string, fixture: Fixture): Promise<ModeResult> {
  const { resolveLimits } = await import('../src/infrastructure/excel/limits.js');
  const { openXlsxSource } = await import('../src/infrastructure/excel/xlsx-source.js');
  let lines = 0;
  const source = openXlsxSource(path, resolveLimits());
  for await (const sheet of source.sheets()) {
    for await (const chunk of sheet.rows()) {
      for (const row of chunk) if (row.number > fixture.headerRow) lines++;
    }
  }
  return { lines };
}

/** Inflate every part and find the sheet's rows, then COPY the same rows: see the header. */
async function floor(path: string, fixture: Fixture): Promise<ModeResult> {
  const { resolveLimits } = await import('../src/infrastructure/excel/limits.js');
  const { inspectZip } = await import('../src/infrastructure/excel/container.js');
  const { entryChunks } = await import('../src/infrastructure/excel/zip-entry.js');
  const limits = resolveLimits({ maxUncompressedBytes: 8 * 1024 ** 3, maxUploadBytes: 1024 ** 3 });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const budget = { used: 0, limit: limits.maxUncompressedBytes };
  const tag = Buffer.from('<row ');
  let rows = 0;
  for (const entry of await inspectZip(path, limits)) {
    const sheet = entry.name.startsWith('xl/worksheets/');
    let tail: Buffer = Buffer.alloc(0);
    for await (const chunk of entryChunks(path, entry, budget)) {
      if (!sheet) continue;
      const buf = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      for (let i = buf.indexOf(tag); i >= 0; i = buf.indexOf(tag, i + tag.length)) rows++;
      tail = buf.subarray(Math.max(0, buf.length - tag.length + 1));
    }
  }
  // the lines are the file's (its name says how many: fixturePath); the scan found them and the rows above
  const lines = Number(/-(\d+)\.xlsx$/.exec(path)?.[1] ?? rows - fixture.headerRow);
  const readMs = performance.now() - t0;
  const readCpu = process.cpuUsage(cpu0);
  const { ms: copyMs, cpuMs: copyCpuMs } = await copyFloor(lines);
  return {
    lines,
    ms: readMs + copyMs,
    cpuMs: (readCpu.user + readCpu.system) / 1000 + copyCpuMs,
    detail: `inflate+scan ${(readMs / 1000).toFixed(2)} s (${rows} rows) + COPY ${(copyMs / 1000).toFixed(2)} s`,
  };
}

/** COPY of `lines` roster lines like the fixture's (built before the clock starts) into a scratch database. */
async function copyFloor(lines: number): Promise<{ ms: number; cpuMs: number }> {
  const dist = (p: string) => import(join(REPO, 'dist', p));
  const { loadConfig } = await dist('src/config/config.js');
  const { openDatabase } = await dist('src/database/database.js');
  const { copyText } = await dist('src/database/bulk-insert.js');
  const { default: pgCopy } = await import('pg-copy-streams');
  const { finished } = await import('node:stream/promises');
  const pg = await scratchDatabase('postgresql');
  const orm = await openDatabase(
    loadConfig({ DATABASE_URL: pg.url, LOG_LEVEL: 'silent' }).database,
  );
  try {
    const batch = '00000000-0000-4000-8000-00000000f100';
    const parts: Buffer[] = [];
    for (let from = 1; from <= lines; from += 5000) {
      const rows: unknown[][] = [];
      for (let i = from; i < Math.min(from + 5000, lines + 1); i++) {
        rows.push([
          'TC0001C',
          String(100000000 + i).padStart(10, '0'),
          `${FIRST_NAMES[i % 8]} ${LAST_NAMES[i % 16]} ${i}`,
          5_310_000 + (i % 50) * 10_000,
          (i % 10 === 0 ? 500_000 : 0) + (i % 7 === 0 ? 300_000 : 0),
          `2025-${String(1 + (i % 12)).padStart(2, '0')}`,
          i % 5 === 0 ? '2025-12' : null,
          batch,
        ]);
      }
      parts.push(copyText(rows));
    }
    const pool = await orm.em.getConnection().getNativeClient();
    const client = await pool.connect();
    try {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await client.query('begin');
      for (const text of parts) {
        const stream = client.query(
          pgCopy.from(
            'copy roster_line (unit_code, si_number, name, salary, allowances, from_month, to_month, batch_id) from stdin',
          ),
        );
        stream.end(text);
        await finished(stream);
      }
      await client.query('commit');
      const cpu = process.cpuUsage(cpu0);
      return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
    } finally {
      client.release();
    }
  } finally {
    await orm.close();
    await pg.drop();
  }
}

/** What the bench writes its rows through: an entity manager of the built service (loaded untyped). */
interface BenchEm {
  create(entity: unknown, data: object): object;
  flush(): Promise<void>;
}

/** A fresh database for one run: a scratch PostgreSQL database, or a SQLite file in a temporary folder. */
async function scratchDatabase(
  kind: 'sqlite' | 'postgresql',
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'postgresql') {
    const { createScratchPostgres } = await import(
      join(REPO, 'dist', 'test/support/scratch-postgres.js')
    );
    return createScratchPostgres(process.env.DATABASE_URL ?? 'postgres://127.0.0.1/test');
  }
  const { mkdtempSync, rmSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'sothu-bench-db-'));
  return {
    url: `sqlite:${join(dir, 'bench.sqlite')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The office and the registered employer every line of the fixture belongs to (unit TC0001C). */
async function benchEmployer(em: BenchEm): Promise<void> {
  const { Office } = await import(join(REPO, 'dist', 'src/modules/offices/office.entity.js'));
  const { Employer } = await import(join(REPO, 'dist', 'src/modules/employers/employer.entity.js'));
  em.create(Office, { code: '06703', name: 'Bench office', provinceCode: '67' });
  em.create(Employer, {
    unitCode: 'TC0001C',
    name: 'Bench employer',
    officeCode: '06703',
    region: 'I',
    cycle: 'monthly',
    oaRateBp: 50,
    status: 'active',
  });
}

/** The batch row of an uploaded roster (status `queued`), its upload being the fixture itself. */
async function benchBatch(em: BenchEm, id: string, path: string): Promise<{ id: string }> {
  const { ImportBatch } = await import(
    join(REPO, 'dist', 'src/modules/imports/import-batch.entity.js')
  );
  const batch = em.create(ImportBatch, {
    id,
    kind: 'roster',
    sha256: 'bench',
    fileName: 'roster.xlsx',
    storedPath: path,
    sizeBytes: statSync(path).size,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await em.flush();
  return batch as { id: string };
}

/** The roster import through the real pipeline (parse job, then commit job) on a fresh database. */
async function commit(kind: 'sqlite' | 'postgresql', path: string): Promise<ModeResult> {
  const dist = (p: string) => import(join(REPO, 'dist', p));
  const { loadConfig } = await dist('src/config/config.js');
  const { openDatabase } = await dist('src/database/database.js');
  const { ImportPipeline } = await dist('src/modules/imports/import-pipeline.service.js');
  const { LedgerFactsWriter } = await dist('src/modules/ledger-facts/facts.writer.js');
  const { EmployerRegistryWriter } = await dist('src/modules/employers/registry.writer.js');
  const { EmployerDirectory } = await dist('src/modules/employers/employer.directory.js');
  const { OfficesService } = await dist('src/modules/offices/offices.service.js');
  const { clockOf } = await dist('src/infrastructure/clock.js');
  const { url, drop } = await scratchDatabase(kind);
  const config = loadConfig({
    DATABASE_URL: url,
    // a 1M-line roster is ~70 MB: above the 50 MB upload default, which an office raises for such files
    UPLOAD_MAX_BYTES: String(200 * 1024 ** 2),
    UPLOAD_MAX_UNCOMPRESSED_BYTES: String(4 * 1024 ** 3),
    LOG_LEVEL: 'silent',
    // the import's heap ceiling, as the worker takes it (default 64)
    ...(process.env.IMPORT_HEAP_MB ? { IMPORT_HEAP_MB: process.env.IMPORT_HEAP_MB } : {}),
  });
  const orm = await openDatabase(config.database);
  try {
    const em = orm.em.fork();
    await benchEmployer(em);
    const batch = await benchBatch(em, '00000000-0000-4000-8000-00000000be0c', path);
    // the owners the import writes through (the audit trail is not used by an import's writes)
    const pipeline = new ImportPipeline(
      orm.em,
      config,
      new LedgerFactsWriter(),
      new EmployerRegistryWriter(),
      new EmployerDirectory(orm.em),
      new OfficesService(orm.em, undefined as never),
      clockOf(config),
    );
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const parsed = await pipeline.parse(batch.id);
    if (parsed.status !== 'validated') throw new Error(`parse: ${parsed.status} ${parsed.message}`);
    const parseCpu = process.cpuUsage(cpu0);
    const parseS = (performance.now() - t0) / 1000;
    const parseRss = peakRssMb();
    const { batch: done } = await pipeline.commit(batch.id);
    // the service is up when an import arrives: opening the database is not part of the import
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e6).toFixed(2);
    return {
      lines: done.committedRows,
      problems: done.problemCount,
      detail: `parse ${parseS.toFixed(2)} s, ${cpuS(parseCpu)} CPU s (peak RSS ${Math.round(parseRss)} MB) + commit ${cpuS({ user: cpu.user - parseCpu.user, system: cpu.system - parseCpu.system })} CPU s`,
      ms: performance.now() - t0,
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
  } finally {
    await orm.close();
    await drop();
  }
}

/**
 * The import as a running service does it, in the worker process itself (`node dist/jobs/main.js` with
 * the flags of `npm run start:worker`, every feature module loaded): the batch row is written once the
 * worker is up, its `import.parse` job queued as an upload queues it, then its `import.commit` job as
 * "commit" does. The time runs from the parse job's queueing to the batch committed; the CPU and peak
 * RSS are the worker's own (the peak read as soon as the batch shows committed: the reconciliation the
 * commit queues for the unit is not in it). `made of` gives the worker's RSS when it was idle, before the
 * import.
 */
async function inWorker(
  kind: 'sqlite' | 'postgresql',
  path: string,
  reconcile = false,
): Promise<ModeResult> {
  const dist = (p: string) => import(join(REPO, 'dist', p));
  const { loadConfig } = await dist('src/config/config.js');
  const { openDatabase } = await dist('src/database/database.js');
  const { Redis } = await import('ioredis');
  const { cpuSeconds, vmHwmMb } = await import('./proc.js');
  const { Queue } = await import('bullmq');
  const { spawn } = await import('node:child_process');
  const { randomBytes } = await import('node:crypto');
  const { url, drop } = await scratchDatabase(kind);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `sothu-bench-import-${randomBytes(4).toString('hex')}`;
  const env = {
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ROLE: 'worker',
    LOG_LEVEL: 'warn',
    NIGHTLY_CRON: 'off',
    UPLOAD_MAX_BYTES: String(200 * 1024 ** 2),
    UPLOAD_MAX_UNCOMPRESSED_BYTES: String(4 * 1024 ** 3),
  };
  const orm = await openDatabase(loadConfig({ ...env, LOG_LEVEL: 'silent' }).database);
  const queue = new Queue('imports', {
    connection: { url: redisUrl, maxRetriesPerRequest: null },
    prefix,
  });
  let worker: ReturnType<typeof spawn> | undefined;
  try {
    const em = orm.em.fork();
    await benchEmployer(em);
    await em.flush();
    worker = spawn(
      process.execPath,
      [...WORKER_START.flags, join(REPO, 'dist', 'jobs', 'main.js')],
      {
        env: { ...WORKER_START.env, ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    worker.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    worker.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    for (const until = Date.now() + 60_000; !out.includes('sothu worker running');) {
      if (Date.now() > until || worker.exitCode !== null)
        throw new Error(`worker did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const pid = worker.pid!;
    const idleMb = vmHwmMb(pid);
    const id = '00000000-0000-4000-8000-00000000be0d';
    await benchBatch(em, id, path);
    const statusOf = async () =>
      (
        (await orm.em
          .getConnection()
          .execute('select status, message from import_batch where id = ?', [id])) as {
          status: string;
          message: string | null;
        }[]
      )[0]!;
    const until = async (status: string) => {
      for (;;) {
        const b = await statusOf();
        if (b.status === status) return;
        if (b.status === 'failed' || worker!.exitCode !== null)
          throw new Error(`import ${b.status}: ${b.message ?? ''}\n${out}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    await queue.add('import.parse', { batchId: id }, { jobId: `import.parse-${id}` });
    await until('validated');
    const parseMs = performance.now() - t0;
    const parseRss = vmHwmMb(pid);
    await queue.add('import.commit', { batchId: id }, { jobId: `import.commit-${id}` });
    await until('committed');
    const ms = performance.now() - t0;
    const rssMb = vmHwmMb(pid);
    const cpuMs = (cpuSeconds(pid) - cpu0) * 1000;
    const [{ n }] = (await orm.em
      .getConnection()
      .execute('select count(*) as n from roster_line where batch_id = ?', [id])) as {
      n: number;
    }[];
    const imported = `parse job ${(parseMs / 1000).toFixed(2)} s (peak ${parseRss} MB) + commit job ${((ms - parseMs) / 1000).toFixed(2)} s`;
    if (!reconcile)
      return {
        lines: Number(n),
        rssMb,
        ms,
        cpuMs,
        detail: `worker idle ${idleMb} MB; ${imported}`,
      };
    // the reconciliation the commit queued for the batch's one employer (every line of the file)
    const reconcileQueue = new Queue('reconcile', {
      connection: { url: redisUrl, maxRetriesPerRequest: null },
      prefix,
    });
    try {
      const job = `reconcile.after-import-${id}`;
      for (;;) {
        const state = await reconcileQueue.getJobState(job);
        if (state === 'completed') break;
        if (state === 'failed' || worker.exitCode !== null) {
          const j = await reconcileQueue.getJob(job);
          throw new Error(`reconcile.employer ${state}: ${j?.failedReason ?? ''}\n${out}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      const done = (await reconcileQueue.getJob(job))!;
      const reconcileMs = done.finishedOn! - done.processedOn!;
      return {
        lines: Number(n),
        rssMb: vmHwmMb(pid),
        ms: reconcileMs,
        cpuMs: (cpuSeconds(pid) - cpu0) * 1000 - cpuMs,
        detail: `one employer's reconcile.employer job after its import (${imported}, worker peak ${rssMb} MB)`,
      };
    } finally {
      await reconcileQueue.close();
    }
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await queue.close();
    await orm.close();
    await drop();
    // every key the worker made under its prefix (the queues' keys)
    const redis = new Redis(redisUrl);
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
    redis.disconnect();
  }
}

async function parse(path: string): Promise<ModeResult> {
  const { readWorkbook } = await import('../src/modules/imports/schema/read-workbook.js');
  let lines = 0;
  let problems = 0;
  for await (const b of readWorkbook(path, 'roster')) {
    lines += b.records.length;
    problems += b.problems.length;
  }
  return { lines, problems };
}

const FIRST_NAMES = [
  'Nguyễn Văn',
  'Trần Thị',
  'Lê Hoàng',
  'Phạm Minh',
  'Hoàng Thị',
  'Vũ Đức',
  'Đặng Ngọc',
  'Bùi Quang',
];
const LAST_NAMES = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hùng',
  'Lan',
  'Minh',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Thảo',
  'Tú',
  'Yến',
];

/** A D02-LT roster as Excel would save it (the generator's columns): shared strings, title rows, date cells. */
async function writeD02Roster(path: string, lines: number): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const { ROSTER_HEADERS } = await import('../seeds/generator/writers/roster.js');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('D02-LT');
  ws.addRow(['DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN']).commit();
  ws.addRow(['Mã đơn vị:', 'TC0001C']).commit();
  ws.addRow([]).commit();
  ws.addRow([...ROSTER_HEADERS]).commit();
  for (let i = 1; i <= lines; i++) {
    const row = ws.addRow([
      i,
      String(100000000 + i).padStart(10, '0'),
      `${FIRST_NAMES[i % 8]} ${LAST_NAMES[i % 16]} ${i}`,
      new Date(Date.UTC(1970 + (i % 35), i % 12, 1 + (i % 28))),
      i % 2 ? 'Nam' : 'Nữ',
      String(1000000000 + i).padStart(12, '0'),
      i % 10 === 0 ? 'Tổ trưởng' : 'Công nhân',
      5_310_000 + (i % 50) * 10_000,
      i % 10 === 0 ? 500_000 : null,
      i % 7 === 0 ? 300_000 : null,
      null,
      `${String(1 + (i % 12)).padStart(2, '0')}/2025`,
      i % 5 === 0 ? '12/2025' : null,
      null,
    ]);
    row.getCell(4).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

interface Measured extends ModeResult {
  mode: string;
  ms: number;
  rssMb: number;
  /**
   * CPU time of the child (user + system) over the part `ms` times (not a database server's): on a loaded
   * machine what the mode cost this process, where the wall time is what the other tenants left.
   */
  cpuMs: number;
}

async function child(modeName: string, fixtureName: string, path: string): Promise<void> {
  const mode = MODES.find((m) => m.name === modeName);
  if (!mode) throw new Error(`unknown mode ${modeName}`);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const result = await mode.run(path, FIXTURES[fixtureName]!);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const rssMb = peakRssMb();
  const out: Measured = {
    mode: modeName,
    ...result,
    ms: result.ms ?? ms,
    rssMb: result.rssMb ?? rssMb,
    cpuMs: result.cpuMs ?? (cpu.user + cpu.system) / 1000,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

async function fixturePath(fixtureName: string, lines: number): Promise<string> {
  const dir = join(tmpdir(), 'sothu-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `roster-${fixtureName}-${lines}.xlsx`);
  if (!existsSync(path)) {
    const t = Date.now();
    await FIXTURES[fixtureName]!.write(`${path}.part`, lines);
    renameSync(`${path}.part`, path);
    console.log(
      `generated ${path} (${(statSync(path).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  return path;
}

function runChild(mode: string, fixtureName: string, path: string, flags: string[]): Measured {
  const self = fileURLToPath(import.meta.url);
  const args = [...flags, ...process.execArgv, self, '--child', mode, fixtureName, path];
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...WORKER_START.env, ...process.env },
  });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [mode, fixtureName, path] = process.argv.slice(3);
    return child(mode!, fixtureName!, path!);
  }
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '100000,1000000' },
      fixture: { type: 'string', default: 'd02' },
      modes: { type: 'string', default: MODES.map((m) => m.name).join(',') },
      runs: { type: 'string', default: '1' },
      'child-flags': { type: 'string', default: WORKER_START.flags.join(' ') },
    },
  });
  const fixtureName = values.fixture;
  if (!FIXTURES[fixtureName])
    throw new Error(`--fixture: one of ${Object.keys(FIXTURES).join(', ')}`);
  const counts = values.lines.split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error('--lines: positive whole numbers');
  const modes = values.modes.split(',');
  const runs = Number(values.runs);
  const flags = values['child-flags'].split(' ').filter(Boolean);
  const rows: string[][] = [
    ['mode', 'lines', 'seconds', 'lines/s', 'CPU s', 'peak RSS MB', 'problems', 'made of'],
  ];
  const ratios: string[] = [];
  for (const lines of counts) {
    const path = await fixturePath(fixtureName, lines);
    const times = new Map<string, number[]>();
    for (const mode of modes) {
      for (let i = 0; i < runs; i++) {
        const m = runChild(mode, fixtureName, path, flags);
        if (!times.has(mode)) times.set(mode, []);
        times.get(mode)!.push(m.ms);
        rows.push([
          m.mode,
          String(m.lines),
          (m.ms / 1000).toFixed(2),
          m.lines === 0 ? '' : Math.round((m.lines / m.ms) * 1000).toLocaleString('en'),
          (m.cpuMs / 1000).toFixed(2),
          String(Math.round(m.rssMb)),
          m.problems === undefined ? '' : String(m.problems),
          m.detail ?? '',
        ]);
        console.log(rows.at(-1)!.join('  '));
      }
    }
    ratios.push(...ratioLines(lines, times));
  }
  console.log(
    `\nfixture ${fixtureName}, node ${process.version}${flags.length ? `, child flags ${flags.join(' ')}` : ''}${Object.entries(
      WORKER_START.env,
    )
      .map(([k, v]) => `, ${k}=${process.env[k] ?? v}`)
      .join('')}\n`,
  );
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const last = rows[0]!.length - 1;
  rows.forEach((r, i) => {
    console.log(
      `| ${r.map((cell, c) => (c === 0 || c === last ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`,
    );
    if (i === 0)
      console.log(
        `|${widths.map((w, c) => (c === 0 || c === last ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`,
      );
  });
  if (ratios.length) console.log(`\n${ratios.join('\n')}`);
}

/** The ratios between the modes run at one size (medians of the runs): see the header. */
function ratioLines(lines: number, times: Map<string, number[]>): string[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const t = (mode: string) => (times.has(mode) ? median(times.get(mode)!) : undefined);
  const out: string[] = [];
  for (const db of ['commit-sqlite', 'commit-postgresql']) {
    const product = t(db);
    if (product === undefined) continue;
    const exceljs = t('exceljs-bare');
    const floorMs = t('floor');
    if (exceljs !== undefined)
      out.push(
        `${lines} lines: ${db} is ${(exceljs / product).toFixed(2)}× as fast as exceljs-bare (target ≥ 1.6)`,
      );
    if (floorMs !== undefined)
      out.push(
        `${lines} lines: ${db} takes ${(product / floorMs).toFixed(2)}× the floor's time (target ≤ 2)`,
      );
  }
  return out;
}

await main();
