import { JobProducer } from '../../src/infrastructure/queue/job-producer.service.js';
import { Flag } from '../../src/modules/flags/flag.entity.js';
import { EmployerSnapshot } from '../../src/modules/snapshots/employer-snapshot.entity.js';
import { NightlyRun } from '../../src/modules/reconciliation/nightly-run.entity.js';
import { randomUUID } from 'node:crypto';
import { DB_KINDS, eventually } from '../support/harness.js';
import { type ServiceContext, startServiceContext } from '../support/service-harness.js';
import { arrangeTinyOffice, TINY_DAY, TINY_EXPECTED, TINY_OFFICE } from '../support/tiny-office.js';

/**
 * The nightly run of a day for the tiny office (tiny-office.ts), started as the API starts it (a
 * `nightly.run` job) and run by this context's queue workers through its flow (start → chunk →
 * finish): one snapshot per employer, and a report whose totals are the hand-worked figures.
 *
 * Flags by hand (domain.md §9) as of 2026-04-15: TC0001C REPEAT_LATE (on-time share 0%); TC0002D
 * PROLONGED_ARREARS medium (5 months: 3 to < 6) and REPEAT_LATE; nothing else fires (no reminder, no
 * sanction, salaries at or above the floor, no declared totals, TC0001C still at 1 month on D + 31).
 */
describe.each(DB_KINDS)('nightly run on %s', (kind) => {
  let t: ServiceContext;
  const runDay = async (day = TINY_DAY): Promise<NightlyRun> => {
    // the run's id is chosen by whoever asks for it (POST /api/runs does the same)
    const id = randomUUID();
    await t.ctx
      .get(JobProducer)
      .enqueue(
        'nightly.run',
        { runId: id, day, trigger: 'manual' },
        { jobId: `run-${id}` },
      );
    return eventually(async () => {
      const run = await t.em().findOne(NightlyRun, { id });
      if (run?.status === 'failed') throw new Error(`nightly run failed: ${JSON.stringify(run)}`);
      return run?.status === 'completed' ? run : undefined;
    }, 60_000);
  };
  const overdue = TINY_EXPECTED.TC0001C.overduePrincipal + TINY_EXPECTED.TC0002D.overduePrincipal;
  const charges = TINY_EXPECTED.TC0001C.chargesUnpaid + TINY_EXPECTED.TC0002D.chargesUnpaid;

  beforeAll(async () => {
    t = await startServiceContext(kind, { workers: true });
    await arrangeTinyOffice(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reconciles every employer of the office as of the day and reports the totals', async () => {
    const run = await runDay();
    expect(run).toMatchObject({
      day: TINY_DAY,
      trigger: 'manual',
      employers: 3,
      chunks: 1,
      chunksDone: 1,
    });
    expect(run.report).toEqual({
      reconciled: 3,
      failures: [],
      failureCount: 0,
      // the tiny office's charges are all new-regime: no reference value missing
      warnings: [],
      warningCount: 0,
      missingReference: [],
      flags: { evaluated: true, raised: 3, updated: 0, cleared: 0 },
      overduePrincipal: overdue,
      offices: {
        [TINY_OFFICE]: {
          employers: 3,
          overduePrincipal: overdue,
          chargesUnpaid: charges,
          prolonged: 1,
        },
      },
    });
    const snapshots = await t
      .em()
      .find(EmployerSnapshot, { day: TINY_DAY }, { orderBy: { unitCode: 'asc' } });
    expect(snapshots.map((s) => [s.unitCode, s.runId])).toEqual([
      ['TC0001C', run.id],
      ['TC0002D', run.id],
      ['TC0003E', run.id],
    ]);
    for (const s of snapshots)
      expect(s).toMatchObject(TINY_EXPECTED[s.unitCode as keyof typeof TINY_EXPECTED]);
    const flags = await t.em().find(Flag, {}, { orderBy: { unitCode: 'asc', code: 'asc' } });
    expect(flags.map((f) => [f.unitCode, f.code, f.severity, f.status, f.raisedOn])).toEqual([
      ['TC0001C', 'REPEAT_LATE', 'low', 'open', TINY_DAY],
      ['TC0002D', 'PROLONGED_ARREARS', 'medium', 'open', TINY_DAY],
      ['TC0002D', 'REPEAT_LATE', 'low', 'open', TINY_DAY],
    ]);
  });

  it('running the day again replaces its snapshots and updates the open flags in place', async () => {
    const first = await t.em().find(Flag, {}, { orderBy: { id: 'asc' } });
    const run = await runDay();
    expect(run.report).toMatchObject({
      reconciled: 3,
      flags: { evaluated: true, raised: 0, updated: 3, cleared: 0 },
      overduePrincipal: overdue,
    });
    const snapshots = await t.em().find(EmployerSnapshot, { day: TINY_DAY });
    expect(snapshots).toHaveLength(3);
    expect(snapshots.every((s) => s.runId === run.id)).toBe(true);
    const again = await t.em().find(Flag, {}, { orderBy: { id: 'asc' } });
    expect(again.map((f) => [f.id, f.code, f.status])).toEqual(
      first.map((f) => [f.id, f.code, 'open']),
    );
  });

  it('a run for a day before the latest evaluated one stores its snapshots, leaves the flags and says why', async () => {
    const before = await t.em().find(Flag, {}, { orderBy: { id: 'asc' } });
    const run = await runDay('2026-04-10');
    expect(run).toMatchObject({ flagsEvaluated: false, flagsLatestDay: TINY_DAY });
    expect(run.report).toMatchObject({
      reconciled: 3,
      flags: {
        evaluated: false,
        reason: 'later-day-evaluated',
        latestEvaluatedDay: TINY_DAY,
        raised: 0,
        updated: 0,
        cleared: 0,
      },
    });
    const stored = await t.em().find(EmployerSnapshot, { day: '2026-04-10' });
    expect(stored.map((s) => s.runId)).toEqual([run.id, run.id, run.id]);
    const after = await t.em().find(Flag, {}, { orderBy: { id: 'asc' } });
    expect(after.map((f) => [f.id, f.status, f.evaluatedOn, f.updatedAt.getTime()])).toEqual(
      before.map((f) => [f.id, f.status, TINY_DAY, f.updatedAt.getTime()]),
    );
  });
});
