import request from 'supertest';
import { authHeader, startTestApp, type TestApp } from './support/harness.js';

describe('queue dashboard at /admin/queues', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });
  const http = () => request(t.app.getHttpServer());

  it('is for administrators only, by bearer token or the console cookie', async () => {
    expect((await http().get('/admin/queues')).status).toBe(401);
    const officer = await authHeader(t, 'officer');
    expect((await http().get('/admin/queues').set(officer)).status).toBe(403);
    const admin = await authHeader(t, 'admin');
    const page = await http().get('/admin/queues').set(admin).expect(200);
    expect(page.text).toContain('<html');
    const token = admin.Authorization.replace(/^Bearer /, '');
    const api = await http()
      .get('/admin/queues/api/queues')
      .set('Cookie', `sothu_token=${token}`)
      .expect(200);
    const names = (api.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['imports', 'nightly', 'reconcile', 'reports', 'system']);
  });
});
