import { EmployerSnapshot } from '../../src/modules/snapshots/employer-snapshot.entity.js';
import {
  AGEING_BUCKETS,
  SnapshotStore,
  type SnapshotScope,
} from '../../src/modules/snapshots/snapshot.store.js';
import { DB_KINDS } from '../support/harness.js';
import { type ServiceContext, startServiceContext } from '../support/service-harness.js';

type Row = Omit<EmployerSnapshot, 'id'>;

const DAYS = ['2026-09-30', '2026-10-31'];
const OFFICES: [string, string][] = [
  ['06701', '67'],
  ['06702', '67'],
  ['09901', '99'],
];

/** Snapshots of every sort: owing principal, only charges, nothing, hard to collect, prolonged. */
function rowsOf(day: string, n: number): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const [officeCode, provinceCode] = OFFICES[i % OFFICES.length]!;
    const overdue = i % 5 === 0 ? 0 : (i * 7_919 + day.length) * 1_000;
    const charges = i % 7 === 0 ? 12_345 + i : 0;
    return {
      day,
      unitCode: `TT${String(i).padStart(5, '0')}`,
      officeCode,
      provinceCode,
      overduePrincipal: overdue,
      principalOutstanding: overdue,
      chargesUnpaid: charges,
      credit: 0,
      monthsOfDebtMilli: (i % 9) * 1000,
      debtClass: overdue === 0 ? null : i % 9 >= 3 ? 'prolonged' : 'late',
      hardToCollect: i % 4 === 1,
      ageing: (overdue
        ? { lt1: overdue - 3 * Math.floor(overdue / 4), m3to6: Math.floor(overdue / 4) * 3 }
        : {}) as Record<string, number>,
      ytdReceivable: 1_000_000 + i * 101,
      onTimeSettled: null,
      onTimeReceivable: null,
      runId: null,
      computedAt: new Date('2026-11-01T00:00:00Z'),
    };
  });
}

/** What every total must be, added up here from the rows themselves. */
function expected(rows: Row[], s: SnapshotScope) {
  const inScope = rows.filter(
    (r) =>
      (!s.office || r.officeCode === s.office) &&
      (!s.offices || s.offices.includes(r.officeCode)) &&
      (!s.province || r.provinceCode === s.province),
  );
  const owing = inScope.filter((r) => r.overduePrincipal > 0 || r.chargesUnpaid > 0);
  const sum = (xs: Row[], f: (r: Row) => number) => xs.reduce((a, r) => a + f(r), 0);
  const hard = inScope.filter((r) => r.hardToCollect);
  return {
    ratio: {
      employers: inScope.length,
      overduePrincipal: sum(inScope, (r) => r.overduePrincipal),
      ytdReceivable: sum(inScope, (r) => r.ytdReceivable),
      hardToCollect: {
        overduePrincipal: sum(hard, (r) => r.overduePrincipal),
        ytdReceivable: sum(hard, (r) => r.ytdReceivable),
      },
    },
    prolonged: inScope.filter((r) => r.debtClass === 'prolonged').length,
    arrears: {
      employers: owing.length,
      overduePrincipal: sum(owing, (r) => r.overduePrincipal),
      chargesUnpaid: sum(owing, (r) => r.chargesUnpaid),
      ageing: Object.fromEntries(
        AGEING_BUCKETS.map((b) => [b, sum(owing, (r) => r.ageing[b] ?? 0)]),
      ),
    },
  };
}

const SCOPES: SnapshotScope[] = [
  {},
  { province: '67' },
  { province: '99' },
  { office: '06702' },
  { offices: ['06701', '09901'] },
  { offices: [] },
];

/**
 * Totals in the database (migration 0017): each figure of a day is the same whether it is summed from
 * the snapshots or read from the per-office totals; the stored totals are what a refreshed day reads;
 * and any write to a day's snapshots makes that day summed from the snapshots again until the next refresh.
 */
describe.each(DB_KINDS)('stored totals of snapshots on %s', (kind) => {
  let t: ServiceContext;
  let store: SnapshotStore;
  const rows = new Map<string, Row[]>(DAYS.map((d, i) => [d, rowsOf(d, 40 + i * 7)]));
  const marked = async () =>
    (
      (await t.em().getConnection().execute('select day from snapshot_total_day order by day')) as {
        day: string;
      }[]
    ).map((r) => r.day);

  const expectAll = async () => {
    for (const s of SCOPES) {
      const byDay = await store.ratioTotalsByDay(DAYS, s);
      for (const day of DAYS) {
        const e = expected(rows.get(day)!, s);
        expect(await store.ratioTotals(day, s)).toEqual(e.ratio);
        expect(await store.arrearsTotals(day, s)).toEqual(e.arrears);
        if (e.ratio.employers)
          expect(byDay.get(day)).toEqual({ ...e.ratio, prolonged: e.prolonged });
        else expect(byDay.has(day)).toBe(false);
      }
      const byOffice = await store.ratioTotalsByOffice(DAYS[1]!, s);
      for (const [office] of OFFICES) {
        const e = expected(rows.get(DAYS[1]!)!, { ...s, office });
        const inScope =
          expected(rows.get(DAYS[1]!)!, s).ratio.employers &&
          (!s.offices || s.offices.includes(office)) &&
          (!s.office || s.office === office) &&
          (!s.province || OFFICES.find(([o]) => o === office)![1] === s.province);
        if (inScope) expect(byOffice.get(office)).toEqual({ ...e.ratio, prolonged: e.prolonged });
        else expect(byOffice.has(office)).toBe(false);
      }
    }
  };

  beforeAll(async () => {
    t = await startServiceContext(kind);
    store = t.ctx.get(SnapshotStore);
    for (const day of DAYS) await t.em().transactional((tx) => store.upsert(tx, rows.get(day)!));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sums from the snapshots before any refresh, and from the stored totals after it', async () => {
    expect(await marked()).toEqual([]);
    await expectAll();
    expect(await store.refreshTotals()).toEqual(DAYS);
    expect(await marked()).toEqual(DAYS);
    await expectAll();
    expect(await store.refreshTotals()).toEqual([]); // nothing changed since
  });

  it('reads a refreshed day from the stored totals, not from the snapshots', async () => {
    // a stored row changed behind the store's back shows in the figures: they come from the totals
    const conn = t.em().getConnection();
    await conn.execute(
      "update office_day_total set overdue = overdue + 7 where day = ? and office_code = '06702'",
      [DAYS[1]],
    );
    const e = expected(rows.get(DAYS[1]!)!, { province: '67' });
    expect((await store.ratioTotals(DAYS[1]!, { province: '67' })).overduePrincipal).toBe(
      e.ratio.overduePrincipal + 7,
    );
    await conn.execute(
      "update office_day_total set overdue = overdue - 7 where day = ? and office_code = '06702'",
      [DAYS[1]],
    );
  });

  it('a write to a day unmarks that day in its transaction; its figures follow the snapshots at once', async () => {
    const day = DAYS[0]!;
    const changed = {
      ...rows.get(day)![3]!,
      overduePrincipal: 999_000,
      principalOutstanding: 999_000,
      ageing: { ge12: 999_000 },
    };
    const added = {
      ...rows.get(day)![4]!,
      unitCode: 'TT99999',
      officeCode: '06702',
      chargesUnpaid: 5,
    };
    await t.em().transactional((tx) => store.upsert(tx, [changed, added]));
    rows.set(day, [
      ...rows.get(day)!.map((r) => (r.unitCode === changed.unitCode ? changed : r)),
      added,
    ]);
    expect(await marked()).toEqual([DAYS[1]]);
    await expectAll(); // one day summed from its snapshots, the other from its totals, in one series

    // a deleted snapshot too
    await t.em().nativeDelete(EmployerSnapshot, { day: DAYS[1]!, unitCode: 'TT00001' });
    rows.set(
      DAYS[1]!,
      rows.get(DAYS[1]!)!.filter((r) => r.unitCode !== 'TT00001'),
    );
    expect(await marked()).toEqual([]);
    await expectAll();

    expect(await store.refreshTotals()).toEqual(DAYS);
    await expectAll();
  });
});
