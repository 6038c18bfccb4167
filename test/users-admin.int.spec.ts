import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { AuditEvent } from '../src/modules/audit/audit-event.entity.js';
import { Flag } from '../src/modules/flags/flag.entity.js';
import {
  createUser,
  DB_KINDS,
  startTestApp,
  type TestApp,
} from './support/harness.js';

/** What an administrator does to users (#18), the session cookie of the queue dashboard, case assignees. */
describe.each(DB_KINDS)('user administration and sessions on %s', (kind) => {
  let t: TestApp;
  let admin: { Authorization: string };
  let adminId: string;
  beforeAll(async () => {
    t = await startTestApp(kind, {
      AUTH_LOGIN_RATE_LIMIT: '1000',
      AUTH_LOCKOUT_THRESHOLD: '3',
      AUTH_LOCKOUT_MINUTES: '15',
    });
    const a = await createUser(t, { role: 'admin' });
    admin = a.headers;
    adminId = a.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const http = () => request(t.app.getHttpServer());
  const login = (email: string, password: string) =>
    http().post('/api/auth/login').send({ email, password });
  const em = () => t.app.get(EntityManager).fork();
  const events = (action: string, objectId: string) =>
    em().find(AuditEvent, { action, objectId }, { orderBy: { id: 'asc' } });

  it('deactivates a user: it cannot sign in and its tokens are refused; activating lets it back', async () => {
    const u = await createUser(t, { role: 'officer' });
    await http().get('/api/me').set(u.headers).expect(200);
    const res = await http().post(`/api/users/${u.id}/deactivate`).set(admin).expect(200);
    expect(res.body).toMatchObject({ id: u.id, active: false });
    expect(res.body).not.toHaveProperty('passwordHash');
    expect((await http().get('/api/me').set(u.headers).expect(401)).body.error.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await login(u.email, u.password).expect(401)).body.error.code).toBe(
      'INVALID_CREDENTIALS',
    );
    const [ev] = await events('user.deactivate', u.id);
    expect(ev).toMatchObject({ userId: adminId, objectType: 'user', details: { email: u.email } });

    await http().post(`/api/users/${u.id}/activate`).set(admin).expect(200);
    await login(u.email, u.password).expect(200);
    expect(await events('user.activate', u.id)).toHaveLength(1);
    // the old token stays refused: deactivating ended it for good
    await http().get('/api/me').set(u.headers).expect(401);
  });

  it('refuses to deactivate or reset the account one is signed in with; an unknown user is 404', async () => {
    const self = await http().post(`/api/users/${adminId}/deactivate`).set(admin).expect(400);
    expect(self.body.error.code).toBe('USER_OWN_ACCOUNT');
    await http().post(`/api/users/${adminId}/password-reset`).set(admin).expect(400);
    await http().get('/api/me').set(admin).expect(200);
    const missing = await http().post('/api/users/no-such-user/unlock').set(admin).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('unlocks a user locked out by failed sign-ins', async () => {
    const u = await createUser(t, { role: 'inspector' });
    for (let i = 0; i < 2; i++) await login(u.email, 'wrong password').expect(401);
    await login(u.email, 'wrong password').expect(423);
    await login(u.email, u.password).expect(423);
    const list = await http().get('/api/users?limit=200').set(admin).expect(200);
    const row = list.body.items.find((x: { id: string }) => x.id === u.id);
    expect(row.lockedUntil).not.toBeNull();
    const res = await http().post(`/api/users/${u.id}/unlock`).set(admin).expect(200);
    expect(res.body.lockedUntil).toBeNull();
    await login(u.email, u.password).expect(200);
    expect(await events('user.unlock', u.id)).toHaveLength(1);
  });

  it('resets a password to a one-time one: old password and tokens end, a new password must be chosen first', async () => {
    const u = await createUser(t, { role: 'officer' });
    const res = await http().post(`/api/users/${u.id}/password-reset`).set(admin).expect(200);
    const otp = res.body.oneTimePassword as string;
    expect(otp).toMatch(/^[a-z2-9]{14}$/);
    expect(res.body.user).toMatchObject({ id: u.id, mustChangePassword: true });
    const [ev] = await events('user.password-reset', u.id);
    expect(JSON.stringify(ev!.details)).not.toContain(otp); // the password is never recorded
    await http().get('/api/me').set(u.headers).expect(401);
    await login(u.email, u.password).expect(401);

    const signed = await login(u.email, otp).expect(200);
    const bearer = { Authorization: `Bearer ${signed.body.token}` };
    const me = await http().get('/api/me').set(bearer).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
    const blocked = await http().get('/api/employers').set(bearer).expect(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const wrong = await http()
      .post('/api/auth/password')
      .set(bearer)
      .send({ currentPassword: 'not it', newPassword: 'a brand new passphrase' })
      .expect(400);
    expect(wrong.body.error.code).toBe('CURRENT_PASSWORD_WRONG');
    const weak = await http()
      .post('/api/auth/password')
      .set(bearer)
      .send({ currentPassword: otp, newPassword: 'short' })
      .expect(400);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    const changed = await http()
      .post('/api/auth/password')
      .set(bearer)
      .send({ currentPassword: otp, newPassword: 'a brand new passphrase' })
      .expect(200);
    expect(changed.headers['set-cookie']?.[0]).toMatch(/^sothu_token=/);
    await http().get('/api/me').set(bearer).expect(401); // the one-time session ended with it
    const fresh = { Authorization: `Bearer ${changed.body.token}` };
    expect((await http().get('/api/me').set(fresh).expect(200)).body.mustChangePassword).toBe(false);
    await http().get('/api/employers').set(fresh).expect(200);
    await login(u.email, otp).expect(401);
    await login(u.email, 'a brand new passphrase').expect(200);
    expect(await events('user.password-change', u.id)).toHaveLength(1);
  });

  it('sign-in sets the queue dashboard cookie (httpOnly, only for its path); sign-out clears it', async () => {
    const a = await createUser(t, { role: 'admin' });
    const res = await login(a.email, a.password).expect(200);
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^sothu_token=[^;]+;/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    // the dashboard opens with the cookie alone, as a link from the console does
    const page = await http().get('/admin/queues').set('Cookie', pair).expect(200);
    expect(page.text).toContain('<html');
    // the cookie is nothing to the API: a bearer token is still required there
    await http().get('/api/me').set('Cookie', pair).expect(401);

    const out = await http()
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${res.body.token}`)
      .expect(204);
    expect(out.headers['set-cookie']?.[0]).toMatch(/^sothu_token=;.*Expires=Thu, 01 Jan 1970/);
    expect((await http().get('/admin/queues').set('Cookie', pair)).status).toBe(401);
  });

  it('filters the audit trail by who (email)', async () => {
    const u = await createUser(t, { role: 'officer' });
    await login(u.email, u.password).expect(200);
    const res = await http()
      .get('/api/audit')
      .query({ email: u.email.toUpperCase() })
      .set(admin)
      .expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { email: string }) => e.email === u.email)).toBe(true);
  });

  it('lists the inspectors a case can be assigned to: active, of its office or its province', async () => {
    await http()
      .post('/api/offices')
      .set(admin)
      .send({ code: '08801', name: 'Office 08801', provinceCode: '88' })
      .expect(201);
    await http()
      .post('/api/offices')
      .set(admin)
      .send({ code: '08802', name: 'Office 08802', provinceCode: '88' })
      .expect(201);
    const byOffice = await createUser(t, { role: 'inspector', offices: ['08801'] });
    const byProvince = await createUser(t, { role: 'inspector', provinces: ['88'] });
    const elsewhere = await createUser(t, { role: 'inspector', offices: ['08802'] });
    const gone = await createUser(t, { role: 'inspector', offices: ['08801'] });
    await createUser(t, { role: 'officer', offices: ['08801'] });
    await http().post(`/api/users/${gone.id}/deactivate`).set(admin).expect(200);
    const x = em();
    const flag = x.create(Flag, {
      unitCode: 'AS0001A',
      officeCode: '08801',
      code: 'PROLONGED_ARREARS',
      severity: 'medium',
      riskScore: 1,
      monthsOfDebtMilli: 4000,
      evidence: {},
      raisedOn: '2026-06-30',
      evaluatedOn: '2026-06-30',
      status: 'open',
      raisedAt: new Date(),
      updatedAt: new Date(),
    });
    await x.flush();
    const opened = await http().post('/api/cases').set(admin).send({ flagIds: [flag.id] }).expect(201);
    const res = await http().get(`/api/cases/${opened.body.id}/assignees`).set(admin).expect(200);
    expect(res.body.items.map((u: { email: string }) => u.email).sort()).toEqual(
      [byOffice.email, byProvince.email].sort(),
    );
    expect(res.body.items.map((u: { email: string }) => u.email)).not.toContain(elsewhere.email);
    // an inspector of another office does not see the case at all
    await http().get(`/api/cases/${opened.body.id}/assignees`).set(elsewhere.headers).expect(404);
    await http()
      .post(`/api/cases/${opened.body.id}/assign`)
      .set(byOffice.headers)
      .send({ inspector: byProvince.email })
      .expect(200);
  });
});
