/**
 * `GET /api/flags`, `GET /api/inspection-queue` and the totals (`/api/ratios`, its series and league,
 * `/api/arrears`) at 100k employers, through the real HTTP app on
 * PostgreSQL, signed in (an admin created with the `user:create` CLI in the scratch database).
 *   npm run build && tsx bench/flags.ts [employers=100000] [requests=500]
 * Env: DATABASE_URL (a base PostgreSQL URL; default postgres://127.0.0.1/test — a scratch database is
 * created beside it and dropped at the end, or kept and its URL printed with BENCH_KEEP_DB=1, to
 * look at its plans), REDIS_URL.
 * Seeds the flag table in bulk (one INSERT … SELECT over generate_series: ~1.6 flags per employer, 40
 * offices, statuses open / condition-cleared / closed, many risk-score ties), starts the built API
 * (`dist/src/main.js`, ROLE=api) on it, then times sequential requests: first pages with and without
 * filters, and pages deep in the queue reached by following `nextCursor`. The inspection queue also reads
 * the employers, the snapshots of the flags' day and the suspense receipts suggested for them, seeded
 * the same way (one employer row and snapshot each; a suggested receipt for every 9th employer).
 * The tables are then vacuumed and analysed, as autovacuum keeps a table in service (index-only scans
 * need the visibility map). Deep pages are timed per filter (`deep <filter>`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createScratchPostgres } from '../test/support/scratch-postgres.js';
import { encodeCursor } from '../src/infrastructure/http/keyset.js';
import type * as DatabaseModule from '../src/database/database.js';
import type * as StoreModule from '../src/modules/snapshots/snapshot.store.js';

const employers = Number(process.argv[2] ?? 100_000);
const requests = Number(process.argv[3] ?? 500);
const baseUrl = process.env.DATABASE_URL ?? 'postgres://127.0.0.1/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const port = 3900 + Math.floor(Math.random() * 90);
const root = join(fileURLToPath(import.meta.url), '..', '..');

async function waitHealthy(url: string, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error('the API did not come up');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {}); // the scratch database is dropped with force at the end
  await c.connect();
  try {
    return await seedWith(c, url);
  } finally {
    await c.end();
  }
}

async function seedWith(c: pg.Client, url: string) {
  const t0 = Date.now();
  // per employer g: months of debt 0–24, overdue 0–499 million; codes by g's residues
  await c.query(
    `insert into flag (unit_code, office_code, code, severity, status, risk_score, months_of_debt_milli, evidence,
                       raised_on, raised_at, evaluated_on, updated_at)
     select 'BN' || lpad(g::text, 7, '0') || 'A',
            lpad((6700 + g % 40)::text, 5, '0'),
            k.code,
            case when k.code = 'PROLONGED_ARREARS' then case when m >= 12000 then 'critical' when m >= 6000 then 'high' else 'medium' end
                 when k.code in ('EVASION_SUSPECTED') then 'high' when k.code = 'CRIMINAL_THRESHOLD' then 'critical'
                 when k.code = 'UNDER_DECLARATION' then 'medium' else 'low' end,
            case when g % 20 = 0 then 'condition-cleared' when g % 33 = 0 then 'closed' else 'open' end,
            (o * (3000 + m)) / 3000, m,
            jsonb_build_object('monthsOfDebt', m / 1000.0, 'overduePrincipal', o),
            '2026-11-30', now(), '2026-11-30', now()
     from generate_series(1::bigint, $1::bigint) g
     cross join lateral (select ((g * 7919) % 25) * 1000 as m, ((g * 104729) % 500) * 1000000::bigint as o) x
     join (values ('PROLONGED_ARREARS', 0), ('REPEAT_LATE', 1), ('EVASION_SUSPECTED', 2), ('DECLARATION_MISMATCH', 3),
                  ('UNDER_DECLARATION', 4), ('CRIMINAL_THRESHOLD', 5)) k(code, n)
       on (k.n = 0 and m >= 3000) or (k.n = 1 and g % 2 = 0) or (k.n = 2 and g % 7 = 0)
       or (k.n = 3 and g % 11 = 0) or (k.n = 4 and g % 13 = 0) or (k.n = 5 and m >= 6000 and g % 17 = 0)`,
    [employers],
  );
  // the queue's key on open flags, as evaluations keep it (and migration 0007 fills it)
  await c.query(
    `update flag set queue_rank = (select max(case g.severity when 'critical' then 4 when 'high' then 3
       when 'medium' then 2 when 'low' then 1 else 0 end) from flag g
       where g.unit_code = flag.unit_code and g.status = 'open') where status = 'open'`,
  );
  await c.query(
    `insert into employer (unit_code, name, office_code, region, cycle, oa_rate_bp, status)
     select 'BN' || lpad(g::text, 7, '0') || 'A', 'Công ty số ' || g, lpad((6700 + g % 40)::text, 5, '0'),
            'I', 'monthly', 50, 'active'
     from generate_series(1::bigint, $1::bigint) g`,
    [employers],
  );
  // a snapshot per employer at each of the 12 month-ends to 2026-11-30 (the flags' day): what the
  // ratios, their monthly series, the office league and the arrears list add up
  await c.query(
    `insert into employer_snapshot (day, unit_code, office_code, province_code, overdue_principal,
       principal_outstanding, charges_unpaid, credit, months_of_debt_milli, debt_class, hard_to_collect,
       ageing, ytd_receivable, computed_at)
     select d.day, 'BN' || lpad(g::text, 7, '0') || 'A', lpad((6700 + g % 40)::text, 5, '0'), '67',
            o, o, o / 50, 0, m, case when o = 0 then null when m >= 3000 then 'prolonged' when m >= 1000 then 'overdue' else 'late' end,
            g % 41 = 0,
            jsonb_build_object('lt1', o / 5, 'm1to3', o / 5, 'm3to6', o / 5, 'm6to12', o / 5, 'ge12', o - 4 * (o / 5)),
            (g % 97 + 1) * 10000000::bigint * d.n, now()
     from generate_series(1::bigint, $1::bigint) g
     cross join (select (date_trunc('month', date '2026-11-01' - (k || ' month')::interval) + interval '1 month' - interval '1 day')::date as day,
                        k, 12 - k as n
                 from generate_series(0, 11) k) d
     cross join lateral (select ((g * 7919 + d.k) % 25) * 1000 as m, ((g * 104729 + d.k) % 500) * 1000000::bigint as o) x`,
    [employers],
  );
  await c.query(
    `insert into office (code, name, province_code)
     select lpad((6700 + k)::text, 5, '0'), 'BHXH cơ sở ' || k, '67' from generate_series(0, 39) k
     on conflict do nothing`,
  );
  await c.query(
    `insert into receipt (value_date, amount, memo, bank_ref, status, unit_code, method, confidence_milli,
       suggestion, batch_id)
     select '2026-11-20', 1000000 + g, 'NOP BHXH', 'BENCH-' || g, 'suggested', null, 'name', 700,
            'BN' || lpad(g::text, 7, '0') || 'A', 'bench'
     from generate_series(1::bigint, $1::bigint) g where g % 9 = 0`,
    [employers],
  );
  // ledger facts for the first 20 employers: 34 months of receivables (SI, HI, UI), paid late or short
  await c.query(
    `insert into receivable_line (unit_code, period, fund, amount, due_date, reason, batch_id)
     select 'BN' || lpad(g::text, 7, '0') || 'A', to_char(date '2024-01-01' + (p || ' month')::interval, 'YYYY-MM'),
            f.fund, f.amount + g * 1000, null, '', 'bench'
     from generate_series(1, 20) g cross join generate_series(0, 33) p
     cross join (values ('SI_RETIRE', 90000000), ('HI', 22500000), ('UI', 5000000)) f(fund, amount)`,
  );
  await c.query(
    `insert into receipt (value_date, amount, memo, bank_ref, status, unit_code, method, confidence_milli, batch_id)
     select to_char(date '2024-02-10' + (p || ' month')::interval + ((g * 7 + p) % 40 || ' day')::interval, 'YYYY-MM-DD'),
            case when p % 5 = 0 then 60000000 else 117500000 end + g * 3000, 'NOP BHXH', 'LEDGER-' || g || '-' || p,
            'matched', 'BN' || lpad(g::text, 7, '0') || 'A', 'code', 1000, 'bench'
     from generate_series(1, 20) g cross join generate_series(0, 32) p`,
  );
  // the per-office day totals, as the nightly run's finish writes them (the product's own refresh)
  const tr = process.hrtime.bigint();
  // from the build (tsx emits no decorator metadata for the entities)
  const built = (path: string) => import(pathToFileURL(join(root, 'dist', path)).href);
  const { openDatabase } = (await built('src/database/database.js')) as typeof DatabaseModule;
  const { SnapshotStore } = (await built(
    'src/modules/snapshots/snapshot.store.js',
  )) as typeof StoreModule;
  const orm = await openDatabase({ kind: 'postgresql', url });
  const refreshed = await new SnapshotStore(orm.em).refreshTotals();
  await orm.close();
  const refreshMs = Number(process.hrtime.bigint() - tr) / 1e6;
  await c.query('vacuum analyze flag');
  await c.query('vacuum analyze employer');
  await c.query('vacuum analyze employer_snapshot');
  await c.query('vacuum analyze receipt');
  const { rows } = await c.query(
    `select status, count(*)::int n from flag group by status order by status`,
  );
  const plan = await c.query(
    `explain (analyze, costs off, timing off, summary off)
     select * from flag where status = 'open' and office_code = '06712'
     order by risk_score desc, months_of_debt_milli desc, unit_code asc, id asc limit 51`,
  );
  // a page deep in the queue, as the cursor filter (flag-cursor.util.ts) writes it
  const mid = await c.query(
    `select risk_score r, months_of_debt_milli m, unit_code u, id from flag where status = 'open'
     order by risk_score desc, months_of_debt_milli desc, unit_code, id offset $1 limit 1`,
    [Math.min(60_000, Math.floor(employers * 0.6))],
  );
  const k = mid.rows[0] as { r: string; m: number; u: string; id: string };
  const deep = await c.query(
    `explain (analyze, costs off, timing off, summary off)
     select * from flag where status = 'open' and risk_score <= $1 and (risk_score < $1 or (risk_score = $1 and months_of_debt_milli < $2)
       or (risk_score = $1 and months_of_debt_milli = $2 and unit_code > $3) or (risk_score = $1 and months_of_debt_milli = $2 and unit_code = $3 and id > $4))
     order by risk_score desc, months_of_debt_milli desc, unit_code asc, id asc limit 51`,
    [k.r, k.m, k.u, k.id],
  );
  return {
    ms: Date.now() - t0,
    refresh: `${refreshed.length} days' totals refreshed in ${refreshMs.toFixed(0)} ms`,
    counts: rows,
    plan: plan.rows.map((r) => r['QUERY PLAN'] as string),
    deepPlan: deep.rows.map((r) => r['QUERY PLAN'] as string),
  };
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const db = await createScratchPostgres(baseUrl);
const prefix = `bench-flags-${randomBytes(3).toString('hex')}`;
const app = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    join(root, 'dist/src/main.js'),
  ],
  {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      PORT: String(port),
      HOST: '127.0.0.1',
      ROLE: 'api',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
try {
  const api = `http://127.0.0.1:${port}`;
  await waitHealthy(`${api}/health`); // migrated
  const s = await seed(db.url);
  console.log(
    `seeded ${employers} employers' flags in ${s.ms} ms:`,
    s.counts.map((r) => `${r.status} ${r.n}`).join(', '),
  );
  console.log(s.refresh);
  console.log('plan (office filter, first page):\n  ' + s.plan.join('\n  '));
  console.log('plan (60,000 rows deep, cursor filter):\n  ' + s.deepPlan.join('\n  '));

  // sign in as an admin created in the scratch database (the API answers 401 without a token)
  const password = `queue-${randomBytes(8).toString('hex')}`;
  execFileSync(
    process.execPath,
    [
      join(root, 'dist/src/modules/auth/user-create.cli.js'),
      '--email',
      'bench@bench.example',
      '--password',
      password,
      '--role',
      'admin',
    ],
    {
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const login = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@bench.example', password }),
  });
  if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}` };

  const kinds: [string, string][] = [
    ['first page', '/api/flags?limit=50'],
    ['office', '/api/flags?office=06712&limit=50'],
    ['code', '/api/flags?code=EVASION_SUSPECTED&limit=50'],
    ['severity', '/api/flags?severity=critical&limit=50'],
    ['office+code', '/api/flags?office=06725&code=REPEAT_LATE&limit=50'],
    ['cleared', '/api/flags?status=condition-cleared&limit=50'],
    ['max page', '/api/flags?limit=200'],
  ];
  const deepChains = new Map<string, string | null>(); // filter → cursor to continue from
  const timings = new Map<string, number[]>();
  const time = async (kind: string, path: string) => {
    const t = process.hrtime.bigint();
    const res = await fetch(api + path, { headers });
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    (timings.get(kind) ?? timings.set(kind, []).get(kind)!).push(ms);
    return body;
  };
  for (let i = 0; i < 20; i++) await fetch(`${api}/api/flags?limit=50`, { headers }); // warm-up
  for (let i = 0; i < requests; i++) {
    if (i % 3 === 2) {
      // deep in the queue: keep following the cursor of one of the filters
      const [, base] = kinds[i % kinds.length]!;
      const cursor = deepChains.get(base);
      const body = await time('cursor (deep)', cursor ? `${base}&cursor=${cursor}` : base);
      deepChains.set(base, body.nextCursor);
    } else {
      const [kind, path] = kinds[i % kinds.length]!;
      await time(kind, path);
    }
  }
  const all = [...timings.values()].flat().sort((a, b) => a - b);
  const line = (name: string, xs: number[]) => {
    const v = [...xs].sort((a, b) => a - b);
    return `${name.padEnd(14)} n=${String(v.length).padStart(4)}  p50 ${pct(v, 50).toFixed(1).padStart(6)} ms  p95 ${pct(v, 95).toFixed(1).padStart(6)} ms  max ${v[v.length - 1]!.toFixed(1).padStart(6)} ms`;
  };
  console.log(
    `\nGET /api/flags, ${all.length} sequential requests over HTTP (keep-alive), ${employers} employers`,
  );
  for (const [k, v] of timings) console.log(line(k, v));
  console.log(line('ALL', all));

  // the inspection queue: one row per employer (grouped and ranked by the database)
  const queueKinds: [string, string][] = [
    ['first page', '/api/inspection-queue?limit=50'],
    ['office', '/api/inspection-queue?office=06712&limit=50'],
    ['code', '/api/inspection-queue?code=EVASION_SUSPECTED&limit=50'],
    ['severity', '/api/inspection-queue?severity=critical&limit=50'],
    ['office+code', '/api/inspection-queue?office=06725&code=REPEAT_LATE&limit=50'],
    ['cleared', '/api/inspection-queue?status=condition-cleared&limit=50'],
  ];
  timings.clear();
  deepChains.clear();
  for (let i = 0; i < 10; i++) await fetch(`${api}/api/inspection-queue?limit=50`, { headers });
  for (let i = 0; i < requests; i++) {
    if (i % 3 === 2) {
      const [, base] = queueKinds[i % queueKinds.length]!;
      const cursor = deepChains.get(base);
      const name = queueKinds[i % queueKinds.length]![0];
      const body = await time(`deep ${name}`, cursor ? `${base}&cursor=${cursor}` : base);
      deepChains.set(base, body.nextCursor);
    } else {
      const [kind, path] = queueKinds[i % queueKinds.length]!;
      await time(kind, path);
    }
  }
  const allQ = [...timings.values()].flat().sort((a, b) => a - b);
  console.log(
    `\nGET /api/inspection-queue, ${allQ.length} sequential requests over HTTP (keep-alive), ${employers} employers`,
  );
  for (const [k, v] of timings) console.log(line(k, v));
  console.log(line('ALL', allQ));

  // a page of the arrears ranking half way down: its keyset cursor is the sort key of the row before it
  // (what the page before it would have answered as nextCursor)
  const deepRow = await (async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const r = await c.query<{ overdue_principal: string; unit_code: string }>(
        `with owing as (select overdue_principal, unit_code from employer_snapshot
            where day = '2026-11-30' and (overdue_principal > 0 or charges_unpaid > 0))
         select * from owing order by overdue_principal desc, unit_code asc
          offset (select count(*) / 2 from owing) limit 1`,
      );
      return r.rows[0]!;
    } finally {
      await c.end();
    }
  })();
  const deepCursor = encodeCursor([Number(deepRow.overdue_principal), deepRow.unit_code]);

  // totals: every figure the database adds up over the 100k employers' snapshots (12 month-ends)
  const totalKinds: [string, string][] = [
    ['ratio all', '/api/ratios?scope=all&asOf=2026-11-30'],
    ['ratio province', '/api/ratios?scope=province&code=67&asOf=2026-11-30'],
    ['ratio office', '/api/ratios?scope=office&code=06712&asOf=2026-11-30'],
    ['series all', '/api/ratios/series?scope=all&from=2025-12&to=2026-11'],
    ['series prov.', '/api/ratios/series?scope=province&code=67&from=2025-12&to=2026-11'],
    ['series office', '/api/ratios/series?scope=office&code=06712&from=2025-12&to=2026-11'],
    ['league', '/api/ratios/league?province=67&month=2026-11'],
    ['arrears all', '/api/arrears?asOf=2026-11-30&limit=100'],
    ['arrears office', '/api/arrears?asOf=2026-11-30&office=06712&limit=100'],
    ['arrears deep', `/api/arrears?asOf=2026-11-30&limit=100&cursor=${deepCursor}`],
    ...Array.from({ length: 20 }, (_, i): [string, string] => [
      'ledger',
      `/api/employers/BN${String(i + 1).padStart(7, '0')}A/ledger?asOf=2026-11-30`,
    ]),
  ];
  timings.clear();
  const timeAny = async (kind: string, path: string) => {
    const t = process.hrtime.bigint();
    const res = await fetch(api + path, { headers });
    const text = await res.text();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
    (timings.get(kind) ?? timings.set(kind, []).get(kind)!).push(ms);
  };
  for (const [, path] of totalKinds) await timeAny('warm-up', path);
  timings.delete('warm-up');
  for (let i = 0; i < requests; i++) {
    const [kind, path] = totalKinds[i % totalKinds.length]!;
    await timeAny(kind, path);
  }
  const allT = [...timings]
    .filter(([k]) => k !== 'ledger')
    .flatMap(([, v]) => v)
    .sort((a, b) => a - b);
  console.log(
    `\nTotals (ratios, series, league, arrears) and ledgers (34 months of facts), ${allT.length} sequential requests over HTTP (keep-alive), ${employers} employers × 12 month-ends`,
  );
  for (const [k, v] of timings) console.log(line(k, v));
  console.log(line('ALL totals', allT));
} finally {
  app.kill('SIGTERM');
  await new Promise((r) => app.once('exit', r));
  if (process.env.BENCH_KEEP_DB) console.log(`kept the database: ${db.url}`);
  else await db.drop();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
