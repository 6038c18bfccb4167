import { join } from 'node:path';
import request from 'supertest';
import { lastDayOf } from '../seeds/generator/calendar.js';
import { generateProvince } from '../seeds/generator/generate.js';
import { writeProvince, type WorkbookManifest } from '../seeds/generator/writers/province.js';
import { businessToday } from '../src/infrastructure/clock.js';
import { buildWorkbook, tempDir } from './fixtures/workbooks/build-workbook.js';
import { authHeader, DB_KINDS, eventually, startTestApp, type TestApp } from './support/harness.js';
import { importClient } from './support/imports.js';

/**
 * The province's workbooks go in through the HTTP API, a nightly run for day D goes through the queue on
 * real Redis, and what comes out (ledgers, arrears, ratios, flags) is checked against figures the test
 * derives on its own from the generator's known inputs.
 */
describe.each(DB_KINDS)('reconciliation end to end on %s', (kind) => {
  let t: TestApp;
  const dir = tempDir('sothu-e2e-');
  // from 2025-08: the old regime's monthly k rates are published data we hold only for 2020 (see README)
  const province = generateProvince({ seed: 21, scale: 'small', months: 15 });
  const D = lastDayOf(province.options.endPeriod);
  const Dmonth = D.slice(0, 7);
  let files: WorkbookManifest;
  let admin: Record<string, string> = {};
  const http = () => request.agent(t.app.getHttpServer()).set(admin);
  const { importAndCommit } = importClient(
    () => t.app,
    () => admin,
  );
  interface LedgerBody {
    periods: { receivable: number }[];
    totals: Record<string, number>;
    flags: { code: string }[];
    monthsOfDebt: number;
    debtClass: string | null;
  }
  const ledgers = new Map<string, LedgerBody>();
  const confirmed = new Set<string>(); // bank references of suggestions the officer confirmed

  beforeAll(async () => {
    t = await startTestApp(kind, { WORKER_CONCURRENCY: '4', UPLOAD_RATE_LIMIT: '1000' });
    admin = await authHeader(t, 'admin');
    files = await writeProvince(province, dir, { truth: false });
    for (const o of province.offices) await http().post('/api/offices').send(o).expect(201);
    await importAndCommit(join(dir, files.employers), 'employers');
    for (const r of files.rosters) await importAndCommit(join(dir, r), 'roster');
    for (const r of files.receipts) await importAndCommit(join(dir, r.file), 'receipts');
    await importAndCommit(join(dir, files.receivables), 'receivables');

    // an officer confirms one suggested (name-matched) receipt
    const suggested = await http().get('/api/receipts?status=suggested&limit=200').expect(200);
    expect(suggested.body.items.length).toBeGreaterThan(0);
    for (const r of suggested.body.items) {
      await http().post(`/api/receipts/${r.id}/match`).send({ unitCode: r.suggestion }).expect(200);
      confirmed.add(r.bankRef);
    }

    const run = await http().post('/api/runs').send({ day: D }).expect(202);
    await eventually(async () => {
      const job = await http().get(`/api/jobs/${run.body.jobId}`).expect(200);
      if (job.body.state === 'failed') throw new Error(job.body.failedReason);
      const runs = await http().get('/api/runs').expect(200);
      return runs.body.items.find(
        (r: { day: string; status: string }) => r.day === D && r.status === 'completed',
      );
    }, 90000);
    for (const e of province.employers) {
      ledgers.set(
        e.unitCode,
        (await http().get(`/api/employers/${e.unitCode}/ledger?asOf=${D}`).expect(200)).body,
      );
    }
  }, 240000);
  afterAll(async () => {
    await t?.close();
  });

  it('the run report covers every employer with no failures', async () => {
    const runs = await http().get('/api/runs').expect(200);
    const run = runs.body.items.find((r: { day: string }) => r.day === D);
    expect(run).toMatchObject({ status: 'completed', employers: province.employers.length });
    expect(run.report).toMatchObject({ reconciled: province.employers.length, failureCount: 0 });
  });

  it("each ledger's receivable is the generator's receivable of the periods up to D", () => {
    for (const e of province.employers) {
      const expected = province.receivables
        .filter((r) => r.unitCode === e.unitCode && r.period <= Dmonth)
        .reduce((s, r) => s + r.amount, 0);
      const got = ledgers
        .get(e.unitCode)!
        .periods.reduce((s: number, p: { receivable: number }) => s + p.receivable, 0);
      expect({ unit: e.unitCode, receivable: got }).toEqual({
        unit: e.unitCode,
        receivable: expected,
      });
    }
  });

  it('each ledger was paid exactly the receipts the matching rules (and the officer) tied to it', () => {
    for (const e of province.employers) {
      const expected = province.receipts
        .filter(
          (r) =>
            r.expectedUnitCode === e.unitCode &&
            r.expectedMethod !== 'none' &&
            (r.expectedMethod !== 'name' || confirmed.has(r.bankRef)) &&
            r.valueDate <= D,
        )
        .reduce((s, r) => s + r.amount, 0);
      expect({ unit: e.unitCode, paid: ledgers.get(e.unitCode)!.totals.paid }).toEqual({
        unit: e.unitCode,
        paid: expected,
      });
    }
  });

  it('money is conserved in every ledger: paid = principal settled + charges settled + credit', () => {
    for (const e of province.employers) {
      const tot = ledgers.get(e.unitCode)!.totals;
      const principalSettled = tot.receivable - tot.principalOutstanding;
      const chargesSettled = tot.chargesBooked - tot.chargesBookedUnpaid;
      expect(principalSettled + chargesSettled + tot.credit).toBe(tot.paid);
    }
  });

  it("debt classes and flags follow each employer's known behaviour", () => {
    let checkedOnTime = 0;
    for (const e of province.employers) {
      const l = ledgers.get(e.unitCode)!;
      const codes = l.flags.map((f: { code: string }) => f.code);
      // money sent by an unidentifiable (or unconfirmed) receipt stays on suspense: its months stay owed
      const onSuspense = province.receipts.some(
        (r) =>
          (r.intendedUnitCode === e.unitCode || r.expectedUnitCode === e.unitCode) &&
          ['name', 'none'].includes(r.expectedMethod) &&
          r.valueDate <= D &&
          !confirmed.has(r.bankRef),
      );
      if (e.profile === 'on-time' && !e.hardToCollect && !onSuspense) {
        checkedOnTime++;
        expect({
          unit: e.unitCode,
          overdue: l.totals.overduePrincipal,
          class: l.debtClass,
        }).toEqual({ unit: e.unitCode, overdue: 0, class: null });
      }
      if (e.hardToCollect && l.totals.overduePrincipal > 0)
        expect(l.debtClass).toBe('hard-to-collect');
      if (!e.hardToCollect && (e.profile === 'arrears-3' || e.profile === 'arrears-12')) {
        expect(l.monthsOfDebt).toBeGreaterThanOrEqual(e.profile === 'arrears-3' ? 3 : 12);
        expect(l.debtClass).toBe('prolonged');
        expect(codes).toContain('PROLONGED_ARREARS');
      }
      if (e.hardToCollect) expect(codes).not.toContain('PROLONGED_ARREARS');
    }
    expect(checkedOnTime).toBeGreaterThan(0);
  });

  // Flags follow the day runs only (domain.md §9): the imports' reconciliations (as of today) raised none;
  // D's run raised D's. A run for today then evaluates them as of today.
  const T = businessToday('Asia/Ho_Chi_Minh');
  const reconcileAll = async (body: object) => {
    const rec = await http().post('/api/reconciliations').send(body).expect(202);
    await eventually(async () => {
      const j = await http().get(`/api/jobs/${rec.body.jobId}`).expect(200);
      if (j.body.state === 'failed') throw new Error(j.body.failedReason);
      return j.body.state === 'completed' ? true : undefined;
    }, 60000);
  };
  const runDay = async (day: string) => {
    const started = await http().post('/api/runs').send({ day }).expect(202);
    const runId = await eventually(async () => {
      const job = await http().get(`/api/jobs/${started.body.jobId}`).expect(200);
      if (job.body.state === 'failed') throw new Error(job.body.failedReason);
      return job.body.state === 'completed' ? (job.body.result.runId as string) : undefined;
    }, 60000);
    return eventually(async () => {
      const runs = await http().get('/api/runs?limit=200').expect(200);
      const run = runs.body.items.find((r: { id: string }) => r.id === runId);
      return run?.status === 'completed' ? run : undefined;
    }, 90000);
  };

  it("D's run raised one flag per employer and code, as D's ledgers say", async () => {
    const res = await http().get('/api/flags?limit=200').expect(200);
    const expected = province.employers.flatMap((e) =>
      ledgers.get(e.unitCode)!.flags.map((f) => `${e.unitCode}:${f.code}`),
    );
    expect(
      res.body.items
        .map((f: { unitCode: string; code: string }) => `${f.unitCode}:${f.code}`)
        .sort(),
    ).toEqual(expected.sort());
  });

  it('a run for today raises one flag per employer and code, ordered by risk, as the ledgers say', async () => {
    const run = await runDay(T);
    expect(run.report.flags).toMatchObject({ evaluated: true });
    const today = new Map<string, LedgerBody>();
    for (const e of province.employers) {
      today.set(
        e.unitCode,
        (await http().get(`/api/employers/${e.unitCode}/ledger?asOf=${T}`).expect(200)).body,
      );
    }
    const res = await http().get('/api/flags?code=PROLONGED_ARREARS&limit=200').expect(200);
    const expected = province.employers
      .filter((e) => today.get(e.unitCode)!.flags.some((f) => f.code === 'PROLONGED_ARREARS'))
      .map((e) => e.unitCode);
    expect(expected.length).toBeGreaterThan(0);
    const units = res.body.items.map((f: { unitCode: string }) => f.unitCode);
    expect([...units].sort()).toEqual(expected.sort());
    expect(new Set(units).size).toBe(units.length);
    const risks = res.body.items.map((f: { riskScore: number }) => f.riskScore);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    for (const f of res.body.items) {
      const l = today.get(f.unitCode)!;
      // risk = overdue principal × (1 + months / 3), half-up (domain.md §9)
      expect(f.riskScore).toBe(Math.round(l.totals.overduePrincipal * (1 + l.monthsOfDebt / 3)));
    }
  });

  it('a payment that settles a prolonged employer: its reconciliation leaves the flag; the next day run clears it (condition-cleared, not deleted)', async () => {
    const flagged = await http().get('/api/flags?code=PROLONGED_ARREARS&limit=1').expect(200);
    const flag = flagged.body.items[0];
    const l = (await http().get(`/api/employers/${flag.unitCode}/ledger?asOf=${T}`).expect(200))
      .body as LedgerBody;
    const owed = l.totals.principalOutstanding + l.totals.chargesUnpaid + 10_000_000;
    const path = await buildWorkbook(dir, 'settlement.xlsx', [
      {
        name: 'Sao kê',
        rows: [
          ['Ngày giá trị', 'Số tham chiếu', 'Số tiền', 'Nội dung', 'Mã đơn vị'],
          [
            T.split('-').reverse().join('/'),
            'SETTLE-0001',
            owed,
            `Nop BHXH ${flag.unitCode}`,
            flag.unitCode,
          ],
        ],
      },
    ]);
    await importAndCommit(path, 'receipts');
    await reconcileAll({ unitCode: flag.unitCode, asOf: T });
    expect((await http().get(`/api/flags/${flag.id}`).expect(200)).body.status).toBe('open');
    await runDay(T);
    const after = await http().get(`/api/flags/${flag.id}`).expect(200);
    expect(after.body.status).toBe('condition-cleared');
    const open = await http().get('/api/flags?code=PROLONGED_ARREARS&limit=200').expect(200);
    expect(open.body.items.map((f: { unitCode: string }) => f.unitCode)).not.toContain(
      flag.unitCode,
    );
  });

  it('arrears as of D are the sum of the ledgers, with their ageing', async () => {
    const res = await http().get(`/api/arrears?asOf=${D}&limit=500`).expect(200);
    const owing = province.employers.filter((e) => {
      const tot = ledgers.get(e.unitCode)!.totals;
      return tot.overduePrincipal > 0 || tot.chargesUnpaid > 0;
    });
    expect(res.body.items.map((i: { unitCode: string }) => i.unitCode).sort()).toEqual(
      owing.map((e) => e.unitCode).sort(),
    );
    const sum = owing.reduce((s, e) => s + ledgers.get(e.unitCode)!.totals.overduePrincipal, 0);
    expect(res.body.totals.overduePrincipal).toBe(sum);
    const ageing = Object.values(res.body.totals.ageing as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(ageing).toBe(sum);
    for (const item of res.body.items) {
      const l = ledgers.get(item.unitCode)!;
      expect(item).toMatchObject({
        overduePrincipal: l.totals.overduePrincipal,
        monthsOfDebt: l.monthsOfDebt,
        debtClass: l.debtClass,
      });
    }
  });

  it("the late-payment ratio's denominator is the generator's year-to-date receivable, the numerator the overdue principal", async () => {
    const year = Number(D.slice(0, 4));
    const res = await http().get(`/api/ratios?scope=all&year=${year}&asOf=${D}`).expect(200);
    const ytd = (pred: (u: string) => boolean) =>
      province.receivables
        .filter((r) => pred(r.unitCode) && r.period >= `${year}-01` && r.period <= Dmonth)
        .reduce((s, r) => s + r.amount, 0);
    const overdue = (pred: (u: string) => boolean) =>
      province.employers
        .filter((e) => pred(e.unitCode))
        .reduce((s, e) => s + ledgers.get(e.unitCode)!.totals.overduePrincipal, 0);
    const hard = new Set(province.employers.filter((e) => e.hardToCollect).map((e) => e.unitCode));
    expect(res.body.all).toMatchObject({
      numerator: overdue(() => true),
      denominator: ytd(() => true),
    });
    expect(res.body.withoutHardToCollect).toMatchObject({
      numerator: overdue((u) => !hard.has(u)),
      denominator: ytd((u) => !hard.has(u)),
    });
    const pct = Math.round((10000 * res.body.all.numerator) / res.body.all.denominator) / 100;
    expect(res.body.all.percent).toBeCloseTo(pct, 2);

    const office = province.offices[0]!.code;
    const byOffice = await http()
      .get(`/api/ratios?scope=office&code=${office}&year=${year}&asOf=${D}`)
      .expect(200);
    const inOffice = new Set(
      province.employers.filter((e) => e.officeCode === office).map((e) => e.unitCode),
    );
    expect(byOffice.body.all.denominator).toBe(ytd((u) => inOffice.has(u)));
  });

  it('reconciling one employer on request goes through the queue and is visible as a job', async () => {
    const unit = province.employers[0]!.unitCode;
    const res = await http()
      .post('/api/reconciliations')
      .send({ unitCode: unit, asOf: D })
      .expect(202);
    const job = await eventually(async () => {
      const j = await http().get(`/api/jobs/${res.body.jobId}`).expect(200);
      return j.body.state === 'completed' ? j.body : undefined;
    });
    expect(job.result).toMatchObject({
      employers: 1,
      overduePrincipal: ledgers.get(unit)!.totals.overduePrincipal,
    });
    await http().post('/api/reconciliations').send({ unitCode: 'ZZ9999Z' }).expect(404);
    await http().get('/api/jobs/reconcile-999999').expect(404);
  });

  it('audited every change: receipt matches, reconciliation requests, runs, case-free flag work', async () => {
    const count = async (action: string) =>
      (await http().get(`/api/audit?action=${action}&limit=500`).expect(200)).body.items
        .length as number;
    expect(await count('receipt.match')).toBe(confirmed.size);
    expect(await count('reconciliation.request')).toBeGreaterThanOrEqual(2);
    expect(await count('run.start')).toBe(3);
    expect(await count('import.commit')).toBeGreaterThan(province.employers.length);
  });

  it('serves the ledger as a workbook and refuses an unknown employer', async () => {
    const unit = province.employers[0]!.unitCode;
    const res = await http().get(`/api/employers/${unit}/ledger.xlsx?asOf=${D}`).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    await http().get('/api/employers/ZZ9999Z/ledger').expect(404);
    const list = await http()
      .get(`/api/employers?office=${province.offices[0]!.code}&limit=5`)
      .expect(200);
    expect(list.body.items).toHaveLength(5);
    // the latest day reconciled: the commits reconciled their employers as of today, after D's run
    expect(list.body.asOf >= D).toBe(true);
    expect(list.body.items[0].reconciled).toMatchObject({ asOf: list.body.asOf });
  });
});
