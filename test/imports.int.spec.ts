import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { Employer } from '../src/modules/employers/employer.entity.js';
import { generateProvince } from '../seeds/generator/generate.js';
import { writeEmployers } from '../seeds/generator/writers/employers.js';
import {
  authHeader,
  createUser,
  DB_KINDS,
  eventually,
  startTestApp,
  type TestApp,
} from './support/harness.js';

describe.each(DB_KINDS)('employer workbook import on %s', (kind) => {
  let t: TestApp;
  let officer: { Authorization: string };
  let admin: { Authorization: string };
  const dir = mkdtempSync(join(tmpdir(), 'sothu-imports-'));
  const province = generateProvince({ seed: 3, scale: 'small' });
  const file = join(dir, 'employers.xlsx');

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await authHeader(t, 'admin');
    // an officer of the province (its offices are created in the tests below): it may write their employers
    await request(t.app.getHttpServer())
      .post('/api/offices')
      .set(admin)
      .send({ code: '06799', name: 'Another office', provinceCode: province.provinceCode })
      .expect(201);
    officer = (await createUser(t, { role: 'officer', provinces: [province.provinceCode] }))
      .headers;
    await writeEmployers(province, file);
  });
  afterAll(async () => {
    await t?.close();
  });

  const http = () => request(t.app.getHttpServer());
  const upload = (bytes: Buffer, name: string, k = 'employers') =>
    http().post('/api/imports').set(officer).field('kind', k).attach('file', bytes, name);
  const settle = (id: string, until: string[]) =>
    eventually(async () => {
      const res = await http().get(`/api/imports/${id}`).set(officer).expect(200);
      return until.includes(res.body.status) ? res.body : undefined;
    });
  const employers = () => t.app.get(EntityManager).fork().count(Employer);

  it('refuses a file that is not a workbook, whole, and changes nothing', async () => {
    const res = await upload(Buffer.from('madvi;tendvi\nTC0001C;x\n'), 'employers.xlsx').expect(
      202,
    );
    const batch = await settle(res.body.id, ['rejected']);
    expect(batch.problems[0]).toMatchObject({ level: 'structural' });
    expect(batch.message).toBeTruthy();
    await http().post(`/api/imports/${res.body.id}/commit`).set(officer).expect(409);
    expect(await employers()).toBe(0);
  });

  it('reports an employer of an unknown office as a row problem with its place', async () => {
    const res = await upload(readFileSync(file), 'employers.xlsx').expect(202);
    const batch = await settle(res.body.id, ['validated']);
    // no offices exist yet: every row names an unknown office
    expect(batch.counts.valid).toBe(0);
    expect(batch.counts.invalid).toBe(province.employers.length);
    expect(batch.problems[0]).toMatchObject({
      level: 'row',
      code: 'UNKNOWN_OFFICE',
      sheet: expect.any(String),
      row: expect.any(Number),
    });
  });

  it('the same file uploaded again, under any name, is the same batch', async () => {
    for (const o of province.offices)
      await http().post('/api/offices').set(admin).send(o).expect(201);
    const bytes = readFileSync(file);
    const first = await upload(bytes, 'employers-again.xlsx').expect(202);
    const batch = await settle(first.body.id, ['validated']);
    // identical bytes were already uploaded in the previous test: same batch id, its status kept
    expect(batch.counts.invalid).toBe(province.employers.length);

    const again = await upload(Buffer.from(bytes), 'other-name.xlsx').expect(202); // same content, another name
    expect(again.body.status).toBe('validated');
    expect(again.body.id).toBe(first.body.id);
  });

  it('commits the valid rows of a new batch and re-committing changes nothing', async () => {
    // the registry again with one name changed: different bytes, so a batch of its own
    const p2 = generateProvince({ seed: 3, scale: 'small' });
    p2.employers[0].name = `${p2.employers[0].name} (đổi tên)`;
    const f2 = join(dir, 'employers-renamed.xlsx');
    await writeEmployers(p2, f2);
    const res = await upload(readFileSync(f2), 'employers-renamed.xlsx').expect(202);
    const batch = await settle(res.body.id, ['validated']);
    expect(batch.counts).toMatchObject({ valid: p2.employers.length, invalid: 0 });
    expect(await employers()).toBe(0); // validated, not committed

    await http().post(`/api/imports/${res.body.id}/commit`).set(officer).expect(202);
    const done = await settle(res.body.id, ['committed']);
    expect(done.counts.committed).toBe(p2.employers.length);
    expect(await employers()).toBe(p2.employers.length);
    const stored = await t.app
      .get(EntityManager)
      .fork()
      .findOneOrFail(Employer, { unitCode: p2.employers[0].unitCode });
    expect(stored).toMatchObject({
      name: p2.employers[0].name,
      officeCode: p2.employers[0].officeCode,
      region: ['I', 'II', 'III', 'IV'][Number(p2.employers[0].region) - 1], // the generator numbers regions 1–4
      cycle: p2.employers[0].cycle,
      oaRateBp: p2.employers[0].oaRateBp,
      status: p2.employers[0].status,
    });

    await http().post(`/api/imports/${res.body.id}/commit`).set(officer).expect(202);
    expect((await settle(res.body.id, ['committed'])).counts.committed).toBe(p2.employers.length);
    expect(await employers()).toBe(p2.employers.length);
  });

  it('refuses an unknown kind and a missing file with coded errors', async () => {
    const bad = await upload(readFileSync(file), 'x.xlsx', 'payroll').expect(400);
    expect(bad.body.error.details[0]).toContain('kind must be one of');
    const none = await http()
      .post('/api/imports')
      .set(officer)
      .field('kind', 'employers')
      .expect(400);
    expect(none.body.error.code).toBe('IMPORT_FILE_MISSING');
  });

  it("lists a user's own batches newest first, a page at a time; an admin sees every batch", async () => {
    const other = await authHeader(t, 'officer', ['06799']); // another officer (any office: batches go by uploader)
    const mine = async (headers: Record<string, string>, query = '') => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await http()
          .get(`/api/imports?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)
          .set(headers)
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        for (const b of res.body.items) {
          expect(b).not.toHaveProperty('problems'); // the list carries counts, the batch its problems
          expect(b.counts).toEqual(expect.objectContaining({ valid: expect.any(Number) }));
          ids.push(b.id);
        }
        cursor = res.body.nextCursor;
      } while (cursor);
      return ids;
    };
    const uploaded = await http()
      .post('/api/imports')
      .set(other)
      .field('kind', 'receipts')
      .attach('file', Buffer.from('not a workbook either'), 'gbc.xlsx')
      .expect(202);
    await eventually(async () => {
      const res = await http().get(`/api/imports/${uploaded.body.id}`).set(other).expect(200);
      return res.body.status === 'rejected' ? res.body : undefined;
    });

    const officers = await mine(officer);
    const everyone = await mine(admin);
    expect(await mine(other)).toEqual([uploaded.body.id]);
    expect(officers).not.toContain(uploaded.body.id);
    expect(officers.length).toBeGreaterThanOrEqual(3); // the earlier tests' batches
    expect(new Set(everyone).size).toBe(everyone.length); // pages never repeat a batch
    expect(everyone.sort()).toEqual([...officers, uploaded.body.id].sort());
    // newest first
    const all = (await http().get('/api/imports?limit=200').set(admin).expect(200)).body.items as {
      createdAt: string;
    }[];
    const times = all.map((b) => Date.parse(b.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // filters
    expect(await mine(admin, '&kind=receipts')).toEqual([uploaded.body.id]);
    expect(await mine(admin, '&status=rejected')).toContain(uploaded.body.id);
    expect(await mine(officer, '&status=rejected')).not.toContain(uploaded.body.id);
    const bad = await http().get('/api/imports?cursor=not-a-cursor').set(admin).expect(400);
    expect(bad.body.error.code).toBe('IMPORT_CURSOR_INVALID');
    await http().get('/api/imports?status=lost').set(admin).expect(400);
  });
});
