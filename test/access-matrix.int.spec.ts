import type { INestApplication } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { Employer } from '../src/modules/employers/employer.entity.js';
import { Flag } from '../src/modules/flags/flag.entity.js';
import { Receipt } from '../src/modules/ledger-facts/receipt.entity.js';
import type { UserRole } from '../src/modules/access/roles.js';
import {
  createUser,
  DB_KINDS,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/harness.js';

/**
 * Who may call what. Every route the application registers must have a row here (a new route
 * without one fails the first test), and each row is walked with no token, with each role, and with
 * an officer of another office.
 */
type Access = 'public' | readonly UserRole[];

interface Ctx {
  batchId: string;
  setId: string;
  unitCode: string;
  receiptId: number;
  /** A receipt on suspense suggested for the owner office's employer (sent back to that office). */
  suspenseReceiptId: number;
  /** A fresh receipt matched to the owner office's employer, for each unmatch call. */
  nextMatchedReceipt: () => number;
  jobId: string;
  /** A bulk report the officer of the owner office asked for. */
  reportId: string;
  flagId: number;
  caseId: number;
  ownerOffice: string;
  seq: () => number;
  login: { email: string; password: string };
  /** A user the admin routes act on (deactivate, reset, unlock): nobody signs in with it here. */
  targetUserId: string;
}

interface Rule {
  access: Access;
  /** The request to make (path with sample parameters, body or upload). */
  call: (ctx: Ctx) => {
    path: string;
    body?: object;
    upload?: { kind: string; bytes: Buffer };
    put?: boolean;
  };
  /** Calls with a fresh user each time (the route ends the caller's session). */
  freshUser?: boolean;
  /** What an officer of another office gets, where the route touches office data. */
  outOfScope?: number | ((res: request.Response, ctx: Ctx) => void);
}

const ALL: readonly UserRole[] = ['officer', 'inspector', 'admin'];
const docs: Rule = { access: 'public', call: () => ({ path: '/api/docs' }) };

const ROUTES: Record<string, Rule> = {
  'GET /health': { access: 'public', call: () => ({ path: '/health' }) },
  // the web console's client routes (index.html); its data comes from the API routes below
  'GET {*any}': { access: 'public', call: () => ({ path: '/employers' }) },
  'GET /api/docs': docs,
  'GET /api/docs/index.html': docs,
  'GET /api/docs/LICENSE': docs,
  // registered by the OpenAPI UI when first served
  'GET /api/docs/swagger-ui-init.js': docs,
  'GET /api/docs/docs/swagger-ui-init.js': docs,
  'GET /api/docs-json': { access: 'public', call: () => ({ path: '/api/docs-json' }) },
  'GET /api/docs-yaml': { access: 'public', call: () => ({ path: '/api/docs-yaml' }) },
  'GET /api/templates/:kind.xlsx': {
    access: 'public',
    call: () => ({ path: '/api/templates/employers.xlsx' }),
  },
  'POST /api/auth/login': {
    access: 'public',
    call: (c) => ({ path: '/api/auth/login', body: c.login }),
  },
  'POST /api/auth/logout': {
    access: ALL,
    freshUser: true,
    call: () => ({ path: '/api/auth/logout' }),
  },
  'GET /api/me': { access: ALL, call: () => ({ path: '/api/me' }) },
  'GET /api/users': { access: ['admin'], call: () => ({ path: '/api/users' }) },
  'POST /api/users': {
    access: ['admin'],
    call: (c) => ({
      path: '/api/users',
      body: {
        email: `new-${c.seq()}@test.example`,
        password: 'a sound passphrase',
        role: 'officer',
        offices: [c.ownerOffice],
      },
    }),
  },
  'GET /api/offices': {
    access: ALL,
    call: () => ({ path: '/api/offices' }),
    outOfScope: (res, c) => {
      expect(res.status).toBe(200);
      expect(res.body.items.map((o: { code: string }) => o.code)).not.toContain(c.ownerOffice);
    },
  },
  'POST /api/users/:id/deactivate': {
    access: ['admin'],
    call: (c) => ({ path: `/api/users/${c.targetUserId}/deactivate` }),
  },
  'POST /api/users/:id/activate': {
    access: ['admin'],
    call: (c) => ({ path: `/api/users/${c.targetUserId}/activate` }),
  },
  'POST /api/users/:id/unlock': {
    access: ['admin'],
    call: (c) => ({ path: `/api/users/${c.targetUserId}/unlock` }),
  },
  'POST /api/users/:id/password-reset': {
    access: ['admin'],
    call: (c) => ({ path: `/api/users/${c.targetUserId}/password-reset` }),
  },
  // a wrong current password answers 400: the route itself is open to every signed-in user
  'POST /api/auth/password': {
    access: ALL,
    freshUser: true,
    call: () => ({
      path: '/api/auth/password',
      body: { currentPassword: 'not the password', newPassword: 'a sound new passphrase' },
    }),
  },
  'POST /api/offices': {
    access: ['admin'],
    call: (c) => ({
      path: '/api/offices',
      body: { code: String(50000 + c.seq()), name: 'Matrix office', provinceCode: '50' },
    }),
  },
  'POST /api/imports': {
    access: ['officer', 'admin'],
    call: () => ({
      path: '/api/imports',
      upload: { kind: 'employers', bytes: Buffer.from('not a workbook') },
    }),
  },
  'GET /api/imports': {
    access: ['officer', 'admin'],
    call: () => ({ path: '/api/imports' }),
    outOfScope: (res, c) => {
      expect(res.status).toBe(200);
      expect(res.body.items.map((b: { id: string }) => b.id)).not.toContain(c.batchId);
    },
  },
  'GET /api/imports/:id': {
    access: ['officer', 'admin'],
    call: (c) => ({ path: `/api/imports/${c.batchId}` }),
    outOfScope: 404,
  },
  'POST /api/imports/:id/commit': {
    access: ['officer', 'admin'],
    call: (c) => ({ path: `/api/imports/${c.batchId}/commit` }),
    outOfScope: 404,
  },
  'POST /api/imports/:id/retry': {
    access: ['officer', 'admin'],
    call: (c) => ({ path: `/api/imports/${c.batchId}/retry` }),
    outOfScope: 404,
  },
  'GET /api/imports/:id/errors.xlsx': {
    access: ['officer', 'admin'],
    call: (c) => ({ path: `/api/imports/${c.batchId}/errors.xlsx` }),
    outOfScope: 404,
  },
  'GET /api/import-sets/:id': {
    access: ['officer', 'admin'],
    call: (c) => ({ path: `/api/import-sets/${c.setId}` }),
    outOfScope: 404,
  },
  'POST /api/import-sets/:id/commit': {
    access: ['officer', 'admin'],
    call: (c) => ({ path: `/api/import-sets/${c.setId}/commit` }),
    outOfScope: 404,
  },
  'GET /api/employers': {
    access: ALL,
    call: () => ({ path: '/api/employers' }),
    outOfScope: (res, c) => {
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: { unitCode: string }) => e.unitCode)).not.toContain(c.unitCode);
    },
  },
  'GET /api/employers/:code': {
    access: ALL,
    call: (c) => ({ path: `/api/employers/${c.unitCode}` }),
    outOfScope: 404,
  },
  'GET /api/employers/:code/ledger': {
    access: ALL,
    call: (c) => ({ path: `/api/employers/${c.unitCode}/ledger?asOf=2026-06-30` }),
    outOfScope: 404,
  },
  'GET /api/employers/:code/months-of-debt': {
    access: ALL,
    call: (c) => ({ path: `/api/employers/${c.unitCode}/months-of-debt?asOf=2026-06-30&months=3` }),
    outOfScope: 404,
  },
  'GET /api/employers/:code/ledger.xlsx': {
    access: ALL,
    call: (c) => ({ path: `/api/employers/${c.unitCode}/ledger.xlsx?asOf=2026-06-30` }),
    outOfScope: 404,
  },
  'GET /api/employers/:code/notice.xlsx': {
    access: ALL,
    call: (c) => ({ path: `/api/employers/${c.unitCode}/notice.xlsx?period=2026-05` }),
    outOfScope: 404,
  },
  'GET /api/employers/:code/notice.pdf': {
    access: ALL,
    call: (c) => ({ path: `/api/employers/${c.unitCode}/notice.pdf?period=2026-05` }),
    outOfScope: 404,
  },
  'POST /api/reports/notices': {
    access: ALL,
    call: (c) => ({
      path: '/api/reports/notices',
      body: { office: c.ownerOffice, period: '2026-05' },
    }),
    outOfScope: 403,
  },
  'GET /api/reports/:id': {
    access: ALL,
    call: (c) => ({ path: `/api/reports/${c.reportId}` }),
    outOfScope: 404,
  },
  'GET /api/reports/:id.zip': {
    access: ALL,
    call: (c) => ({ path: `/api/reports/${c.reportId}.zip` }),
    outOfScope: 404,
  },
  'GET /api/reminders': {
    access: ALL,
    call: (c) => ({ path: `/api/reminders?office=${c.ownerOffice}` }),
    outOfScope: 403,
  },
  'GET /api/reminders/letters.pdf': {
    access: ALL,
    call: (c) => ({ path: `/api/reminders/letters.pdf?office=${c.ownerOffice}` }),
    outOfScope: 403,
  },
  'GET /api/employers/:code/reminder.pdf': {
    access: ALL,
    call: (c) => ({ path: `/api/employers/${c.unitCode}/reminder.pdf?asOf=2026-06-30` }),
    outOfScope: 404,
  },
  'POST /api/reminders/sent': {
    access: ALL,
    call: (c) => ({
      path: '/api/reminders/sent',
      body: { unitCodes: [c.unitCode], date: '2026-06-15' },
    }),
    outOfScope: 404,
  },
  'GET /api/ratios/series': {
    access: ALL,
    call: (c) => ({ path: `/api/ratios/series?scope=office&code=${c.ownerOffice}` }),
    outOfScope: 403,
  },
  'GET /api/ratios/series.xlsx': {
    access: ALL,
    call: (c) => ({ path: `/api/ratios/series.xlsx?scope=office&code=${c.ownerOffice}` }),
    outOfScope: 403,
  },
  // rows of the offices a user sees; an officer of another office sees its own office's row
  'GET /api/ratios/league': {
    access: ALL,
    call: () => ({ path: '/api/ratios/league?province=99&month=2026-05' }),
  },
  'GET /api/ratios/league.xlsx': {
    access: ALL,
    call: () => ({ path: '/api/ratios/league.xlsx?province=99&month=2026-05' }),
  },
  'GET /api/ratios/targets': {
    access: ALL,
    call: (c) => ({ path: `/api/ratios/targets?scope=office&code=${c.ownerOffice}` }),
  },
  'PUT /api/ratios/targets': {
    access: ['admin'],
    call: (c) => ({
      path: '/api/ratios/targets',
      body: { scope: 'office', code: c.ownerOffice, year: 2026, percent: 2.5 },
      put: true,
    }),
  },
  'GET /api/arrears': {
    access: ALL,
    call: (c) => ({ path: `/api/arrears?office=${c.ownerOffice}` }),
    outOfScope: 403,
  },
  'GET /api/arrears.xlsx': {
    access: ALL,
    call: (c) => ({ path: `/api/arrears.xlsx?office=${c.ownerOffice}` }),
    outOfScope: 403,
  },
  'GET /api/ratios': {
    access: ALL,
    call: (c) => ({ path: `/api/ratios?scope=office&code=${c.ownerOffice}&asOf=2026-06-30` }),
    outOfScope: 403,
  },
  'GET /api/receipts': {
    access: ALL,
    call: () => ({ path: '/api/receipts' }),
    outOfScope: (res, c) => {
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { id: number }) => r.id)).not.toContain(c.receiptId);
    },
  },
  'POST /api/receipts/:id/match': {
    access: ['officer', 'admin'],
    call: (c) => ({ path: `/api/receipts/${c.receiptId}/match`, body: { unitCode: c.unitCode } }),
    outOfScope: 404,
  },
  'POST /api/receipts/:id/unmatch': {
    access: ['officer', 'admin'],
    call: (c) => ({ path: `/api/receipts/${c.nextMatchedReceipt()}/unmatch` }),
    outOfScope: 404,
  },
  'POST /api/receipts/:id/forward': {
    access: ['officer', 'admin'],
    call: (c) => ({
      path: `/api/receipts/${c.suspenseReceiptId}/forward`,
      body: { office: c.ownerOffice },
    }),
    outOfScope: 404,
  },
  'POST /api/reconciliations': {
    access: ['officer', 'admin'],
    call: (c) => ({
      path: '/api/reconciliations',
      body: { office: c.ownerOffice, asOf: '2026-06-30' },
    }),
    outOfScope: 403,
  },
  'GET /api/jobs/:id': {
    access: ALL,
    call: (c) => ({ path: `/api/jobs/${c.jobId}` }),
    outOfScope: 404,
  },
  'POST /api/runs': {
    access: ['admin'],
    call: () => ({ path: '/api/runs', body: { day: '2026-06-30' } }),
  },
  'GET /api/runs': { access: ALL, call: () => ({ path: '/api/runs' }) },
  'GET /api/flags': {
    access: ALL,
    call: () => ({ path: '/api/flags' }),
    outOfScope: (res, c) => {
      expect(res.status).toBe(200);
      expect(res.body.items.map((f: { id: number }) => f.id)).not.toContain(c.flagId);
    },
  },
  'GET /api/flags.xlsx': { access: ALL, call: () => ({ path: '/api/flags.xlsx' }) },
  'GET /api/inspection-queue': {
    access: ALL,
    call: () => ({ path: '/api/inspection-queue' }),
    outOfScope: (res, c) => {
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { unitCode: string }) => r.unitCode)).not.toContain(c.unitCode);
    },
  },
  'GET /api/inspection-queue.xlsx': {
    access: ALL,
    call: (c) => ({ path: `/api/inspection-queue.xlsx?office=${c.ownerOffice}` }),
    outOfScope: 403,
  },
  'GET /api/flags/:id': {
    access: ALL,
    call: (c) => ({ path: `/api/flags/${c.flagId}` }),
    outOfScope: 404,
  },
  'POST /api/flags/:id/close': {
    access: ['inspector', 'admin'],
    call: (c) => ({ path: `/api/flags/${c.flagId}/close` }),
  },
  // case work is the inspectors' (an officer, of any office, is refused by role)
  'POST /api/cases': {
    access: ['inspector', 'admin'],
    call: (c) => ({ path: '/api/cases', body: { flagIds: [c.flagId] } }),
    outOfScope: 403,
  },
  'GET /api/cases': {
    access: ['inspector', 'admin'],
    call: () => ({ path: '/api/cases' }),
    outOfScope: 403,
  },
  'GET /api/cases.xlsx': {
    access: ['inspector', 'admin'],
    call: () => ({ path: '/api/cases.xlsx' }),
  },
  'GET /api/cases/:id': {
    access: ['inspector', 'admin'],
    call: (c) => ({ path: `/api/cases/${c.caseId}` }),
    outOfScope: 403,
  },
  'POST /api/cases/:id/transitions': {
    access: ['inspector', 'admin'],
    call: (c) => ({
      path: `/api/cases/${c.caseId}/transitions`,
      body: { to: 'reminded', date: '2026-06-01' },
    }),
  },
  'GET /api/cases/:id/assignees': {
    access: ['inspector', 'admin'],
    call: (c) => ({ path: `/api/cases/${c.caseId}/assignees` }),
    outOfScope: 403,
  },
  'POST /api/cases/:id/assign': {
    access: ['inspector', 'admin'],
    call: (c) => ({
      path: `/api/cases/${c.caseId}/assign`,
      body: { inspector: 'inspector@test.example' },
    }),
  },
  'POST /api/cases/:id/sanctions': {
    access: ['inspector', 'admin'],
    call: (c) => ({
      path: `/api/cases/${c.caseId}/sanctions`,
      body: { date: '2026-06-02', amount: 1000000 },
    }),
  },
  'POST /api/cases/:id/notes': {
    access: ['inspector', 'admin'],
    call: (c) => ({ path: `/api/cases/${c.caseId}/notes`, body: { note: 'called the employer' } }),
  },
  'GET /api/employers/:code/minutes.xlsx': {
    access: ALL,
    call: (c) => ({
      path: `/api/employers/${c.unitCode}/minutes.xlsx?from=2026-01-01&to=2026-06-30`,
    }),
    outOfScope: 404,
  },
  'GET /api/policies': { access: ALL, call: () => ({ path: '/api/policies' }) },
  'PUT /api/policies/:key': {
    access: ['admin'],
    call: () => ({
      path: '/api/policies/flagThresholds',
      body: { prolongedMonthsMilli: 3000 },
      put: true,
    }),
  },
  // reference data explains every figure: each role reads it; administrators enter values
  'GET /api/reference': { access: ALL, call: () => ({ path: '/api/reference' }) },
  'GET /api/reference/gaps': { access: ALL, call: () => ({ path: '/api/reference/gaps' }) },
  'GET /api/reference/:kind': {
    access: ALL,
    call: () => ({ path: '/api/reference/old-regime-k' }),
  },
  'POST /api/reference/:kind': {
    access: ['admin'],
    call: (c) => ({
      path: '/api/reference/reference-level',
      body: {
        key: 'base',
        effectiveFrom: `${2030 + c.seq()}-01-01`,
        value: 3_000_000,
        source: 'Nghị định (access matrix)',
      },
    }),
  },
  'GET /api/audit': { access: ['admin'], call: () => ({ path: '/api/audit' }) },
  'GET /api/audit.xlsx': { access: ['admin'], call: () => ({ path: '/api/audit.xlsx' }) },
};

/** Method and path of every route registered on the Express router (Nest controllers, the OpenAPI UI). */
function registeredRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const found = new Set<string>();
  for (const layer of express.router.stack) {
    const methods = Object.keys(layer.route?.methods ?? {});
    // middleware mounted for every method (Nest's, helmet's) is not a route
    if (!layer.route || methods.length > 4) continue;
    const path =
      layer.route.path.length > 1 ? layer.route.path.replace(/\/$/, '') : layer.route.path;
    for (const m of methods) found.add(`${m.toUpperCase()} ${path}`);
  }
  return [...found].sort();
}

describe.each(DB_KINDS)('authorisation matrix on %s', (kind) => {
  let t: TestApp;
  let ctx: Ctx;
  const users = {} as Record<UserRole | 'otherOffice', TestUser>;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { AUTH_LOGIN_RATE_LIMIT: '1000', UPLOAD_RATE_LIMIT: '1000' });
    users.officer = await createUser(t, { role: 'officer', offices: ['09901'] });
    users.inspector = await createUser(t, { role: 'inspector', offices: ['09901'] });
    users.admin = await createUser(t, { role: 'admin' });
    users.otherOffice = await createUser(t, { role: 'officer', offices: ['09902'] });
    const target = await createUser(t, { role: 'officer', offices: ['09901'] });
    const up = await request(t.app.getHttpServer())
      .post('/api/imports')
      .set(users.officer.headers)
      .field('kind', 'employers')
      .attach('file', Buffer.from('the officer’s own upload'), 'e.xlsx')
      .expect(202);
    // an employer of the owner office with receipts matched to it, and a reconciliation job of it
    const unitCode = 'TC0001C';
    const em = t.app.get(EntityManager).fork();
    em.create(Employer, {
      unitCode,
      name: 'Công ty TNHH Mẫu',
      officeCode: '09901',
      region: 'I',
      cycle: 'monthly',
      oaRateBp: 50,
      status: 'active',
    });
    const receipts = Array.from({ length: 13 }, (_, i) =>
      em.create(Receipt, {
        valueDate: '2026-05-10',
        amount: 1_000_000,
        memo: `BHXH ${unitCode}`,
        bankRef: `MATRIX-${kind}-${i}`,
        status: 'matched',
        unitCode,
        method: 'unit-code',
        confidenceMilli: 900,
        batchId: '00000000-0000-0000-0000-000000000000',
      }),
    );
    const suspense = em.create(Receipt, {
      valueDate: '2026-05-11',
      amount: 2_000_000,
      memo: 'TCOOO1C BHXH',
      bankRef: `MATRIX-${kind}-suspense`,
      status: 'unmatched',
      unitCode: null,
      suggestion: unitCode,
      confidenceMilli: 0,
      batchId: '00000000-0000-0000-0000-000000000000',
    });
    const flag = em.create(Flag, {
      unitCode,
      officeCode: '09901',
      code: 'PROLONGED_ARREARS',
      severity: 'medium',
      riskScore: 10_000_000,
      monthsOfDebtMilli: 4000,
      evidence: { monthsOfDebt: 4 },
      raisedOn: '2026-06-30',
      evaluatedOn: '2026-06-30',
      status: 'open',
      raisedAt: new Date(),
      updatedAt: new Date(),
    });
    const caseFlag = em.create(Flag, {
      unitCode,
      officeCode: '09901',
      code: 'REPEAT_LATE',
      severity: 'low',
      riskScore: 1_000_000,
      monthsOfDebtMilli: 4000,
      evidence: {},
      raisedOn: '2026-06-30',
      evaluatedOn: '2026-06-30',
      status: 'open',
      raisedAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    const opened = await request(t.app.getHttpServer())
      .post('/api/cases')
      .set(users.admin.headers)
      .send({ flagIds: [caseFlag.id] })
      .expect(201);
    const job = await request(t.app.getHttpServer())
      .post('/api/reconciliations')
      .set(users.officer.headers)
      .send({ unitCode, asOf: '2026-06-30' })
      .expect(202);
    const report = await request(t.app.getHttpServer())
      .post('/api/reports/notices')
      .set(users.officer.headers)
      .send({ office: '09901', period: '2026-05' })
      .expect(202);
    let nextReceipt = 0;
    ctx = {
      flagId: flag.id,
      caseId: opened.body.id,
      unitCode,
      receiptId: receipts[0]!.id,
      suspenseReceiptId: suspense.id,
      nextMatchedReceipt: () => receipts[1 + (nextReceipt++ % 12)]!.id,
      jobId: job.body.jobId,
      reportId: report.body.id,
      batchId: up.body.id,
      setId: up.body.setId,
      ownerOffice: '09901',
      seq: () => ++n,
      login: { email: users.inspector.email, password: users.inspector.password },
      targetUserId: target.id,
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (key: string, headers: Record<string, string>) => {
    const method = key.split(' ')[0];
    const spec = ROUTES[key].call(ctx);
    const http = request(t.app.getHttpServer());
    let req = (
      method === 'POST'
        ? http.post(spec.path)
        : method === 'PUT'
          ? http.put(spec.path)
          : http.get(spec.path)
    ).set(headers);
    if (spec.upload)
      req = req.field('kind', spec.upload.kind).attach('file', spec.upload.bytes, 'file.xlsx');
    else if (spec.body) req = req.send(spec.body);
    return req;
  };
  const headersOf = async (key: string, role: UserRole) =>
    ROUTES[key].freshUser
      ? (await createUser(t, { role, offices: role === 'admin' ? undefined : ['09901'] })).headers
      : users[role].headers;

  it('has a row for every registered route, and no row for a route that does not exist', () => {
    expect(registeredRoutes(t.app)).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.keys(ROUTES))('%s without a token', async (key) => {
    const res = await send(key, {});
    if (ROUTES[key].access === 'public') {
      expect(res.body?.error?.code).not.toBe('UNAUTHENTICATED');
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it.each(Object.keys(ROUTES))('%s with a forged token', async (key) => {
    if (ROUTES[key].access === 'public') return;
    const forged = users.admin.headers.Authorization.slice(0, -4) + 'AAAA';
    const res = await send(key, { Authorization: forged });
    expect(res.status).toBe(401);
  });

  it.each(Object.keys(ROUTES).flatMap((key) => ALL.map((role) => [key, role] as const)))(
    '%s as %s',
    async (key, role) => {
      const rule = ROUTES[key];
      const res = await send(key, await headersOf(key, role));
      const allowed = rule.access === 'public' || rule.access.includes(role);
      if (allowed) {
        expect([401, 403]).not.toContain(res.status);
        expect(res.status).toBeLessThan(500);
      } else {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    },
  );

  it.each(Object.keys(ROUTES).filter((k) => ROUTES[k].outOfScope !== undefined))(
    '%s as an officer of another office',
    async (key) => {
      const expected = ROUTES[key].outOfScope!;
      const res = await send(key, users.otherOffice.headers);
      if (typeof expected === 'number') {
        expect(res.status).toBe(expected);
        // out of scope answers exactly as a missing object does (no existence leak)
        if (expected === 404) expect(res.body.error.code).toMatch(/NOT_FOUND$/);
      } else expected(res, ctx);
    },
  );
});
