import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { binary, readWorkbook } from './support/xlsx.js';
import { OfficesService } from '../src/modules/offices/index.js';
import { ReconciliationService } from '../src/modules/reconciliation/index.js';
import {
  createUser,
  DB_KINDS,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/harness.js';
import type { ServiceContext } from './support/service-harness.js';
import { arrangeTinyOffice, TINY_OFFICE } from './support/tiny-office.js';

const MONTH_ENDS = ['2026-01-31', '2026-02-28', '2026-03-31'];

/**
 * The late-payment ratio over time for the tiny office (tiny-office.ts): month-end runs of 01–03/2026.
 * By hand (§7) as of 2026-03-31: overdue = TC0002D's 10/2025–01/2026 (4 × 1,699,200 = 6,796,800;
 * February is due that day, not overdue; TC0001C paid January, its February is due that day); YTD 2026
 * receivable = TC0001C 01+02 (6,796,800) + TC0002D 01+02 (3,398,400) = 10,195,200 → 66.67%.
 * As of 2026-02-28: overdue = TC0002D 10–12/2025 = 5,097,600 over the same 10,195,200 → 50.00%.
 */
describe.each(DB_KINDS)('ratio series on %s', (kind) => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const svc: ServiceContext = {
      ctx: t.app,
      config: t.config,
      em: () => t.app.get(EntityManager).fork(),
      close: t.close,
    };
    await arrangeTinyOffice(svc);
    await t.app
      .get(OfficesService)
      .create({ code: '06704', name: 'Văn phòng trống', provinceCode: '67' });
    for (const day of MONTH_ENDS) {
      await t.app.get(ReconciliationService).reconcile(['TC0001C', 'TC0002D', 'TC0003E'], day);
    }
    admin = await createUser(t, { role: 'admin' });
    officer = await createUser(t, { role: 'officer', offices: [TINY_OFFICE] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('equals the ratios of the month-end runs it is built from, month by month', async () => {
    const http = request(t.app.getHttpServer());
    const s = await http
      .get(`/api/ratios/series?scope=office&code=${TINY_OFFICE}&from=2025-12&to=2026-04`)
      .set(officer.headers)
      .expect(200);
    expect(
      s.body.points.map((p: { period: string; hasRun: boolean }) => [p.period, p.hasRun]),
    ).toEqual([
      ['2025-12', false],
      ['2026-01', true],
      ['2026-02', true],
      ['2026-03', true],
      ['2026-04', false],
    ]);
    for (const day of MONTH_ENDS) {
      const point = s.body.points.find((p: { day: string }) => p.day === day);
      const r = await http
        .get(`/api/ratios?scope=office&code=${TINY_OFFICE}&asOf=${day}`)
        .set(officer.headers)
        .expect(200);
      expect(point.all).toEqual(r.body.all);
      expect(point.withoutHardToCollect).toEqual(r.body.withoutHardToCollect);
      expect(point.employers).toBe(r.body.employers);
    }
    const march = s.body.points[3];
    expect(march.all).toEqual({ numerator: 6_796_800, denominator: 10_195_200, percent: 66.67 });
    expect(s.body.points[2].all).toEqual({
      numerator: 5_097_600,
      denominator: 10_195_200,
      percent: 50,
    });
    // TC0002D: 10/2025–01/2026 unpaid and overdue on 03-31 → 4 months of debt, prolonged
    expect(march.prolonged).toBe(1);
    await http
      .get(`/api/ratios/series?scope=office&code=06704&from=2026-01&to=2026-03`)
      .set(officer.headers)
      .expect(403);
    const xlsx = await http
      .get(`/api/ratios/series.xlsx?scope=office&code=${TINY_OFFICE}&from=2026-01&to=2026-03`)
      .set(officer.headers)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const [title, range] = (await readWorkbook(xlsx.body as Buffer)).get('Tỷ lệ theo tháng')!;
    expect(title![0]).toBe(`Tỷ lệ chậm đóng theo tháng — Cơ quan ${TINY_OFFICE}`);
    expect(range![0]).toMatch(/^Từ tháng 01\/2026 đến tháng 03\/2026;/);
  });

  it('a target set by an admin (audited) shows on the series; the league table ranks the province’s offices', async () => {
    const http = request(t.app.getHttpServer());
    const body = { scope: 'office', code: TINY_OFFICE, year: 2026, percent: 2.5 };
    await http.put('/api/ratios/targets').set(officer.headers).send(body).expect(403);
    await http.put('/api/ratios/targets').set(admin.headers).send(body).expect(200);
    const audit = await http.get('/api/audit?action=ratio.target').set(admin.headers).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'ratio.target', objectId: TINY_OFFICE });
    const s = await http
      .get(`/api/ratios/series?scope=office&code=${TINY_OFFICE}&from=2026-03&to=2026-03`)
      .set(officer.headers)
      .expect(200);
    expect(s.body.points[0].target).toBe(2.5);

    // an officer of one office sees its own row only
    const own = await http
      .get('/api/ratios/league?province=67&month=2026-03')
      .set(officer.headers)
      .expect(200);
    expect(own.body.rows.map((r: { officeCode: string }) => r.officeCode)).toEqual([TINY_OFFICE]);
    const l = await http
      .get('/api/ratios/league?province=67&month=2026-03')
      .set(admin.headers)
      .expect(200);
    expect(l.body.rows).toEqual([
      expect.objectContaining({
        officeCode: TINY_OFFICE,
        employers: 3,
        previousPercent: 50,
        change: 16.67,
        prolonged: 1,
        target: 2.5,
        all: { numerator: 6_796_800, denominator: 10_195_200, percent: 66.67 },
      }),
      expect.objectContaining({ officeCode: '06704', employers: 0, all: null, change: null }),
    ]);
    await http
      .get('/api/ratios/league.xlsx?province=67&month=2026-03')
      .set(admin.headers)
      .expect(200);
  });
});
