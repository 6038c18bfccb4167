import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { Employer } from '../src/modules/employers/employer.entity.js';
import { ReceivableLine } from '../src/modules/ledger-facts/receivable-line.entity.js';
import { ReferenceService } from '../src/modules/reference/index.js';
import {
  createUser,
  DB_KINDS,
  eventually,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/harness.js';
import { binary, readWorkbook } from './support/xlsx.js';

/**
 * domain.md §6 "A k not yet known", through the product: an employer whose old-regime interest needs
 * a k nobody has entered (2022 and 2023 here: the seeds hold 2020's only) is in the run's snapshots,
 * arrears, ratios and flags, with a warning; an administrator enters the k through the API, the
 * employers that needed it are recomputed by the queue and the interest is booked; the audit trail
 * says who entered it; re-seeding does not overwrite it.
 *
 * Figures, by hand (§6 old regime: on the 1st of month i, (P_i − S_i) × k, where P_i − S_i is the
 * principal unpaid of receivables due on or before the last day of month i−2; old-regime periods are
 * due on their month's last day):
 * - A (office 09911): SI_RETIRE 10,000,000 for each of 2022-09, 2022-10, 2022-11 and 2023-01, nothing
 *   paid. 2022-11-01: 10,000,000 due by 2022-09-30 (k 2022); 2022-12-01: 20,000,000 (k 2022);
 *   2023-01-01 and 2023-02-01: 30,000,000 (k 2023). As of 2023-02-15: overdue principal 40,000,000,
 *   months of debt 4 (2023-01, [2022-12 has none], 2022-11, 2022-10, 2022-09) → prolonged.
 * - C (office 09911): SI_RETIRE 10,000,000 for 2022-11 → 2023-01-01 and 2023-02-01 need k 2023.
 * - B (office 09911): SI_RETIRE 5,000,000 for 2023-01 (due 2023-01-31): overdue, but no interest
 *   before 2023-03-01 → needs no k.
 * Ratio of office 09911 as of D: overdue 40M + 10M + 5M = 55,000,000; 2023 year-to-date receivable
 * (periods 2023-01..02): A 10M + B 5M = 15,000,000.
 * With k_SI 2023 = 0.9500 % (9500 millionths): A books 2 × 30,000,000 × 0.0095 = 570,000, C books
 * 2 × 10,000,000 × 0.0095 = 190,000; A still misses k 2022 (two interests, bases 10M and 20M).
 */
describe.each(DB_KINDS)('reference data and missing k on %s', (kind) => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  const D = '2023-02-15';
  const OFFICE = '09911';
  const http = (u: TestUser = admin) => request.agent(t.app.getHttpServer()).set(u.headers);

  const runDay = async (day: string) => {
    const run = await http().post('/api/runs').send({ day }).expect(202);
    return eventually(async () => {
      const job = await http().get(`/api/jobs/${run.body.jobId}`).expect(200);
      if (job.body.state === 'failed') throw new Error(job.body.failedReason);
      const runs = await http().get('/api/runs?status=completed').expect(200);
      return runs.body.items.find((r: { day: string }) => r.day === day);
    }, 60000);
  };
  const waitJob = (jobId: string) =>
    eventually(async () => {
      const job = await http().get(`/api/jobs/${jobId}`).expect(200);
      if (job.body.state === 'failed') throw new Error(job.body.failedReason);
      return job.body.state === 'completed' ? job.body : undefined;
    }, 60000);

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await createUser(t, { role: 'admin' });
    officer = await createUser(t, { role: 'officer', offices: [OFFICE] });
    const em = t.app.get(EntityManager).fork();
    for (const unitCode of ['RKA0001', 'RKB0001', 'RKC0001']) {
      em.create(Employer, {
        unitCode,
        name: `Công ty ${unitCode}`,
        officeCode: OFFICE,
        region: 'I',
        cycle: 'monthly',
        oaRateBp: 50,
        status: 'active',
      });
    }
    const line = (unitCode: string, period: string, amount: number) =>
      em.create(ReceivableLine, {
        unitCode,
        period,
        fund: 'SI_RETIRE',
        amount,
        dueDate: null,
        reason: '',
        batchId: '00000000-0000-0000-0000-000000000000',
      });
    for (const p of ['2022-09', '2022-10', '2022-11', '2023-01']) line('RKA0001', p, 10_000_000);
    line('RKB0001', '2023-01', 5_000_000);
    line('RKC0001', '2022-11', 10_000_000);
    await em.flush();
  }, 60000);
  afterAll(async () => {
    await t?.close();
  });

  it('the ledger books no interest for a missing k, reports it rate-missing, and computes the rest', async () => {
    const l = (await http(officer).get(`/api/employers/RKA0001/ledger?asOf=${D}`).expect(200)).body;
    expect(l.totals).toMatchObject({
      receivable: 40_000_000,
      overduePrincipal: 40_000_000,
      chargesBooked: 0,
      chargesUnpaid: 0,
    });
    expect(l.monthsOfDebt).toBe(4);
    expect(l.debtClass).toBe('prolonged');
    expect(
      l.rateMissing.map(
        (m: { on: string; year: number; tag: string; key: string; base: number }) => [
          m.on,
          m.year,
          m.tag,
          m.key,
          m.base,
        ],
      ),
    ).toEqual([
      ['2022-11-01', 2022, 'SI', 'SI', 10_000_000],
      ['2022-12-01', 2022, 'SI', 'SI', 20_000_000],
      ['2023-01-01', 2023, 'SI', 'SI', 30_000_000],
      ['2023-02-01', 2023, 'SI', 'SI', 30_000_000],
    ]);
    expect(l.missingReference).toEqual([
      { kind: 'old-regime-k', key: 'SI', year: 2022 },
      { kind: 'old-regime-k', key: 'SI', year: 2023 },
    ]);
  });

  it('ledger.xlsx lists the charges not booked on a sheet of their own', async () => {
    const xlsx = await http(officer)
      .get(`/api/employers/RKA0001/ledger.xlsx?asOf=${D}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const sheets = await readWorkbook(xlsx.body as Buffer);
    expect(sheets.get('Thiếu tham số')!.slice(1)).toEqual([
      ['Hệ số k (lãi tháng)', 'SI', 2022, '01/11/2022', 'BHXH', '10/2022', 10_000_000],
      ['Hệ số k (lãi tháng)', 'SI', 2022, '01/12/2022', 'BHXH', '11/2022', 20_000_000],
      ['Hệ số k (lãi tháng)', 'SI', 2023, '01/01/2023', 'BHXH', '12/2022', 30_000_000],
      ['Hệ số k (lãi tháng)', 'SI', 2023, '01/02/2023', 'BHXH', '01/2023', 30_000_000],
    ]);
    const main = sheets
      .get('Đối chiếu (C12)')!
      .flat()
      .filter((v) => typeof v === 'string');
    expect(
      main.some((v) =>
        v.startsWith(
          'Chưa tính 4 khoản lãi chậm đóng do thiếu tham số: k_SI năm 2022, k_SI năm 2023',
        ),
      ),
    ).toBe(true);
  });

  it('a run keeps employers with a missing k in snapshots, arrears, ratios and flags, and lists them as warnings', async () => {
    const run = await runDay(D);
    expect(run.report).toMatchObject({ reconciled: 3, failureCount: 0, warningCount: 2 });
    const warnings = run.report.warnings as { unitCode: string; missing: unknown[] }[];
    expect(Object.fromEntries(warnings.map((w) => [w.unitCode, w.missing]))).toEqual({
      RKA0001: [
        { kind: 'old-regime-k', key: 'SI', year: 2022 },
        { kind: 'old-regime-k', key: 'SI', year: 2023 },
      ],
      RKC0001: [{ kind: 'old-regime-k', key: 'SI', year: 2023 }],
    });
    expect(run.report.missingReference).toEqual([
      { kind: 'old-regime-k', key: 'SI', year: 2022, employers: 1 },
      { kind: 'old-regime-k', key: 'SI', year: 2023, employers: 2 },
    ]);

    // an officer of the office reads its lines of the report, warnings included
    const mine = (await http(officer).get('/api/runs').expect(200)).body.items.find(
      (r: { day: string }) => r.day === D,
    );
    expect(
      mine.report.warnings.map((w: { unitCode: string; officeCode: string }) => [
        w.unitCode,
        w.officeCode,
      ]),
    ).toEqual([
      ['RKA0001', OFFICE],
      ['RKC0001', OFFICE],
    ]);

    const arrears = (await http(officer).get(`/api/arrears?office=${OFFICE}&asOf=${D}`).expect(200))
      .body;
    const byUnit = Object.fromEntries(
      arrears.items.map((i: { unitCode: string }) => [i.unitCode, i]),
    );
    expect(byUnit['RKA0001']).toMatchObject({
      overduePrincipal: 40_000_000,
      chargesUnpaid: 0,
      monthsOfDebt: 4,
      debtClass: 'prolonged',
    });
    expect(byUnit['RKC0001']).toMatchObject({ overduePrincipal: 10_000_000 });
    expect(byUnit['RKB0001']).toMatchObject({ overduePrincipal: 5_000_000 });

    const ratio = (
      await http(officer).get(`/api/ratios?scope=office&code=${OFFICE}&asOf=${D}`).expect(200)
    ).body;
    expect(ratio.all).toMatchObject({ numerator: 55_000_000, denominator: 15_000_000 });

    const flags = (await http(officer).get('/api/flags?unit=RKA0001').expect(200)).body;
    expect(flags.items.map((f: { code: string }) => f.code)).toContain('PROLONGED_ARREARS');

    const gaps = (await http(officer).get('/api/reference/gaps').expect(200)).body;
    expect(
      gaps.items.map((g: { kind: string; key: string; year: number; employers: number }) => [
        g.kind,
        g.key,
        g.year,
        g.employers,
      ]),
    ).toEqual([
      ['old-regime-k', 'SI', 2022, 1],
      ['old-regime-k', 'SI', 2023, 2],
    ]);
  });

  it('refuses a value an administrator cannot mean, with a coded reason', async () => {
    const bad = await http()
      .post('/api/reference/old-regime-k')
      .send({ key: 'SI', effectiveFrom: '2023-03-01', value: 96_660, source: '' })
      .expect(422);
    expect(bad.body.error.code).toBe('REFERENCE_VALUE_INVALID');
    expect(
      bad.body.error.details.problems.map((p: { field: string; reason: string }) => [
        p.field,
        p.reason,
      ]),
    ).toEqual([
      ['effectiveFrom', 'not-1-january'],
      ['value', 'out-of-range'],
      ['source', 'required'],
    ]);
    const seeded = await http()
      .post('/api/reference/old-regime-k')
      .send({ key: 'SI', effectiveFrom: '2020-01-01', value: 9000, source: 'again' })
      .expect(409);
    expect(seeded.body.error).toMatchObject({
      code: 'REFERENCE_VALUE_EXISTS',
      details: { kind: 'old-regime-k', key: 'SI', effectiveFrom: '2020-01-01', value: 9666 },
    });
    await http().post('/api/reference/no-such-kind').send({}).expect(404);
    await http(officer)
      .post('/api/reference/old-regime-k')
      .send({ key: 'SI', effectiveFrom: '2023-01-01', value: 9500, source: 'x' })
      .expect(403);
  });

  it('entering the k recomputes the employers that needed it, books the interest, and is audited', async () => {
    const source = 'Công văn 123/BHXH-TST ngày 05/01/2023';
    const created = await http()
      .post('/api/reference/old-regime-k')
      .send({ key: 'SI', effectiveFrom: '2023-01-01', value: 9500, source })
      .expect(201);
    expect(created.body).toMatchObject({
      kind: 'old-regime-k',
      key: 'SI',
      effectiveFrom: '2023-01-01',
      value: 9500,
      source,
      origin: 'entered',
      enteredBy: admin.email,
    });
    const job = await waitJob(created.body.jobId);
    expect(job.name).toBe('reference.recompute');
    expect(job.progress).toBe(100);
    // the gaps of k 2023: A and C, as of the day of their stored figures
    expect(job.result).toMatchObject({ days: [D], employers: 2, warningCount: 1 });

    const arrears = (await http().get(`/api/arrears?office=${OFFICE}&asOf=${D}`).expect(200)).body;
    const byUnit = Object.fromEntries(
      arrears.items.map((i: { unitCode: string }) => [i.unitCode, i]),
    );
    expect(byUnit['RKA0001']).toMatchObject({
      overduePrincipal: 40_000_000,
      chargesUnpaid: 570_000,
    });
    expect(byUnit['RKC0001']).toMatchObject({
      overduePrincipal: 10_000_000,
      chargesUnpaid: 190_000,
    });

    const l = (await http().get(`/api/employers/RKC0001/ledger?asOf=${D}`).expect(200)).body;
    expect(l.totals.chargesBooked).toBe(190_000);
    expect(l.rateMissing).toEqual([]);
    expect(l.missingReference).toEqual([]);
    expect(
      l.charges.map((c: { bookedOn: string; amount: number }) => [c.bookedOn, c.amount]),
    ).toEqual([
      ['2023-01-01', 95_000],
      ['2023-02-01', 95_000],
    ]);

    const gaps = (await http().get('/api/reference/gaps').expect(200)).body;
    expect(gaps.items).toEqual([
      expect.objectContaining({ kind: 'old-regime-k', key: 'SI', year: 2022, employers: 1 }),
    ]);

    const list = (await http(officer).get('/api/reference/old-regime-k').expect(200)).body;
    expect(
      list.items.map((v: { key: string; effectiveFrom: string; value: number; origin: string }) => [
        v.key,
        v.effectiveFrom,
        v.value,
        v.origin,
      ]),
    ).toEqual([
      ['HI', '2020-01-01', 9766, 'seed'],
      ['SI', '2020-01-01', 9666, 'seed'],
      ['SI', '2023-01-01', 9500, 'entered'],
    ]);

    const audit = (await http().get('/api/audit?action=reference.create').expect(200)).body;
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      email: admin.email,
      objectId: 'old-regime-k/SI/2023-01-01',
      details: {
        kind: 'old-regime-k',
        key: 'SI',
        effectiveFrom: '2023-01-01',
        value: 9500,
        source,
      },
    });
  });

  it("re-seeding keeps an administrator's value and still updates the defaults", async () => {
    const reference = t.app.get(ReferenceService);
    await reference.syncFromSeeds();
    const out = await reference.sync([
      { kind: 'old-regime-k', key: 'SI', effectiveFrom: '2023-01-01', value: 1, source: 'a file' },
      {
        kind: 'old-regime-k',
        key: 'HI',
        effectiveFrom: '2020-01-01',
        value: 9767,
        source: 'fixed',
      },
    ]);
    expect(out).toMatchObject({ inserted: 0, updated: 1 });
    const list = (await http().get('/api/reference/old-regime-k').expect(200)).body;
    expect(
      list.items.map((v: { key: string; effectiveFrom: string; value: number }) => [
        v.key,
        v.effectiveFrom,
        v.value,
      ]),
    ).toEqual([
      ['HI', '2020-01-01', 9767],
      ['SI', '2020-01-01', 9666],
      ['SI', '2023-01-01', 9500],
    ]);
    await reference.syncFromSeeds();
  });
});
