import request from 'supertest';
import { AuditEvent } from '../src/modules/audit/audit-event.entity.js';
import { MikroORM } from '@mikro-orm/core';
import { authHeader, startTestApp, type TestApp } from './support/harness.js';

/**
 * The one clock: "today" everywhere in the service comes from the injected Clock, so a scenario frozen
 * at one instant (CLOCK_FIXED_AT) runs the same on any day the suite runs.
 */
describe('a service whose clock stands at 2026-06-30 10:00 in Hanoi', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      CLOCK_FIXED_AT: '2026-06-30T10:00:00+07:00',
      NIGHTLY_CRON: 'off',
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  const http = () => request(t.app.getHttpServer());

  it('takes that day as today: ratios default to it', async () => {
    const officer = await authHeader(t, 'officer', ['06703']);
    const res = await http().get('/api/ratios?scope=all').set(officer).expect(409);
    expect(res.body.error).toMatchObject({ code: 'NO_RUN_FOR_DAY', details: { day: '2026-06-30' } });
  });

  it('a run asked for no day recomputes the day before, and rows are stamped at that instant', async () => {
    const admin = await authHeader(t, 'admin');
    await http().post('/api/runs').set(admin).send({}).expect(202);
    let runs: { day: string; status: string; startedAt: string }[] = [];
    for (let i = 0; i < 100 && !runs.some((r) => r.status === 'completed'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      runs = (await http().get('/api/runs').set(admin).expect(200)).body.items;
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ day: '2026-06-29', status: 'completed' });
    expect(new Date(runs[0]!.startedAt).toISOString()).toBe('2026-06-30T03:00:00.000Z');
    const audit = await t.app
      .get(MikroORM)
      .em.fork()
      .findOneOrFail(AuditEvent, { action: 'run.start' });
    expect(audit.at.toISOString()).toBe('2026-06-30T03:00:00.000Z');
  });

  it('refuses CLOCK_FIXED_AT in production', async () => {
    const { loadConfig } = await import('../src/config/config.js');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: 'x'.repeat(40),
        CLOCK_FIXED_AT: '2026-06-30T10:00:00+07:00',
      }),
    ).toThrow(/CLOCK_FIXED_AT/);
  });
});
