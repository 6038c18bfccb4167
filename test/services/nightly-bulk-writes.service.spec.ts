import type { EntityManager } from '@mikro-orm/core';
import type { FlagResult } from '../../src/domain/flags.js';
import { Flag } from '../../src/modules/flags/flag.entity.js';
import { FlagsService } from '../../src/modules/flags/flags.service.js';
import { EmployerSnapshot } from '../../src/modules/snapshots/employer-snapshot.entity.js';
import { SnapshotStore } from '../../src/modules/snapshots/snapshot.store.js';
import { DB_KINDS } from '../support/harness.js';
import { type ServiceContext, startServiceContext } from '../support/service-harness.js';

const NOW = '2027-08-01T01:02:03.456Z';

/**
 * The day run's bulk writes land the rows the ORM wrote before them: snapshots through one bulk upsert
 * per chunk (compared, column by column as the database holds them, with the same rows written by the
 * ORM's `upsertMany`, first inserted and then replaced), flags through the plain-row writer (every column
 * of every flag after raising, updating in place and clearing). Every column gets a value of its own, so a
 * column dropped or written into another one fails.
 */
describe.each(DB_KINDS)('nightly bulk writes on %s', (kind) => {
  let t: ServiceContext;

  beforeAll(async () => {
    t = await startServiceContext(kind, { env: { CLOCK_FIXED_AT: NOW } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const raw = async (em: EntityManager, sql: string, params: unknown[]) =>
    (await em.getConnection().execute(sql, params)) as Record<string, unknown>[];

  const snapshot = (unitCode: string, i: number, version: number): Partial<EmployerSnapshot> => ({
    unitCode,
    officeCode: `0${i}70${version}`,
    provinceCode: `P${i}-${version}`,
    overduePrincipal: 1_000_001 * (i + 1) + version,
    principalOutstanding: 2_000_003 * (i + 1) + version,
    chargesUnpaid: 3_005 * (i + 1) + version,
    credit: 7 * i + version,
    monthsOfDebtMilli: 1_234 * (i + 1) + version,
    debtClass: i === 1 ? null : ['late', 'prolonged', 'hard-to-collect'][(i + version) % 3]!,
    hardToCollect: (i + version) % 2 === 0,
    ageing: { lt1: 11 * i + version, m1to3: 13, m3to6: 0, m6to12: 17 * version, ge12: 19 },
    ytdReceivable: 9_999_991 + i * version,
    onTimeSettled: i === 2 ? null : 555 * i + version,
    onTimeReceivable: i === 2 ? null : 777 * i + version,
    runId: i === 0 ? null : `00000000-0000-4000-8000-00000000000${version}`,
    computedAt: new Date(Date.parse(NOW) + 1000 * i + version),
  });

  it('snapshots: the bulk upsert stores (and then replaces) exactly the rows the ORM did', async () => {
    const units = ['BW0001A', 'BW0002B', 'BW0003C'];
    const columns = async (day: string) =>
      (
        await raw(t.em(), 'select * from employer_snapshot where day = ? order by unit_code', [day])
      ).map(({ id: _id, day: _day, ...rest }) => rest);
    const idsOf = async (day: string) =>
      (
        await raw(t.em(), 'select id from employer_snapshot where day = ? order by unit_code', [
          day,
        ])
      ).map((r) => Number(r.id));
    for (const version of [1, 2]) {
      const rows = units.map((u, i) => snapshot(u, i, version));
      // what SnapshotStore.upsert did before: the ORM's upsertMany, merging on (day, unit)
      await t.em().transactional((tx) =>
        tx.upsertMany(
          EmployerSnapshot,
          rows.map((r) => ({ ...r, day: '2027-07-30' })),
          { onConflictFields: ['day', 'unitCode'], onConflictAction: 'merge' },
        ),
      );
      const idsBefore = await idsOf('2027-07-31');
      await t.em().transactional((tx) =>
        t.ctx.get(SnapshotStore).upsert(
          tx,
          rows.map((r) => ({ ...r, day: '2027-07-31' })),
        ),
      );
      const byOrm = await columns('2027-07-30');
      const byBulk = await columns('2027-07-31');
      expect(byOrm).toHaveLength(3);
      expect(byBulk).toEqual(byOrm);
      // replaced in place: the same rows (ids) as the first write
      if (version === 2) expect(await idsOf('2027-07-31')).toEqual(idsBefore);
      // and read back through the entity as written
      const read = await t
        .em()
        .find(EmployerSnapshot, { day: '2027-07-31' }, { orderBy: { unitCode: 'asc' } });
      expect(read.map(({ id: _id, ...r }) => r)).toEqual(
        rows.map((r) => ({ ...r, day: '2027-07-31' })),
      );
    }
  });

  const result = (
    code: FlagResult['code'],
    severity: FlagResult['severity'],
    riskScore: number,
  ): FlagResult => ({ code, severity, evidence: { code, riskScore, note: 'e' }, riskScore });

  it('flags: raised, updated in place and cleared with every column as the lifecycle says', async () => {
    const flags = t.ctx.get(FlagsService);
    const now = new Date(NOW);
    const day1 = await flags.applyEvaluations(t.em(), [
      {
        unitCode: 'BF0001A',
        officeCode: '06701',
        asOf: '2027-07-30',
        flags: [
          result('PROLONGED_ARREARS', 'high', 3_000_001),
          result('REPEAT_LATE', 'low', 3_000_001),
        ],
        monthsOfDebtMilli: 6_500,
      },
      {
        unitCode: 'BF0002B',
        officeCode: '06702',
        asOf: '2027-07-30',
        flags: [result('UNDER_DECLARATION', 'medium', 42)],
        monthsOfDebtMilli: 1_250,
      },
    ]);
    expect(day1).toEqual({ raised: 3, updated: 0, cleared: 0 });
    const day2 = await t.em().transactional((tx) =>
      flags.applyEvaluations(tx, [
        {
          // office moved; PROLONGED_ARREARS worse, REPEAT_LATE no longer holds
          unitCode: 'BF0001A',
          officeCode: '06709',
          asOf: '2027-07-31',
          flags: [result('PROLONGED_ARREARS', 'critical', 5_000_002)],
          monthsOfDebtMilli: 12_500,
        },
        {
          unitCode: 'BF0002B',
          officeCode: '06702',
          asOf: '2027-07-31',
          flags: [],
          monthsOfDebtMilli: 0,
        },
        {
          unitCode: 'BF0003C',
          officeCode: '06703',
          asOf: '2027-07-31',
          flags: [result('EVASION_SUSPECTED', 'medium', 77)],
          monthsOfDebtMilli: 3_000,
        },
      ]),
    );
    expect(day2).toEqual({ raised: 1, updated: 1, cleared: 2 });
    // an earlier day again changes nothing
    expect(
      await flags.applyEvaluations(t.em(), [
        {
          unitCode: 'BF0001A',
          officeCode: '06701',
          asOf: '2027-07-30',
          flags: [],
          monthsOfDebtMilli: 0,
        },
      ]),
    ).toEqual({ raised: 0, updated: 0, cleared: 0 });

    const stored = await t.em().find(Flag, {}, { orderBy: { id: 'asc' } });
    const common = { closedAt: null, caseId: null, raisedAt: now, updatedAt: now };
    expect(stored.map(({ id: _id, ...f }) => f)).toEqual([
      {
        ...common,
        unitCode: 'BF0001A',
        officeCode: '06709',
        code: 'PROLONGED_ARREARS',
        severity: 'critical',
        status: 'open',
        riskScore: 5_000_002,
        queueRank: 4,
        monthsOfDebtMilli: 12_500,
        evidence: { code: 'PROLONGED_ARREARS', riskScore: 5_000_002, note: 'e' },
        raisedOn: '2027-07-30',
        evaluatedOn: '2027-07-31',
        clearedOn: null,
        clearedAt: null,
      },
      {
        ...common,
        unitCode: 'BF0001A',
        officeCode: '06701',
        code: 'REPEAT_LATE',
        severity: 'low',
        status: 'condition-cleared',
        riskScore: 3_000_001,
        queueRank: 0,
        monthsOfDebtMilli: 6_500,
        evidence: { code: 'REPEAT_LATE', riskScore: 3_000_001, note: 'e' },
        raisedOn: '2027-07-30',
        evaluatedOn: '2027-07-31',
        clearedOn: '2027-07-31',
        clearedAt: now,
      },
      {
        ...common,
        unitCode: 'BF0002B',
        officeCode: '06702',
        code: 'UNDER_DECLARATION',
        severity: 'medium',
        status: 'condition-cleared',
        riskScore: 42,
        queueRank: 0,
        monthsOfDebtMilli: 1_250,
        evidence: { code: 'UNDER_DECLARATION', riskScore: 42, note: 'e' },
        raisedOn: '2027-07-30',
        evaluatedOn: '2027-07-31',
        clearedOn: '2027-07-31',
        clearedAt: now,
      },
      {
        ...common,
        unitCode: 'BF0003C',
        officeCode: '06703',
        code: 'EVASION_SUSPECTED',
        severity: 'medium',
        status: 'open',
        riskScore: 77,
        queueRank: 2,
        monthsOfDebtMilli: 3_000,
        evidence: { code: 'EVASION_SUSPECTED', riskScore: 77, note: 'e' },
        raisedOn: '2027-07-31',
        evaluatedOn: '2027-07-31',
        clearedOn: null,
        clearedAt: null,
      },
    ]);
    // the times as the ORM stores them (epoch ms on SQLite, timestamptz on PostgreSQL), not as text
    const [times] = await raw(
      t.em(),
      "select raised_at, updated_at, cleared_at from flag where code = 'REPEAT_LATE'",
      [],
    );
    for (const v of Object.values(times!))
      expect(kind === 'sqlite' ? Number(v) : new Date(v as string).getTime()).toBe(now.getTime());
  });
});
