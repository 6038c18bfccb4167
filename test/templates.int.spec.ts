import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { collectWorkbook } from '../src/modules/imports/index.js';
import { IMPORT_KINDS } from '../src/modules/imports/index.js';
import { startTestApp, type TestApp } from './support/harness.js';

/** The templates officers download are read back by the importer with no problems. */
describe('GET /api/templates/{kind}.xlsx', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'sothu-templates-'));
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(IMPORT_KINDS)('serves the %s template, which the importer accepts', async (kind) => {
    const res = await request(t.app.getHttpServer())
      .get(`/api/templates/${kind}.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`sothu-${kind}-template.xlsx`);
    const file = join(dir, `${kind}-2026-04.xlsx`);
    writeFileSync(file, res.body as Buffer);
    const parsed = await collectWorkbook(file, kind, { fileName: `${kind}-2026-04.xlsx` });
    expect(parsed.problems.filter((p) => p.level !== 'info')).toEqual([]);
    expect(parsed.records.length).toBeGreaterThan(0);
  });

  it('refuses an unknown kind with a coded 404', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/templates/payroll.xlsx').expect(404);
    expect(res.body.error.code).toBe('IMPORT_KIND_UNKNOWN');
    expect(res.body.error.details.kinds).toEqual([...IMPORT_KINDS]);
  });
});
