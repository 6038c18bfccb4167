import { statSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const dist = (p) => import('./dist/' + p);
const mem = (label, force) => {
  if (force && globalThis.gc) globalThis.gc();
  const s = readFileSync('/proc/self/status', 'utf8');
  const rss = /VmRSS:\s+(\d+)/.exec(s)[1], hwm = /VmHWM:\s+(\d+)/.exec(s)[1];
  const m = process.memoryUsage();
  console.error(label.padEnd(14), 'rss', (rss/1024|0), 'hwm', (hwm/1024|0), 'heapUsed', (m.heapUsed/1048576|0), 'heapTotal', (m.heapTotal/1048576|0), 'ext', (m.external/1048576|0), 'ab', (m.arrayBuffers/1048576|0));
};
const [kind, path] = process.argv.slice(2);
mem('start');
const { loadConfig } = await dist('src/config/config.js');
const { openDatabase } = await dist('src/database/database.js');
const { createScratchPostgres } = await dist('src/database/scratch-postgres.js');
const { ImportPipeline } = await dist('src/modules/imports/import-pipeline.service.js');
const { ImportBatch } = await dist('src/modules/imports/import-batch.entity.js');
const { Employer } = await dist('src/modules/employers/employer.entity.js');
const { Office } = await dist('src/modules/offices/office.entity.js');
mem('imported');
let url, drop;
if (kind === 'postgresql') { const pg = await createScratchPostgres('postgres://127.0.0.1/test'); url = pg.url; drop = pg.drop; }
else { const dir = mkdtempSync(join(tmpdir(), 'probe-db-')); url = `sqlite:${join(dir, 'b.sqlite')}`; drop = async () => rmSync(dir, { recursive: true, force: true }); }
const config = loadConfig({ DATABASE_URL: url, UPLOAD_MAX_BYTES: String(200 * 1024 ** 2), UPLOAD_MAX_UNCOMPRESSED_BYTES: String(4 * 1024 ** 3), LOG_LEVEL: 'silent' });
const orm = await openDatabase(config.database);
mem('opened');
const em = orm.em.fork();
em.create(Office, { code: '06703', name: 'Bench office', provinceCode: '67' });
em.create(Employer, { unitCode: 'TC0001C', name: 'B', officeCode: '06703', region: 'I', cycle: 'monthly', oaRateBp: 50, status: 'active' });
const batch = em.create(ImportBatch, { id: '00000000-0000-4000-8000-00000000be0c', kind: 'roster', sha256: 'bench', fileName: 'roster.xlsx', storedPath: path, sizeBytes: statSync(path).size });
await em.flush();
const pipeline = new ImportPipeline(orm.em, config);
let lastH = 0; let phase = 'parse'; const timer = setInterval(() => { const st = readFileSync('/proc/self/status','utf8'); const h = Number(/VmHWM:\s+(\d+)/.exec(st)[1]); if (h > lastH + 4096) { lastH = h; mem('  jump ' + phase); } }, Number(process.env.TICK ?? 1000));
let t = performance.now();
const parsed = await pipeline.parse(batch.id);
console.error('parse ms', (performance.now() - t) | 0, parsed.status, parsed.validRows); mem('parsed', true);
phase = 'commit'; t = performance.now();
const { batch: done } = await pipeline.commit(batch.id);
console.error('commit ms', (performance.now() - t) | 0, done.committedRows); mem('committed', true); if (process.env.SNAP) { const v8 = await import('node:v8'); console.error(v8.writeHeapSnapshot('/tmp/probe/commit.heapsnapshot')); };
clearInterval(timer);
if (process.env.SMAPS) { const txt = readFileSync('/proc/self/smaps', 'utf8'); const ents = []; let cur; for (const line of txt.split('\n')) { if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) { cur = { h: line, rss: 0 }; ents.push(cur); } else if (line.startsWith('Rss:')) cur.rss = Number(line.split(/\s+/)[1]); } ents.sort((a,b)=>b.rss-a.rss); const cat = {}; for (const e of ents) { const f = e.h.split(/\s+/); const [a,b] = f[0].split('-').map(x=>parseInt(x,16)); const size = (b-a)/1024; const name = f[5] || (size===256? 'anon256K' : size <= 2048 ? 'anon<=2M' : size >= 65536 ? 'anon>=64M' : 'anon-other'); cat[name] = (cat[name]||0) + e.rss; } for (const [k,v] of Object.entries(cat).sort((a,b)=>b[1]-a[1]).slice(0,10)) console.error('  ', (v/1024|0)+'MB', k); }
await orm.close(); await drop();
