import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { CaseEvidenceService } from '../src/modules/cases/index.js';
import { ReconciliationService } from '../src/modules/reconciliation/index.js';
import {
  createUser,
  DB_KINDS,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/harness.js';
import type { ServiceContext } from './support/service-harness.js';
import { arrangeTinyOffice, TINY_DAY, TINY_OFFICE } from './support/tiny-office.js';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Written reminders (domain.md §10) for the tiny office as of 2026-04-15 (figures by hand in
 * tiny-office.ts): TC0002D owes 8,496,000 over 5 months, TC0001C 3,398,400 over 1 month, TC0003E
 * nothing. Marking letters sent records dated reminders on cases (opening one), which
 * EVASION_SUSPECTED then reads (§9: oldest unpaid line > 60 days past due and a reminder dated ≤ D).
 */
describe.each(DB_KINDS)('reminder letters on %s', (kind) => {
  let t: TestApp;
  let officer: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const svc: ServiceContext = {
      ctx: t.app,
      config: t.config,
      em: () => t.app.get(EntityManager).fork(),
      close: t.close,
    };
    await arrangeTinyOffice(svc);
    await t.app.get(ReconciliationService).reconcile(['TC0001C', 'TC0002D', 'TC0003E'], TINY_DAY);
    officer = await createUser(t, { role: 'officer', offices: [TINY_OFFICE] });
    other = await createUser(t, { role: 'officer', offices: ['09902'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the office’s employers in arrears, filtered by months of debt and class', async () => {
    const http = request(t.app.getHttpServer());
    const all = await http
      .get(`/api/reminders?office=${TINY_OFFICE}&asOf=${TINY_DAY}`)
      .set(officer.headers)
      .expect(200);
    expect(all.body.day).toBe(TINY_DAY);
    expect(all.body.items).toEqual([
      {
        unitCode: 'TC0002D',
        name: 'Công ty B',
        overduePrincipal: 8_496_000,
        chargesUnpaid: 162_526,
        monthsOfDebt: 5,
        debtClass: 'prolonged',
      },
      {
        unitCode: 'TC0001C',
        name: 'Công ty A',
        overduePrincipal: 3_398_400,
        chargesUnpaid: 12_266,
        monthsOfDebt: 1,
        debtClass: 'overdue',
      },
    ]);
    const prolonged = await http
      .get(`/api/reminders?office=${TINY_OFFICE}&asOf=${TINY_DAY}&minMonths=3`)
      .set(officer.headers)
      .expect(200);
    expect(prolonged.body.items.map((i: { unitCode: string }) => i.unitCode)).toEqual(['TC0002D']);
    const overdue = await http
      .get(`/api/reminders?office=${TINY_OFFICE}&asOf=${TINY_DAY}&class=overdue`)
      .set(officer.headers)
      .expect(200);
    expect(overdue.body.items.map((i: { unitCode: string }) => i.unitCode)).toEqual(['TC0001C']);
    await http
      .get(`/api/reminders?office=${TINY_OFFICE}&asOf=${TINY_DAY}`)
      .set(other.headers)
      .expect(403);
    await http
      .get(`/api/reminders?office=${TINY_OFFICE}&asOf=2026-04-14`)
      .set(officer.headers)
      .expect(409);
    const pdf = await http
      .get(`/api/reminders/letters.pdf?office=${TINY_OFFICE}&asOf=${TINY_DAY}`)
      .set(officer.headers)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    // one letter a page: two employers in arrears
    expect(body.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
  });

  it('marking letters sent records dated reminders on cases, which EVASION_SUSPECTED reads', async () => {
    const http = request(t.app.getHttpServer());
    const reconciliation = t.app.get(ReconciliationService);
    const flagsOn = async (day: string) =>
      (await reconciliation.ledger('TC0002D', day))!.ledger.flags.map((f) => f.code);
    expect(await flagsOn('2026-04-25')).not.toContain('EVASION_SUSPECTED');

    await http
      .post('/api/reminders/sent')
      .set(other.headers)
      .send({ unitCodes: ['TC0002D'], date: '2026-04-20' })
      .expect(404);
    const first = await http
      .post('/api/reminders/sent')
      .set(officer.headers)
      .send({ unitCodes: ['TC0002D'], date: '2026-04-20' })
      .expect(200);
    expect(first.body.results).toEqual([
      expect.objectContaining({
        unitCode: 'TC0002D',
        opened: true,
        recorded: true,
        status: 'reminded',
      }),
    ]);
    const second = await http
      .post('/api/reminders/sent')
      .set(officer.headers)
      .send({ unitCodes: ['TC0002D'], date: '2026-05-05', note: '2nd letter' })
      .expect(200);
    expect(second.body.results[0]).toMatchObject({
      caseId: first.body.results[0].caseId,
      opened: false,
      recorded: true,
    });
    const evidence = await t.app.get(CaseEvidenceService).forUnits(null, ['TC0002D']);
    expect(evidence.get('TC0002D')!.reminderDates).toEqual(['2026-04-20', '2026-05-05']);
    const inspector = await createUser(t, { role: 'inspector', offices: [TINY_OFFICE] });
    const kase = await http
      .get(`/api/cases/${first.body.results[0].caseId}`)
      .set(inspector.headers)
      .expect(200);
    expect(JSON.stringify(kase.body)).toContain('2026-05-05');

    // 10/2025 (due 2025-11-30) is > 60 days past due; a reminder dated on or before D now exists
    expect(await flagsOn('2026-04-19')).not.toContain('EVASION_SUSPECTED');
    expect(await flagsOn('2026-04-25')).toContain('EVASION_SUSPECTED');
  });
});
