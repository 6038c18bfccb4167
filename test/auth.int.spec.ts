import { EntityManager } from '@mikro-orm/core';
import { JwtService } from '@nestjs/jwt';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { AuditEvent } from '../src/modules/audit/audit-event.entity.js';
import { User } from '../src/modules/auth/user.entity.js';
import {
  authHeader,
  createUser,
  DB_KINDS,
  eventually,
  startTestApp,
  type TestApp,
} from './support/harness.js';

const binary = (r: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe.each(DB_KINDS)('sign-in, tokens and the audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await startTestApp(kind, {
      AUTH_LOGIN_RATE_LIMIT: '1000',
      AUTH_LOCKOUT_THRESHOLD: '3',
      AUTH_LOCKOUT_MINUTES: '15',
    });
    admin = await authHeader(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const http = () => request(t.app.getHttpServer());
  const login = (email: string, password: string) =>
    http().post('/api/auth/login').send({ email, password });
  const em = () => t.app.get(EntityManager).fork();
  const events = (action: string, objectId?: string) =>
    em().find(AuditEvent, { action, ...(objectId && { objectId }) }, { orderBy: { id: 'asc' } });

  it('signs in with email (any case) and password: a bearer token, when it expires, and /api/me', async () => {
    const u = await createUser(t, {
      role: 'officer',
      offices: ['09901'],
      email: 'Lan.Nguyen@Test.Example',
    });
    expect(u.email).toBe('lan.nguyen@test.example');
    const res = await login('  LAN.NGUYEN@test.example ', u.password).expect(200);
    expect(res.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    const ttl = (Date.parse(res.body.expiresAt) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    const me = await http()
      .get('/api/me')
      .set('Authorization', `Bearer ${res.body.token}`)
      .expect(200);
    expect(me.body).toEqual({
      id: u.id,
      email: 'lan.nguyen@test.example',
      role: 'officer',
      allOffices: false,
      offices: ['09901'],
      assignedOffices: ['09901'],
      provinces: [],
      mustChangePassword: false,
    });
    const [ev] = await events('auth.login', u.id);
    expect(ev).toMatchObject({
      userId: u.id,
      email: u.email,
      objectType: 'user',
      ip: expect.any(String),
    });
  });

  it('a province scope covers every office of the province; an admin sees all', async () => {
    const create = (code: string, provinceCode: string) =>
      http()
        .post('/api/offices')
        .set(admin)
        .send({ code, name: `Office ${code}`, provinceCode })
        .expect(201);
    await create('07701', '77');
    await create('07702', '77');
    const u = await createUser(t, { role: 'inspector', provinces: ['77'] });
    const me = await http().get('/api/me').set(u.headers).expect(200);
    expect(me.body).toMatchObject({
      offices: ['07701', '07702'],
      assignedOffices: [],
      provinces: ['77'],
    });
    await create('07703', '77'); // a new office of the province is in scope at once
    const offices = await http().get('/api/offices').set(u.headers).expect(200);
    expect(offices.body.items.map((o: { code: string }) => o.code)).toEqual([
      '07701',
      '07702',
      '07703',
    ]);
    expect((await http().get('/api/me').set(admin).expect(200)).body).toMatchObject({
      role: 'admin',
      allOffices: true,
    });
  });

  it('refuses a wrong password and an unknown email alike, and records both', async () => {
    const u = await createUser(t, { role: 'officer' });
    const wrong = await login(u.email, 'not the password').expect(401);
    const unknown = await login('nobody@test.example', 'whatever it is').expect(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const failed = await events('auth.login-failed');
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: u.id,
          email: u.email,
          details: { reason: 'bad-password' },
        }),
        expect.objectContaining({
          userId: null,
          email: 'nobody@test.example',
          details: { reason: 'unknown-email' },
        }),
      ]),
    );
  });

  it('locks an account after 3 failures in a row, even against the right password, until the lock ends', async () => {
    const u = await createUser(t, { role: 'officer' });
    await login(u.email, 'wrong once!').expect(401);
    await login(u.email, 'wrong twice').expect(401);
    const locked = await login(u.email, 'wrong thrice').expect(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(Date.parse(locked.body.error.details.lockedUntil) - Date.now()).toBeGreaterThan(
      14 * 60_000,
    );
    await login(u.email, u.password).expect(423);
    const reasons = (await events('auth.login-failed', u.id)).map((e) => e.details?.reason);
    expect(reasons).toEqual(['bad-password', 'bad-password', 'bad-password', 'locked']);

    // the lock runs out
    const e = em();
    const row = await e.findOneOrFail(User, { id: u.id });
    row.lockedUntil = new Date(Date.now() - 1000);
    await e.flush();
    await login(u.email, u.password).expect(200);
    expect((await em().findOneOrFail(User, { id: u.id })).failedLogins).toBe(0);
  });

  it('logout ends every token of the user; a new sign-in works', async () => {
    const u = await createUser(t, { role: 'inspector' });
    const a = (await login(u.email, u.password).expect(200)).body.token as string;
    const b = (await login(u.email, u.password).expect(200)).body.token as string;
    await http().post('/api/auth/logout').set('Authorization', `Bearer ${a}`).expect(204);
    for (const token of [a, b, u.headers.Authorization.slice(7)]) {
      const res = await http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const c = (await login(u.email, u.password).expect(200)).body.token as string;
    await http().get('/api/me').set('Authorization', `Bearer ${c}`).expect(200);
    expect(await events('auth.logout', u.id)).toHaveLength(1);
  });

  it('refuses an expired token, a token signed with another key, and a deactivated user', async () => {
    const u = await createUser(t, { role: 'officer' });
    const jwt = t.app.get(JwtService);
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await jwt.signAsync({
      sub: u.id,
      ver: 0,
      jti: 'x',
      iat: past - 3600,
      exp: past,
    });
    const res = await http().get('/api/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.error.message).toMatch(/expired/);
    const foreign = await jwt.signAsync(
      { sub: u.id, ver: 0, jti: 'y' },
      { secret: 'another key of at least 32 characters!!' },
    );
    await http().get('/api/me').set('Authorization', `Bearer ${foreign}`).expect(401);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: u.id, ver: 0 })).toString('base64url')}.`;
    await http().get('/api/me').set('Authorization', `Bearer ${none}`).expect(401);
    await http().get('/api/me').set('Authorization', 'Basic abc').expect(401);

    await http().get('/api/me').set(u.headers).expect(200);
    const e = em();
    (await e.findOneOrFail(User, { id: u.id })).active = false;
    await e.flush();
    await http().get('/api/me').set(u.headers).expect(401);
    await login(u.email, u.password).expect(401);
  });

  it('an admin creates and lists users; weak passwords, duplicates and bad scopes are refused', async () => {
    const body = {
      email: 'Minh.Tran@Test.Example',
      password: 'a sound passphrase',
      role: 'officer',
      offices: ['09901'],
    };
    await createUser(t, { role: 'officer', offices: ['09901'] }); // makes sure office 09901 exists
    const created = await http().post('/api/users').set(admin).send(body).expect(201);
    expect(created.body).toMatchObject({
      email: 'minh.tran@test.example',
      role: 'officer',
      offices: ['09901'],
      active: true,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/argon2|passwordHash/);
    expect(
      (await http().post('/api/users').set(admin).send(body).expect(409)).body.error.code,
    ).toBe('USER_EXISTS');
    const weak = await http()
      .post('/api/users')
      .set(admin)
      .send({ ...body, email: 'w@test.example', password: 'short' })
      .expect(400);
    expect(weak.body.error).toMatchObject({
      code: 'WEAK_PASSWORD',
      details: { reason: 'too-short', min: 10, max: 200 }, // what the console's catalogue words
    });
    const noScope = await http()
      .post('/api/users')
      .set(admin)
      .send({ ...body, email: 's@test.example', offices: [] })
      .expect(400);
    expect(noScope.body.error).toMatchObject({
      code: 'USER_SCOPE_INVALID',
      details: { reason: 'scope-required' },
    });
    const unknown = await http()
      .post('/api/users')
      .set(admin)
      .send({ ...body, email: 'u@test.example', offices: ['01234'] })
      .expect(400);
    expect(unknown.body.error.details).toEqual({
      reason: 'unknown',
      offices: ['01234'],
      provinces: [],
    });

    const [ev] = await events('user.create', created.body.id);
    expect(ev).toMatchObject({
      action: 'user.create',
      objectType: 'user',
      details: expect.objectContaining({ role: 'officer' }),
    });
    expect(ev.userId).not.toBeNull(); // the admin who did it

    const page1 = await http().get('/api/users?limit=2').set(admin).expect(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await http()
      .get(`/api/users?limit=500&cursor=${encodeURIComponent(page1.body.nextCursor)}`)
      .set(admin)
      .expect(200);
    const all = [...page1.body.items, ...page2.body.items].map((u: { email: string }) => u.email);
    expect(all).toContain('minh.tran@test.example');
    expect(all).toEqual([...all].sort());
    await http().get('/api/users?limit=5000').set(admin).expect(400);
  });

  it('records office creation and import upload and commit, with who did it', async () => {
    const officer = await createUser(t, { role: 'officer' });
    const office = await http()
      .post('/api/offices')
      .set(admin)
      .send({ code: '08801', name: 'Audit office', provinceCode: '88' })
      .expect(201);
    expect(await events('office.create', office.body.code)).toEqual([
      expect.objectContaining({
        objectType: 'office',
        details: { name: 'Audit office', provinceCode: '88' },
      }),
    ]);
    const up = await http()
      .post('/api/imports')
      .set(officer.headers)
      .field('kind', 'employers')
      .attach('file', Buffer.from(`not a workbook ${kind}`), 'e.xlsx')
      .expect(202);
    const [upload] = await events('import.upload', up.body.id);
    expect(upload).toMatchObject({
      userId: officer.id,
      email: officer.email,
      objectType: 'import',
      details: expect.objectContaining({ kind: 'employers' }),
    });
    // a batch that cannot be committed is not recorded as committed
    await eventually(async () => {
      const b = await http().get(`/api/imports/${up.body.id}`).set(officer.headers).expect(200);
      return b.body.status === 'rejected' ? true : undefined;
    });
    await http().post(`/api/imports/${up.body.id}/commit`).set(officer.headers).expect(409);
    expect(await events('import.commit', up.body.id)).toEqual([]);
    // an officer of another office uploading the same bytes is told, not handed the batch (officers of
    // the uploader's office share their office's imports)
    const other = await createUser(t, { role: 'officer', offices: ['09902'] });
    const dup = await http()
      .post('/api/imports')
      .set(other.headers)
      .field('kind', 'employers')
      .attach('file', Buffer.from(`not a workbook ${kind}`), 'e.xlsx')
      .expect(409);
    expect(dup.body.error.code).toBe('IMPORT_ALREADY_UPLOADED');
    expect(JSON.stringify(dup.body)).not.toContain(up.body.id);
  });

  it('lists the audit trail newest first with filters and a cursor, and never lets it change', async () => {
    const u = await createUser(t, { role: 'officer' });
    for (let i = 0; i < 3; i++) await login(u.email, u.password).expect(200);
    const mine = await http()
      .get(`/api/audit?action=auth.login&userId=${u.id}&limit=2`)
      .set(admin)
      .expect(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.items[0].id).toBeGreaterThan(mine.body.items[1].id);
    const rest = await http()
      .get(`/api/audit?action=auth.login&userId=${u.id}&limit=2&cursor=${mine.body.nextCursor}`)
      .set(admin)
      .expect(200);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    const future = await http().get(`/api/audit?from=2999-01-01`).set(admin).expect(200);
    expect(future.body.items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    const window = await http()
      .get(`/api/audit?from=${today}&to=${tomorrow}&limit=500`)
      .set(admin)
      .expect(200);
    expect(window.body.items.length).toBeGreaterThan(3);
    await http().get('/api/audit?limit=501').set(admin).expect(400);
    await http().get('/api/audit?from=yesterday').set(admin).expect(400);

    await expect(
      em().nativeUpdate(AuditEvent, { userId: u.id }, { action: 'tampered' }),
    ).rejects.toThrow(/append-only/);
    await expect(em().nativeDelete(AuditEvent, { userId: u.id })).rejects.toThrow(/append-only/);
  });

  it('exports the audit trail as a workbook with user text kept as text', async () => {
    await login('=hyperlink("http://x","y")', 'whatever it is').expect(401);
    const res = await http()
      .get('/api/audit.xlsx?action=auth.login-failed')
      .set(admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Nhật ký')!;
    expect(ws.getRow(1).getCell(3).value).toBe('Hành động');
    expect(ws.getRow(1).getCell(4).value).toBe('Diễn giải');
    expect(ws.getRow(2).getCell(2).value).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    let found = false;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      expect(row.getCell(3).value).toBe('auth.login-failed');
      expect(row.getCell(4).value).toBe('Đăng nhập không thành công');
      if (row.getCell(6).value === '=hyperlink("http://x","y")') {
        found = true;
        expect(row.getCell(6).type).toBe(ExcelJS.ValueType.String);
        expect(row.getCell(6).numFmt).toBe('@');
      }
    });
    expect(found).toBe(true);
  });

  it('sets security headers and refuses an oversized JSON body', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    const big = await http()
      .post('/api/auth/login')
      .send({ email: 'x@test.example', password: 'p'.repeat(300_000) })
      .expect(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('rate limits (per client IP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { AUTH_LOGIN_RATE_LIMIT: '3', UPLOAD_RATE_LIMIT: '2' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 past the login limit, without touching other routes', async () => {
    const http = () => request(t.app.getHttpServer());
    for (let i = 0; i < 3; i++)
      await http()
        .post('/api/auth/login')
        .send({ email: 'a@test.example', password: 'nope nope nope' })
        .expect(401);
    const res = await http()
      .post('/api/auth/login')
      .send({ email: 'a@test.example', password: 'nope nope nope' })
      .expect(429);
    expect(res.body.error.code).toBe('TOO_MANY_REQUESTS');
    const officer = await authHeader(t, 'officer');
    for (let i = 0; i < 2; i++) {
      await http()
        .post('/api/imports')
        .set(officer)
        .field('kind', 'employers')
        .attach('file', Buffer.from(`x${i}`), 'x.xlsx')
        .expect(202);
    }
    await http()
      .post('/api/imports')
      .set(officer)
      .field('kind', 'employers')
      .attach('file', Buffer.from('x3'), 'x.xlsx')
      .expect(429);
    await http().get('/api/me').set(officer).expect(200);
  });
});
