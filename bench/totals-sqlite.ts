/**
 * The totals on SQLite at 100k employers: ratios (all, province, office), a 12-month series and the
 * arrears totals read through the product's `SnapshotStore` (from the build), summed from the snapshots
 * (no day marked) and then from the stored per-office day totals (after `refreshTotals`).
 *   npm run build && tsx bench/totals-sqlite.ts [employers=100000] [repeats=30]
 * Seeds a snapshot per employer at the 12 month-ends to 2026-11-30 (40 offices, 2 provinces) in a
 * scratch SQLite file under the OS temporary directory, removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as DatabaseModule from '../src/database/database.js';
import type * as StoreModule from '../src/modules/snapshots/snapshot.store.js';

const employers = Number(process.argv[2] ?? 100_000);
const repeats = Number(process.argv[3] ?? 30);
const root = join(fileURLToPath(import.meta.url), '..', '..');
// from the build (tsx emits no decorator metadata for the entities)
const built = (path: string) => import(pathToFileURL(join(root, 'dist', path)).href);
const { openDatabase } = (await built('src/database/database.js')) as typeof DatabaseModule;
const { SnapshotStore } = (await built(
  'src/modules/snapshots/snapshot.store.js',
)) as typeof StoreModule;

const dir = mkdtempSync(join(tmpdir(), 'sothu-totals-'));
const orm = await openDatabase({ kind: 'sqlite', file: join(dir, 'bench.db') });
try {
  const conn = orm.em.getConnection();
  const days = Array.from({ length: 12 }, (_, k) => {
    const d = new Date(Date.UTC(2026, 11 - k, 0)); // the last day of the months 11/2026 back to 12/2025
    return d.toISOString().slice(0, 10);
  }).reverse();
  let t = performance.now();
  for (const [n, day] of days.entries()) {
    await conn.execute(
      `with recursive g(i) as (select 1 union all select i + 1 from g where i < ?)
       insert into employer_snapshot (day, unit_code, office_code, province_code, overdue_principal,
         principal_outstanding, charges_unpaid, credit, months_of_debt_milli, debt_class, hard_to_collect,
         ageing, ytd_receivable, computed_at)
       select ?, 'BN' || substr('0000000' || i, -7) || 'A', substr('0' || (6700 + i % 40), -5),
              case when i % 40 < 30 then '67' else '68' end,
              o, o, o / 50, 0, m, case when o = 0 then null when m >= 3000 then 'prolonged' else 'late' end,
              i % 41 = 0, json_object('lt1', o / 5, 'm1to3', o / 5, 'm3to6', o / 5, 'm6to12', o / 5, 'ge12', o - 4 * (o / 5)),
              (i % 97 + 1) * 10000000 * ?, '2026-12-01 00:00:00'
       from (select i, ((i * 7919 + ?) % 25) * 1000 as m, ((i * 104729 + ?) % 500) * 1000000 as o from g)`,
      [employers, day, n + 1, n, n],
    );
  }
  console.log(
    `seeded ${employers} employers × 12 days in ${(performance.now() - t).toFixed(0)} ms`,
  );
  const store = new SnapshotStore(orm.em);
  const routes: [string, () => Promise<unknown>][] = [
    ['ratio all', () => store.ratioTotals(days[11]!, {})],
    ['ratio province', () => store.ratioTotals(days[11]!, { province: '67' })],
    ['ratio office', () => store.ratioTotals(days[11]!, { office: '06712' })],
    ['series all', () => store.ratioTotalsByDay(days, {})],
    ['league', () => store.ratioTotalsByOffice(days[11]!, { province: '67' })],
    ['arrears all', () => store.arrearsTotals(days[11]!, {})],
  ];
  const measure = async (label: string) => {
    console.log(`\n${label}`);
    for (const [name, run] of routes) {
      const ms: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const s = performance.now();
        await run();
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      const p = (q: number) =>
        ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!.toFixed(1);
      console.log(`${name.padEnd(16)} p50 ${p(0.5).padStart(8)} ms  p95 ${p(0.95).padStart(8)} ms`);
    }
  };
  await measure('summed from the snapshots (no day marked)');
  t = performance.now();
  const refreshed = await store.refreshTotals();
  console.log(
    `\n${refreshed.length} days' totals refreshed in ${(performance.now() - t).toFixed(0)} ms`,
  );
  await measure('from the stored per-office day totals');
} finally {
  await orm.close();
  rmSync(dir, { recursive: true, force: true });
}
