import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { AuditEvent } from '../src/modules/audit/audit-event.entity.js';
import { Employer } from '../src/modules/employers/employer.entity.js';
import { ImportBatch } from '../src/modules/imports/import-batch.entity.js';
import { buildWorkbook, tempDir } from './fixtures/workbooks/build-workbook.js';
import { authHeader, startTestApp, type TestApp } from './support/harness.js';
import { importClient } from './support/imports.js';
import { binary, expectVietnameseErrors } from './support/xlsx.js';

/**
 * Hostile files and requests: each is refused or neutralised, the service stays healthy and a refused
 * batch changes nothing. (The reader's own specs cover the XML-level attacks: a DTD entity in a sheet
 * is never expanded — src/infrastructure/excel/xlsx-source.spec.ts.)
 */
describe('hostile input (SQLite)', () => {
  let t: TestApp;
  let admin: Record<string, string> = {};
  const dir = tempDir('sothu-hostile-');
  const http = () => request.agent(t.app.getHttpServer()).set(admin);
  const { validated, commit, upload } = importClient(
    () => t.app,
    () => admin,
  );
  const employers = () => t.app.get(EntityManager).fork().count(Employer);
  const healthy = async () => {
    const res = await request(t.app.getHttpServer()).get('/health');
    expect(res.status).toBe(200);
  };
  const header = ['Mã đơn vị', 'Tên đơn vị', 'Mã số thuế', 'Mã cơ quan BHXH', 'Vùng lương'];

  beforeAll(async () => {
    // a small inflation limit makes a modest file a zip bomb
    t = await startTestApp('sqlite', {
      UPLOAD_MAX_UNCOMPRESSED_BYTES: String(8 * 1024 * 1024),
      UPLOAD_RATE_LIMIT: '1000',
    });
    admin = await authHeader(t, 'admin');
    await http()
      .post('/api/offices')
      .send({ code: '06703', name: 'Office', provinceCode: '67' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a corrupt zip and a file that is no workbook, whole', async () => {
    for (const [name, bytes] of [
      ['corrupt.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 7)])],
      ['script.xlsx', Buffer.from('<script>alert(1)</script>')],
    ] as const) {
      const path = join(dir, name);
      (await import('node:fs')).writeFileSync(path, bytes);
      const b = await validated(path, 'employers');
      expect(b.status).toBe('rejected');
      expect(b.problems[0]!.level).toBe('structural');
      await http().post(`/api/imports/${b.id}/commit`).expect(409);
    }
    expect(await employers()).toBe(0);
    await healthy();
  });

  it('refuses a workbook that inflates past the limit (zip bomb) while streaming', async () => {
    const rows: unknown[][] = [header];
    // distinct strings: a repeated one would be stored once in the shared-string table
    for (let i = 0; i < 40; i++)
      rows.push([
        `TC${String(i).padStart(4, '0')}C`,
        `${i}`.padEnd(250_000, 'x'),
        null,
        '06703',
        'I',
      ]);
    const path = await buildWorkbook(dir, 'bomb.xlsx', [{ name: 'DS', rows }]);
    const b = await validated(path, 'employers');
    expect(b.status).toBe('rejected');
    expect(b.problems[0]!.code).toBe('UNCOMPRESSED_TOO_LARGE');
    expect(await employers()).toBe(0);
    await healthy();
  });

  it('refuses a 3 MB cell (beyond what Excel can hold) whole, and reports an over-long one as its row problem', async () => {
    const huge = await buildWorkbook(dir, 'huge-cell.xlsx', [
      { name: 'DS', rows: [header, ['TC0001C', 'y'.repeat(3_000_000), null, '06703', 'I']] },
    ]);
    const refused = await validated(huge, 'employers');
    expect(refused.status).toBe('rejected');
    expect(refused.problems[0]).toMatchObject({ level: 'structural', code: 'CORRUPT_FILE' });
    expect(refused.message).toMatch(/longer than Excel allows/);
    expect(await employers()).toBe(0);

    const path = await buildWorkbook(dir, 'long-cell.xlsx', [
      {
        name: 'DS',
        rows: [
          header,
          ['TC0001C', 'y'.repeat(5_000), null, '06703', 'I'],
          ['TC0002C', 'Công ty B', null, '06703', 'II'],
        ],
      },
    ]);
    const b = await validated(path, 'employers');
    expect(b.counts).toMatchObject({ valid: 1, invalid: 1 });
    expect(b.problems[0]).toMatchObject({ row: 2, column: 'B', code: 'TEXT_TOO_LONG' });
    await commit(b.id);
    expect(await employers()).toBe(1);
    await healthy();
  });

  it('stores SQL- and script-looking text as text, writes formula-looking text back as text, takes cached values of external-reference formulas', async () => {
    const names = [
      "Robert'); DROP TABLE employer;--",
      '<script>alert(1)</script>',
      '=HYPERLINK("http://evil","x")',
    ];
    const path = await buildWorkbook(dir, 'texts.xlsx', [
      {
        name: 'DS',
        rows: [
          header,
          ['TC0011C', names[0], null, '06703', 'I'],
          ['TC0012C', names[1], null, '06703', 'I'],
          ['TC0013C', names[2], null, '06703', 'I'],
          [
            'TC0014C',
            'Công ty D',
            null,
            '06703',
            { formula: "'[evil.xlsx]Sheet1'!A1", result: 'II' },
          ],
          [
            'TC0015C',
            'Công ty E',
            { formula: 'WEBSERVICE("http://evil")', result: 'x' },
            '06703',
            'I',
          ],
        ],
      },
    ]);
    const b = await validated(path, 'employers');
    await commit(b.id);
    const em = t.app.get(EntityManager).fork();
    for (const [i, name] of names.entries()) {
      expect((await em.findOneOrFail(Employer, { unitCode: `TC001${i + 1}C` })).name).toBe(name);
    }
    expect((await em.findOneOrFail(Employer, { unitCode: 'TC0014C' })).region).toBe('II');
    const listed = await http().get('/api/employers?q=TC001&limit=50').expect(200);
    expect(listed.headers['content-type']).toContain('application/json');
    expect(listed.body.items.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining(names),
    );

    // the row with an unusable tax code comes back in the errors workbook: values only, no formula
    const errs = await http()
      .get(`/api/imports/${b.id}/errors.xlsx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errs.body as unknown as ArrayBuffer);
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula ?? null).toBeNull();
        }),
      ),
    );
    // the formula-looking name came back as the text it was, not as a formula
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value))),
      ),
    );
    expect(texts).toContain(names[2]);
    // every problem in Vietnamese beside its code, no English message of the server left
    await expectVietnameseErrors(errs.body as Buffer, b.problems);
    await healthy();
  });

  it('keeps an uploaded file under its hash whatever its name says (path traversal)', async () => {
    const path = await buildWorkbook(dir, 'ok.xlsx', [
      { name: 'DS', rows: [header, ['TC0021C', 'Công ty F', null, '06703', 'I']] },
    ]);
    const bytes = (await import('node:fs')).readFileSync(path);
    const res = await http()
      .post('/api/imports')
      .field('kind', 'employers')
      .attach('file', bytes, '../../../../tmp/evil.xlsx')
      .expect(202);
    const batch = await t.app
      .get(EntityManager)
      .fork()
      .findOneOrFail(ImportBatch, { id: res.body.id });
    expect(batch.storedPath.startsWith(join(t.config.dataDir, 'uploads'))).toBe(true);
    expect(batch.storedPath).toMatch(/[0-9a-f]{64}\.xlsx$/);
    expect(existsSync('/tmp/evil.xlsx')).toBe(false);
    expect(
      readdirSync(join(t.config.dataDir, 'uploads')).every((f) =>
        /^[0-9a-f]{64}\.(xlsx|xls|bin)$/.test(f),
      ),
    ).toBe(true);
  });

  it('refuses huge page sizes, bad parameters and oversized bodies with a coded error, no stack trace', async () => {
    for (const path of [
      '/api/employers?limit=100000',
      '/api/receipts?limit=-1',
      '/api/arrears?asOf=2026-13-45',
      "/api/employers?office=1' or '1'='1",
    ]) {
      const res = await http().get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBeTruthy();
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
    }
    const big = await http()
      .post('/api/offices')
      .send({ code: '06704', name: 'x'.repeat(1_000_000), provinceCode: '67' });
    expect(big.status).toBe(413);
    await healthy();
    const audits = await t.app
      .get(EntityManager)
      .fork()
      .count(AuditEvent, { action: 'import.upload' });
    expect(audits).toBeGreaterThan(0);
  });

  it('does not serve an uploaded file back', async () => {
    const id = await upload(
      await buildWorkbook(dir, 'x.xlsx', [{ name: 'DS', rows: [header] }]),
      'employers',
    );
    for (const path of [`/api/imports/${id}/file`, `/uploads/${id}`, '/data/uploads']) {
      const res = await http().get(path);
      expect(res.headers['content-type'] ?? '').not.toMatch(/spreadsheet|octet-stream|javascript/);
    }
  });
});
