import { EntityManager, MikroORM } from '@mikro-orm/core';
import request from 'supertest';
import { JobProducer } from '../src/infrastructure/queue/job-producer.service.js';
import { ReferenceValue } from '../src/modules/reference/reference-value.entity.js';
import { loadReferenceRecords } from '../seeds/reference/records.js';
import { authHeader, DB_KINDS, eventually, startTestApp, type TestApp } from './support/harness.js';

describe.each(DB_KINDS)('service foundation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports the database and Redis up on /health', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.redis.status).toBe('up');
  });

  it('serves the OpenAPI document and UI under /api/docs', async () => {
    const doc = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(doc.body.info.title).toBe('sothu');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/offices', '/health']),
    );
    const ui = await request(t.app.getHttpServer()).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('applied every migration, and the schema matches the entities exactly', async () => {
    const orm = t.app.get(MikroORM);
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });

  it('creates and lists offices, refusing a duplicate and an invalid body with coded errors', async () => {
    const http = request(t.app.getHttpServer());
    const admin = await authHeader(t, 'admin');
    await http
      .post('/api/offices')
      .set(admin)
      .send({ code: '06703', name: 'BHXH Mẫu', provinceCode: '67' })
      .expect(201);
    const dup = await http
      .post('/api/offices')
      .set(admin)
      .send({ code: '06703', name: 'again', provinceCode: '67' })
      .expect(409);
    expect(dup.body.error.code).toBe('OFFICE_EXISTS');
    const bad = await http
      .post('/api/offices')
      .set(admin)
      .send({ code: '6703', name: '', provinceCode: 'x', extra: 1 })
      .expect(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([
        'property extra should not exist',
        'code must be 5 digits, e.g. 06703',
      ]),
    );
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts:\d+/);
    const list = await http.get('/api/offices').set(admin).expect(200);
    expect(list.body.items).toEqual([{ code: '06703', name: 'BHXH Mẫu', provinceCode: '67' }]);
  });

  it('runs a queued job on a worker and the result lands in the database (idempotently)', async () => {
    const em = t.app.get(EntityManager).fork();
    await em.nativeDelete(ReferenceValue, {});
    expect(await em.count(ReferenceValue)).toBe(0);

    const producer = t.app.get(JobProducer);
    const runOnce = async () => {
      const job = await producer.enqueue('reference.sync', {});
      return eventually(async () => {
        const state = await job.getState();
        if (state === 'failed') throw new Error(`job failed: ${job.failedReason}`);
        return state === 'completed' ? state : undefined;
      });
    };
    await runOnce();
    const expected = loadReferenceRecords();
    expect(expected.length).toBeGreaterThan(10);
    expect(await em.fork().count(ReferenceValue)).toBe(expected.length);

    await runOnce(); // safe to run twice: same rows, no duplicates
    const rows = await em.fork().find(ReferenceValue, {});
    expect(rows).toHaveLength(expected.length);
    const floor2026 = rows.find(
      (r) =>
        r.kind === 'regional-minimum-wage' && r.key === 'I' && r.effectiveFrom === '2026-01-01',
    );
    expect(floor2026?.value).toBe(5_310_000);
  });
});
