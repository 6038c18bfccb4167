import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
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

/**
 * product.md: the office, province and whole-system figures of `/api/ratios` and `/api/arrears` are a
 * run's; a day never run answers 409 NO_RUN_FOR_DAY with the nearest days run and how to start one.
 * The tiny office (tiny-office.ts) is run as of 2026-01-31 and 2026-03-31 only.
 */
describe.each(DB_KINDS)('a day never run on %s', (kind) => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp(kind, { NIGHTLY_CRON: 'off' });
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
    admin = await createUser(t, { role: 'admin' });
    officer = await createUser(t, { role: 'officer', offices: [TINY_OFFICE] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const startRun = (day: string) => ({ method: 'POST', path: '/api/runs', body: { day } });

  it('before any run: 409 with no day run yet, for every scope and for arrears', async () => {
    for (const path of [
      '/api/ratios?scope=all&asOf=2026-02-28',
      '/api/ratios?scope=province&code=67&asOf=2026-02-28',
      `/api/ratios?scope=office&code=${TINY_OFFICE}&asOf=2026-02-28`,
      `/api/arrears?office=${TINY_OFFICE}&asOf=2026-02-28`,
    ]) {
      const res = await http().get(path).set(officer.headers).expect(409);
      expect(res.body.error).toEqual({
        code: 'NO_RUN_FOR_DAY',
        message:
          'No reconciliation run for 2026-02-28; no day has been run yet. Start one with POST /api/runs {"day": "2026-02-28"}',
        details: {
          day: '2026-02-28',
          nearestRunDays: { before: null, after: null },
          startRun: startRun('2026-02-28'),
        },
      });
    }
  });

  it('after runs of 01-31 and 03-31: a day between names both, a day before names the first', async () => {
    const rec = t.app.get(ReconciliationService);
    for (const day of ['2026-01-31', '2026-03-31'])
      await rec.reconcile(['TC0001C', 'TC0002D', 'TC0003E'], day);
    for (const path of [
      '/api/ratios?scope=all&asOf=2026-02-28',
      '/api/ratios?scope=province&code=67&asOf=2026-02-28',
      `/api/ratios?scope=office&code=${TINY_OFFICE}&asOf=2026-02-28`,
      '/api/arrears?asOf=2026-02-28',
      `/api/arrears?office=${TINY_OFFICE}&asOf=2026-02-28`,
    ]) {
      const res = await http().get(path).set(admin.headers).expect(409);
      expect(res.body.error.code).toBe('NO_RUN_FOR_DAY');
      expect(res.body.error.message).toBe(
        'No reconciliation run for 2026-02-28; the nearest days run: 2026-01-31, 2026-03-31. Start one with POST /api/runs {"day": "2026-02-28"}',
      );
      expect(res.body.error.details).toEqual({
        day: '2026-02-28',
        nearestRunDays: { before: '2026-01-31', after: '2026-03-31' },
        startRun: startRun('2026-02-28'),
      });
    }
    const early = await http().get('/api/ratios?scope=all&asOf=2025-12-31').set(admin.headers);
    expect(early.status).toBe(409);
    expect(early.body.error.details.nearestRunDays).toEqual({ before: null, after: '2026-01-31' });
    const late = await http().get('/api/arrears?asOf=2026-04-30').set(admin.headers);
    expect(late.status).toBe(409);
    expect(late.body.error.details.nearestRunDays).toEqual({ before: '2026-03-31', after: null });
  });

  it('a day run answers; an office with no employer in a day run is no run problem', async () => {
    const ratio = await http()
      .get(`/api/ratios?scope=office&code=${TINY_OFFICE}&asOf=2026-03-31`)
      .set(officer.headers)
      .expect(200);
    expect(ratio.body).toMatchObject({ asOf: '2026-03-31', employers: 3 });
    await http().get('/api/arrears?asOf=2026-03-31').set(admin.headers).expect(200);
    const empty = await http()
      .get('/api/ratios?scope=office&code=06704&asOf=2026-03-31')
      .set(admin.headers)
      .expect(404);
    expect(empty.body.error.code).toBe('NO_SNAPSHOT');
    const arrears = await http()
      .get('/api/arrears?office=06704&asOf=2026-03-31')
      .set(admin.headers)
      .expect(200);
    expect(arrears.body.totals.employers).toBe(0);
  });
});
