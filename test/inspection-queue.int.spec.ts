import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { lastDayOf } from '../seeds/generator/calendar.js';
import { generateProvince } from '../seeds/generator/generate.js';
import { writeProvince, type WorkbookManifest } from '../seeds/generator/writers/province.js';
import { addDays } from '../src/domain/dates.js';
import { JobProducer } from '../src/infrastructure/queue/job-producer.service.js';
import { Employer } from '../src/modules/employers/employer.entity.js';
import { Flag } from '../src/modules/flags/flag.entity.js';
import { FlagsService, type FlagEvaluation } from '../src/modules/flags/index.js';
import { Receipt } from '../src/modules/ledger-facts/receipt.entity.js';
import { ReceivableLine } from '../src/modules/ledger-facts/receivable-line.entity.js';
import { EmployerSnapshot } from '../src/modules/snapshots/employer-snapshot.entity.js';
import { tempDir } from './fixtures/workbooks/build-workbook.js';
import {
  authHeader,
  createUser,
  DB_KINDS,
  eventually,
  startTestApp,
  TEST_OFFICE,
  type TestApp,
} from './support/harness.js';
import { importClient } from './support/imports.js';
import { binary, readWorkbook } from './support/xlsx.js';

type Http = () => ReturnType<typeof request.agent>;

/** Starts a day run as an admin would (`POST /api/runs {day}`) and waits for its report. */
async function runDay(http: Http, day: string) {
  const started = await http().post('/api/runs').send({ day }).expect(202);
  const runId = await eventually(async () => {
    const job = await http().get(`/api/jobs/${started.body.jobId}`).expect(200);
    if (job.body.state === 'failed') throw new Error(job.body.failedReason);
    return job.body.state === 'completed' ? (job.body.result.runId as string) : undefined;
  }, 60_000);
  return eventually(async () => {
    const runs = await http().get('/api/runs?limit=200').expect(200);
    const run = runs.body.items.find((r: { id: string }) => r.id === runId);
    if (run?.status === 'failed') throw new Error(JSON.stringify(run));
    return run?.status === 'completed' ? run : undefined;
  }, 90_000);
}

/** Waits until no reconciliation job is waiting or running (what imports and matches enqueue). */
async function drained(t: TestApp) {
  const queue = t.app.get(JobProducer).queue('reconcile');
  await eventually(async () => {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(c).every((n) => n === 0) ? true : undefined;
  }, 60_000);
}

/**
 * Flags follow the day runs only (domain.md §9): a month's files loaded one by one reconcile their
 * employers (snapshots of today) but raise nothing; the day run then raises exactly the flags of the
 * finished data; a run for an earlier day stores its snapshots and says flags were not re-evaluated.
 */
describe.each(DB_KINDS)('flags by day runs on %s', (kind) => {
  let t: TestApp;
  const dir = tempDir('sothu-dayrun-');
  const province = generateProvince({ seed: 21, scale: 'small', months: 15 });
  const D = lastDayOf(province.options.endPeriod);
  let files: WorkbookManifest;
  let admin: Record<string, string> = {};
  const http = () => request.agent(t.app.getHttpServer()).set(admin);
  const { importAndCommit } = importClient(
    () => t.app,
    () => admin,
  );
  const em = () => t.app.get(EntityManager).fork();

  beforeAll(async () => {
    t = await startTestApp(kind, { WORKER_CONCURRENCY: '4', UPLOAD_RATE_LIMIT: '1000' });
    admin = await authHeader(t, 'admin');
    files = await writeProvince(province, dir, { truth: false });
    for (const o of province.offices) await http().post('/api/offices').send(o).expect(201);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('loading the month file by file reconciles but raises no flag; the day run raises exactly the finished data’s flags', async () => {
    await importAndCommit(join(dir, files.employers), 'employers');
    for (const r of files.rosters) await importAndCommit(join(dir, r), 'roster');
    await drained(t);
    // half-loaded (rosters in, no receipts): ledgers reconciled, snapshots stored, no flag
    expect(await em().count(EmployerSnapshot, {})).toBeGreaterThan(0);
    expect(await em().count(Flag, {})).toBe(0);
    for (const r of files.receipts) await importAndCommit(join(dir, r.file), 'receipts');
    await importAndCommit(join(dir, files.receivables), 'receivables');
    await drained(t);
    expect(await em().count(Flag, {})).toBe(0);
    expect((await http().get('/api/inspection-queue').expect(200)).body.items).toEqual([]);

    const run = await runDay(http, D);
    expect(run.report.flags).toMatchObject({ evaluated: true, updated: 0, cleared: 0 });

    const expected: string[] = [];
    for (const e of province.employers) {
      const l = (await http().get(`/api/employers/${e.unitCode}/ledger?asOf=${D}`).expect(200))
        .body as { flags: { code: string }[] };
      for (const f of l.flags) expected.push(`${e.unitCode}:${f.code}`);
    }
    expect(expected.length).toBeGreaterThan(0);
    const stored = await em().find(Flag, {});
    expect(stored.map((f) => `${f.unitCode}:${f.code}`).sort()).toEqual(expected.sort());
    expect(stored.every((f) => f.status === 'open' && f.raisedOn === D)).toBe(true);
    expect(run.report.flags.raised).toBe(expected.length);

    // the queue: one row per flagged employer
    const queue = await http().get('/api/inspection-queue?limit=200').expect(200);
    expect(queue.body.items.map((r: { unitCode: string }) => r.unitCode).sort()).toEqual(
      [...new Set(expected.map((k) => k.split(':')[0]))].sort(),
    );
  }, 300_000);

  it('a run for an earlier day stores its snapshots and reports flags not re-evaluated, and why', async () => {
    const before = await em().find(Flag, {}, { orderBy: { id: 'asc' } });
    const day = addDays(D, -1);
    const run = await runDay(http, day);
    expect(run.report.flags).toEqual({
      evaluated: false,
      reason: 'later-day-evaluated',
      latestEvaluatedDay: D,
      raised: 0,
      updated: 0,
      cleared: 0,
    });
    expect(await em().count(EmployerSnapshot, { day, runId: run.id })).toBe(
      province.employers.length,
    );
    const after = await em().find(Flag, {}, { orderBy: { id: 'asc' } });
    expect(after.map((f) => [f.id, f.status, f.evaluatedOn])).toEqual(
      before.map((f) => [f.id, f.status, D]),
    );
  }, 120_000);
});

/** The inspection queue (product.md `/api/inspection-queue`) and the early warning, on hand-made data. */
describe.each(DB_KINDS)('inspection queue on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string> = {};
  const http = () => request.agent(t.app.getHttpServer()).set(admin);
  const em = () => t.app.get(EntityManager).fork();
  const OFFICE = TEST_OFFICE;

  const employer = (unitCode: string, name: string) =>
    ({
      unitCode,
      name,
      officeCode: OFFICE,
      region: 'I',
      cycle: 'monthly',
      oaRateBp: 50,
      status: 'active',
    }) as const;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await authHeader(t, 'admin');
    await createUser(t, { role: 'inspector' }); // creates the office
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('orders a high PROLONGED_ARREARS employer above a low REPEAT_LATE one with a larger balance; filters; pages; scope', async () => {
    const tx = em();
    tx.create(Employer, employer('QA0001A', 'Công ty Nợ Kéo Dài'));
    tx.create(Employer, employer('QB0001B', '=Công ty Chậm Đóng'));
    tx.create(Employer, employer('QC0001C', 'HTX Trung Bình'));
    const day = '2026-05-31';
    // each employer's evaluation as a day run applies it (FlagsService keeps the queue's key)
    const evaluations = new Map<string, FlagEvaluation>();
    const flag = (
      unitCode: string,
      code: Flag['code'],
      severity: Flag['severity'],
      riskScore: number,
      monthsOfDebtMilli: number,
      evidence: Record<string, unknown> = {},
    ) => {
      const e = evaluations.get(unitCode) ?? {
        unitCode,
        officeCode: OFFICE,
        asOf: day,
        flags: [],
        monthsOfDebtMilli,
      };
      e.flags.push({ code, severity, riskScore, evidence });
      evaluations.set(unitCode, e);
    };
    // QA: 7 months, 60,000,000 overdue → high; risk 60,000,000 × (1 + 7/3) = 200,000,000
    flag('QA0001A', 'PROLONGED_ARREARS', 'high', 200_000_000, 7000, {
      monthsOfDebt: 7,
      overduePrincipal: 60_000_000,
    });
    flag('QA0001A', 'REPEAT_LATE', 'low', 200_000_000, 7000);
    // QB: a far larger balance (900,000,000, 2 months) but only REPEAT_LATE (low): 1,500,000,000
    flag('QB0001B', 'REPEAT_LATE', 'low', 1_500_000_000, 2000);
    // QC: medium, between them
    flag('QC0001C', 'UNDER_DECLARATION', 'medium', 10_000_000, 1000);
    for (const [unitCode, overdue, m, cls] of [
      ['QA0001A', 60_000_000, 7000, 'prolonged'],
      ['QB0001B', 900_000_000, 2000, 'overdue'],
      ['QC0001C', 10_000_000, 1000, 'overdue'],
    ] as const) {
      tx.create(EmployerSnapshot, {
        day,
        unitCode,
        officeCode: OFFICE,
        provinceCode: '99',
        overduePrincipal: overdue,
        principalOutstanding: overdue,
        chargesUnpaid: 0,
        credit: 0,
        monthsOfDebtMilli: m,
        debtClass: cls,
        hardToCollect: false,
        ageing: {},
        ytdReceivable: 0,
        computedAt: new Date(),
      });
    }
    // two suspense receipts suggested for QA (one 7,000,000, one 3,500,000); one matched (not counted)
    for (const [ref, amount, unit, suggestion, status] of [
      ['QA-S1', 7_000_000, null, 'QA0001A', 'suggested'],
      ['QA-S2', 3_500_000, null, 'QA0001A', 'suggested'],
      ['QA-M1', 1_000_000, 'QA0001A', 'QA0001A', 'matched'],
    ] as const) {
      tx.create(Receipt, {
        valueDate: '2026-05-20',
        amount,
        memo: 'nop tien',
        bankRef: ref,
        status,
        unitCode: unit,
        suggestion,
        method: unit ? 'officer' : 'name',
        confidenceMilli: 800,
        batchId: 'b',
      });
    }
    await tx.flush();
    await em().transactional((etx) =>
      t.app.get(FlagsService).applyEvaluations(etx, [...evaluations.values()]),
    );

    const res = await http().get('/api/inspection-queue').expect(200);
    expect(res.body.items.map((r: { unitCode: string }) => r.unitCode)).toEqual([
      'QA0001A',
      'QC0001C',
      'QB0001B',
    ]);
    expect(res.body.items[0]).toMatchObject({
      unitCode: 'QA0001A',
      name: 'Công ty Nợ Kéo Dài',
      officeCode: OFFICE,
      severity: 'high',
      overduePrincipal: 60_000_000,
      monthsOfDebt: 7,
      debtClass: 'prolonged',
      flags: [
        { code: 'PROLONGED_ARREARS', severity: 'high', status: 'open' },
        { code: 'REPEAT_LATE', severity: 'low', status: 'open' },
      ],
      suggestedReceipts: { count: 2, total: 10_500_000 },
      caseOpen: false,
      imminent: null,
    });
    expect(res.body.items[2]).toMatchObject({ overduePrincipal: 900_000_000, severity: 'low' });

    // pages of one row give the same order
    const got: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get('/api/inspection-queue')
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .expect(200);
      got.push(...page.body.items.map((r: { unitCode: string }) => r.unitCode));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(got).toEqual(['QA0001A', 'QC0001C', 'QB0001B']);
    expect(
      (await http().get('/api/inspection-queue?cursor=nonsense').expect(400)).body.error.code,
    ).toBe('FLAG_CURSOR_INVALID');

    // filters: a code selects employers (rows keep all their flags), a severity too
    const late = await http().get('/api/inspection-queue?code=REPEAT_LATE').expect(200);
    expect(late.body.items.map((r: { unitCode: string }) => r.unitCode)).toEqual([
      'QA0001A',
      'QB0001B',
    ]);
    const high = await http().get(`/api/inspection-queue?severity=high&office=${OFFICE}`);
    expect(high.body.items.map((r: { unitCode: string }) => r.unitCode)).toEqual(['QA0001A']);
    expect((await http().get('/api/inspection-queue?code=NOPE').expect(400)).body.error.code).toBe(
      'BAD_REQUEST',
    );

    // a case opened from QA's flag shows on its row
    const qaFlag = await em().findOneOrFail(Flag, {
      unitCode: 'QA0001A',
      code: 'PROLONGED_ARREARS',
    });
    const opened = await http()
      .post('/api/cases')
      .send({ flagIds: [qaFlag.id] })
      .expect(201);
    const withCase = await http().get('/api/inspection-queue?severity=high').expect(200);
    expect(withCase.body.items[0]).toMatchObject({ caseOpen: true, openCaseId: opened.body.id });

    // scope: an inspector of this office sees the rows; one of another office none, and 403 for it
    const mine = await createUser(t, { role: 'inspector', offices: [OFFICE] });
    const other = await createUser(t, { role: 'inspector', offices: ['09902'] });
    const server = () => request(t.app.getHttpServer());
    expect(
      (await server().get('/api/inspection-queue').set(mine.headers).expect(200)).body.items,
    ).toHaveLength(3);
    expect(
      (await server().get('/api/inspection-queue').set(other.headers).expect(200)).body.items,
    ).toEqual([]);
    await server().get(`/api/inspection-queue?office=${OFFICE}`).set(other.headers).expect(403);
    await server()
      .get(`/api/inspection-queue.xlsx?office=${OFFICE}`)
      .set(other.headers)
      .expect(403);

    // inspection-plan.xlsx: the filtered queue in its order, names as text, Vietnamese headers
    const xlsx = await http()
      .get('/api/inspection-queue.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-disposition']).toContain('inspection-plan.xlsx');
    const rows = (await readWorkbook(xlsx.body as Buffer)).get('Kế hoạch thanh tra')!;
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]).toEqual(
      expect.arrayContaining(['Mã đơn vị', 'Tên đơn vị', 'Nợ quá hạn (đồng)', 'Số tháng nợ']),
    );
    const body = rows.slice(header + 1);
    expect(body.map((r) => r[1])).toEqual(['QA0001A', 'QC0001C', 'QB0001B']);
    expect(body[2]![2]).toBe('=Công ty Chậm Đóng'); // text, never a formula
    expect(body[0]![6]).toBe(60_000_000);
  });

  it('PROLONGED_IMMINENT: raised at 2 unpaid months whose third falls due within the horizon, not when a payment covers it; the queue shows the day and the amount', async () => {
    // Monthly payer (new law: due the last day of the following month), 10,000,000 a month from 2026-02.
    // 2026-02 (due 03-31) paid on 03-20. At D = 2026-06-15 2026-03 (due 04-30) and 2026-04 (due 05-31)
    // are unpaid: 2 months. At D + 31 = 2026-07-16 2026-05 (due 06-30) is overdue too: 3 months,
    // from 2026-07-01. A payment on 06-16 goes (overdue first) to 2026-03; at the horizon the walk is
    // 1 + 1 + (10,000,000 − A) / 10,000,000, below 3.000 (3 decimals, half up) iff 10,000,000 − A <
    // 9,995,000, i.e. A ≥ 5,001.
    // IM0002A is the same but paid 2026-03 on 06-10: 1 month at D, 2 at the horizon — no warning.
    const D = '2026-06-15';
    const tx = em();
    for (const unitCode of ['IM0001A', 'IM0002A']) {
      tx.create(Employer, employer(unitCode, `Công ty ${unitCode}`));
      for (const period of ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06']) {
        for (const [fund, amount] of [
          ['SI_RETIRE', 8_000_000],
          ['HI', 1_500_000],
          ['UI', 500_000],
        ] as const) {
          tx.create(ReceivableLine, { unitCode, period, fund, amount, reason: '', batchId: 'b' });
        }
      }
      const paid = unitCode === 'IM0001A' ? ['2026-03-20'] : ['2026-03-20', '2026-06-10'];
      paid.forEach((valueDate, i) =>
        tx.create(Receipt, {
          valueDate,
          amount: 10_000_000,
          memo: unitCode,
          bankRef: `${unitCode}-${i}`,
          status: 'matched',
          unitCode,
          method: 'unit-code',
          confidenceMilli: 1000,
          batchId: 'b',
        }),
      );
    }
    await tx.flush();
    const run = await runDay(http, D);
    expect(run.report.flags.evaluated).toBe(true);

    const flags = await em().find(Flag, { code: 'PROLONGED_IMMINENT' });
    expect(flags.map((f) => f.unitCode)).toEqual(['IM0001A']);
    expect(flags[0]!.evidence).toMatchObject({
      monthsOfDebt: 2,
      monthsOfDebtAtHorizon: 3,
      horizon: '2026-07-16',
      prolongedOn: '2026-07-01',
      preventingAmount: 5_001,
    });
    const queue = await http().get('/api/inspection-queue?code=PROLONGED_IMMINENT').expect(200);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({
      unitCode: 'IM0001A',
      monthsOfDebt: 2,
      imminent: { prolongedOn: '2026-07-01', preventingAmount: 5_001, horizon: '2026-07-16' },
    });
    expect(queue.body.items[0].flags.map((f: { code: string }) => f.code)).toContain(
      'PROLONGED_IMMINENT',
    );

    // that run found the first test's employers (no receivable) no longer flagged: their flags wait,
    // condition-cleared, in the queue of that status, still by highest severity
    const cleared = await http().get('/api/inspection-queue?status=condition-cleared').expect(200);
    expect(cleared.body.items.map((r: { unitCode: string }) => r.unitCode)).toEqual([
      'QA0001A',
      'QC0001C',
      'QB0001B',
    ]);

    // months of debt over time from the ledger's month-ends (a new employer: from its first month)
    const series = await http()
      .get(`/api/employers/IM0001A/months-of-debt?asOf=${D}&months=6`)
      .expect(200);
    expect(
      series.body.points.map((p: { day: string; monthsOfDebt: number }) => [p.day, p.monthsOfDebt]),
    ).toEqual([
      ['2026-02-28', 0],
      ['2026-03-31', 0],
      ['2026-04-30', 0],
      ['2026-05-31', 1],
      ['2026-06-15', 2],
    ]);
  }, 120_000);
});
