import { EntityManager } from '@mikro-orm/core';
import type { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import request from 'supertest';
import type { FlagResult } from '../src/domain/flags.js';
import { DataGeneration } from '../src/database/data-generation.js';
import { GenerationCache } from '../src/infrastructure/http/generation-cache.js';
import { FlagsService } from '../src/modules/flags/index.js';
import { createUser, DB_KINDS, startTestApp, type TestApp } from './support/harness.js';

/**
 * The response cache of GET /api/flags and GET /api/employers/{code}/ledger (GenerationCache): a body
 * is served again only while no data changed — whether the change came from this process or from
 * another connection (a worker process) — and never to a user of another scope.
 */

/** A connection of its own to the app's database: what a worker process is to the API. */
interface OtherConnection {
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

async function otherConnection(t: TestApp): Promise<OtherConnection> {
  const db = t.config.database;
  if (db.kind === 'postgresql') {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    return {
      run: async (sql, params = []) => {
        let i = 0;
        await client.query(
          sql.replace(/\?/g, () => `$${++i}`),
          params,
        );
      },
      close: () => client.end(),
    };
  }
  const { DatabaseSync: Sqlite } = process.getBuiltinModule('node:sqlite') as {
    DatabaseSync: typeof DatabaseSync;
  };
  const conn = new Sqlite(db.file, { timeout: 15000 });
  return {
    run: async (sql, params = []) => {
      conn.prepare(sql).run(...(params as never[]));
    },
    close: async () => conn.close(),
  };
}

const prolonged = (riskScore: number): FlagResult => ({
  code: 'PROLONGED_ARREARS',
  severity: 'medium',
  riskScore,
  evidence: {},
});

describe.each(DB_KINDS)('response cache on %s', (kind) => {
  let t: TestApp;
  let other: OtherConnection;
  let a: Awaited<ReturnType<typeof createUser>>;
  let b: Awaited<ReturnType<typeof createUser>>;
  let both: Awaited<ReturnType<typeof createUser>>;
  let admin: Awaited<ReturnType<typeof createUser>>;
  const get = (path: string, user: { headers: Record<string, string> }) =>
    request(t.app.getHttpServer()).get(path).set(user.headers);
  const flagUnits = async (user: { headers: Record<string, string> }) => {
    const res = await get('/api/flags', user).expect(200);
    return (res.body as { items: { unitCode: string; riskScore: number }[] }).items.map(
      (f) => `${f.unitCode}:${f.riskScore}`,
    );
  };
  const applyFlag = (unitCode: string, officeCode: string, riskScore: number) =>
    t.app
      .get(EntityManager)
      .fork()
      .transactional((tx) =>
        t.app.get(FlagsService).applyEvaluation(tx, {
          unitCode,
          officeCode,
          asOf: '2026-05-31',
          flags: [prolonged(riskScore)],
          monthsOfDebtMilli: 4000,
        }),
      );

  beforeAll(async () => {
    t = await startTestApp(kind, { CLOCK_FIXED_AT: '2026-06-10T03:00:00Z' });
    a = await createUser(t, { role: 'officer', offices: ['06703'] });
    b = await createUser(t, { role: 'officer', offices: ['06704'] });
    both = await createUser(t, { role: 'inspector', offices: ['06703', '06704'] });
    admin = await createUser(t, { role: 'admin' });
    other = await otherConnection(t);
    for (const [unit, office] of [
      ['RC0001A', '06703'],
      ['RC0002B', '06704'],
    ]) {
      await other.run(
        `insert into employer (unit_code, name, office_code, region, cycle, oa_rate_bp, status) values (?, ?, ?, 'I', 'monthly', 50, 'active')`,
        [unit, `Employer ${unit}`, office],
      );
      await other.run(
        `insert into receivable_line (unit_code, period, fund, amount, reason, batch_id) values (?, '2026-01', 'SI_RETIRE', 8000000, '', 'test')`,
        [unit],
      );
    }
    await applyFlag('RC0001A', '06703', 100);
    await applyFlag('RC0002B', '06704', 200);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('keeps the generation still while nothing is written, and moves it on a write of another connection', async () => {
    const generation = t.app.get(DataGeneration);
    const g0 = await generation.current();
    await get('/api/flags', admin).expect(200);
    expect(await generation.current()).toBe(g0);
    await other.run(`update employer set name = 'Renamed' where unit_code = 'RC0001A'`);
    expect(await generation.current()).not.toBe(g0);
  });

  it('serves a page again from the cache, and the new data after a write from another connection', async () => {
    expect(await flagUnits(admin)).toEqual(['RC0002B:200', 'RC0001A:100']);
    expect(await flagUnits(admin)).toEqual(['RC0002B:200', 'RC0001A:100']);
    expect(t.app.get(GenerationCache).size.entries).toBeGreaterThan(0);

    // another connection (the worker process's nightly run, an import commit) commits
    await other.run(`update flag set risk_score = 300 where unit_code = 'RC0001A'`);
    expect(await flagUnits(admin)).toEqual(['RC0001A:300', 'RC0002B:200']);
    expect(await flagUnits(admin)).toEqual(['RC0001A:300', 'RC0002B:200']);
  });

  it('serves the new data after a write of this process (a flag applied, a case step)', async () => {
    expect(await flagUnits(a)).toEqual(['RC0001A:300']);
    await applyFlag('RC0001A', '06703', 50);
    expect(await flagUnits(a)).toEqual(['RC0001A:50']);

    const flagId = ((await get('/api/flags', a).expect(200)).body as { items: { id: number }[] })
      .items[0]!.id;
    const inspector = await createUser(t, { role: 'inspector', offices: ['06703'] });
    await request(t.app.getHttpServer())
      .post('/api/cases')
      .set(inspector.headers)
      .send({ flagIds: [flagId] })
      .expect(201);
    const after = (await get('/api/flags', a).expect(200)).body as {
      items: { caseId: string | null }[];
    };
    expect(after.items[0]!.caseId).not.toBeNull();
  });

  it('recomputes the ledger after a write from another connection', async () => {
    const periods = async () =>
      (
        (await get('/api/employers/RC0001A/ledger', a).expect(200)).body as {
          periods: { period: string }[];
        }
      ).periods.map((p) => p.period);
    expect(await periods()).toEqual(['2026-01']);
    expect(await periods()).toEqual(['2026-01']);
    await other.run(
      `insert into receivable_line (unit_code, period, fund, amount, reason, batch_id) values ('RC0001A', '2026-02', 'SI_RETIRE', 8000000, '', 'test')`,
    );
    expect(await periods()).toEqual(['2026-01', '2026-02']);
    // lower case in the path: the same employer, the same answer
    const lower = await get('/api/employers/rc0001a/ledger', a).expect(200);
    expect((lower.body as { periods: unknown[] }).periods).toHaveLength(2);
  });

  it('never serves one scope the body cached for another', async () => {
    // each warms its own page, then each reads again (from the cache): its own offices only
    expect(await flagUnits(a)).toEqual(['RC0001A:50']);
    expect(await flagUnits(b)).toEqual(['RC0002B:200']);
    expect(await flagUnits(both)).toEqual(['RC0002B:200', 'RC0001A:50']);
    expect(await flagUnits(a)).toEqual(['RC0001A:50']);
    expect(await flagUnits(b)).toEqual(['RC0002B:200']);
    expect(await flagUnits(both)).toEqual(['RC0002B:200', 'RC0001A:50']);

    // A's ledger is cached; B (another office) still gets the 404 an unknown employer gets
    await get('/api/employers/RC0001A/ledger', a).expect(200);
    await get('/api/employers/RC0001A/ledger', a).expect(200);
    const refused = await get('/api/employers/RC0001A/ledger', b).expect(404);
    expect(refused.body).toMatchObject({ error: { code: 'EMPLOYER_NOT_FOUND' } });
    await get('/api/employers/RC0001A/ledger', b).expect(404);
    // an office B does not have, named in the query: refused, not served from A's entry
    await get('/api/flags?office=06703', b).expect(403);
    await get('/api/flags?office=06703', a).expect(200);
    await get('/api/flags?office=06703', b).expect(403);
  });

  it('still authenticates every request: a signed-out token is refused although its page is cached', async () => {
    const user = await createUser(t, { role: 'officer', offices: ['06703'] });
    await get('/api/flags', user).expect(200);
    await get('/api/employers/RC0001A/ledger', user).expect(200);
    await request(t.app.getHttpServer()).post('/api/auth/logout').set(user.headers).expect(204);
    await get('/api/flags', user).expect(401);
    await get('/api/employers/RC0001A/ledger', user).expect(401);
  });

  it('answers a cached body with its ETag, and 304 to a client that has it', async () => {
    const first = await get('/api/flags', admin).expect(200);
    const second = await get('/api/flags', admin).expect(200);
    expect(second.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
    expect(second.headers.etag).toBeDefined();
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
    await get('/api/flags', admin).set('If-None-Match', first.headers.etag!).expect(304);
  });
});
