import { EntityManager } from '@mikro-orm/core';
import request from 'supertest';
import { RosterLine } from '../src/modules/ledger-facts/roster-line.entity.js';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ImportBatch } from '../src/modules/imports/import-batch.entity.js';
import { ImportPipeline } from '../src/modules/imports/index.js';
import { buildWorkbook, tempDir } from './fixtures/workbooks/build-workbook.js';
import { authHeader, DB_KINDS, startTestApp, type TestApp } from './support/harness.js';
import { importClient } from './support/imports.js';

/**
 * The roster commit's bulk path: values bound as parameters (PostgreSQL: one array per column), rows
 * written several thousand at a time with one write in flight while the next rows are read, all in one
 * transaction.
 */
describe.each(DB_KINDS)('roster commit in bulk on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string> = {};
  const dir = tempDir('sothu-commit-');
  const http = () => request.agent(t.app.getHttpServer()).set(admin);
  const em = () => t.app.get(EntityManager).fork();
  const { validated, commit, importAndCommit } = importClient(
    () => t.app,
    () => admin,
  );
  const header = ['Mã đơn vị', 'Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng', 'Đến tháng'];
  const si = (i: number) => String(200_000_000 + i).padStart(10, '0');

  beforeAll(async () => {
    t = await startTestApp(kind, { UPLOAD_RATE_LIMIT: '1000' });
    admin = await authHeader(t, 'admin');
    await http()
      .post('/api/offices')
      .send({ code: '06703', name: 'Office', provinceCode: '67' })
      .expect(201);
    const employers = await buildWorkbook(dir, 'employers.xlsx', [
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị', 'Tên đơn vị', 'Mã số thuế', 'Mã cơ quan BHXH', 'Vùng lương'],
          ['TC0001C', 'Công ty A', null, '06703', 'I'],
          ['TC0002D', 'Công ty B', null, '06703', 'I'],
          ['TC0003E', 'Công ty C', null, '06703', 'I'],
        ],
      },
    ]);
    await importAndCommit(employers, 'employers');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores text exactly as written: quotes, backslashes, commas, braces, NULL, accents', async () => {
    const names = [
      'Nguyễn "Tí" Văn',
      'Back\\slash \\\\ two',
      'Comma, then {braces}',
      'NULL',
      "O'Brien",
      'Trần Thị Ánh 😀',
      '{"a":1}',
      'Tab\tinside',
    ];
    const path = await buildWorkbook(dir, 'names.xlsx', [
      {
        name: 'D02-LT',
        rows: [
          header,
          ...names.map((n, i) => ['TC0001C', si(i), n, 5_310_000 + i, '01/2026', null]),
        ],
      },
    ]);
    const b = await importAndCommit(path, 'roster');
    expect(b.counts.committed).toBe(names.length);
    const stored = await em().find(
      RosterLine,
      { unitCode: 'TC0001C' },
      { orderBy: { siNumber: 'asc' } },
    );
    expect(stored.map((l) => [l.siNumber, l.name, l.salary, l.fromMonth, l.toMonth])).toEqual(
      names.map((n, i) => [si(i), n, 5_310_000 + i, '2026-01', null]),
    );
  });

  it('lands every line of a roster that spans many writes, once', async () => {
    const count = 12_345; // 5,000-row writes and, on SQLite, 3,750-row statements, neither dividing it
    const rows = Array.from({ length: count }, (_, i) => [
      'TC0002D',
      si(i),
      `Người ${i}`,
      5_000_000 + (i % 97) * 1000,
      '02/2026',
      i % 3 ? null : '11/2026',
    ]);
    const path = await buildWorkbook(dir, 'many.xlsx', [
      { name: 'D02-LT', rows: [header, ...rows] },
    ]);
    const b = await importAndCommit(path, 'roster');
    expect(b.counts.committed).toBe(count);
    const stored = await em().find(RosterLine, { unitCode: 'TC0002D' });
    expect(stored).toHaveLength(count);
    expect(new Set(stored.map((l) => l.siNumber)).size).toBe(count);
    const total = (ls: { salary: number }[]) => ls.reduce((s, l) => s + l.salary, 0);
    expect(total(stored)).toBe(total(rows.map((r) => ({ salary: r[3] as number }))));
    expect(stored.filter((l) => l.toMonth === '2026-11')).toHaveLength(Math.ceil(count / 3));
  });

  it('a write that fails part-way, after earlier writes went through, leaves nothing behind', async () => {
    const count = 9_000;
    const rows = Array.from({ length: count }, (_, i) => [
      'TC0003E',
      si(i),
      i === 7_000 ? 'BOOM' : `Người ${i}`, // in the second write: the first (rows 1–5,000) has gone in
      6_000_000,
      '03/2026',
      null,
    ]);
    const path = await buildWorkbook(dir, 'boom.xlsx', [
      { name: 'D02-LT', rows: [header, ...rows] },
    ]);
    const b = await validated(path, 'roster');
    expect(b.status).toBe('validated');
    // the database refuses the line named BOOM (as it would a constraint it enforces)
    const conn = em().getConnection();
    const sqlite = kind === 'sqlite';
    if (sqlite) {
      await conn.execute(
        "create trigger roster_boom before insert on roster_line when new.name = 'BOOM' begin select raise(abort, 'boom refused'); end",
      );
    } else {
      await conn.execute(
        "create function roster_boom() returns trigger language plpgsql as $$ begin if new.name = 'BOOM' then raise exception 'boom refused'; end if; return new; end $$",
      );
      await conn.execute(
        'create trigger roster_boom before insert on roster_line for each row execute function roster_boom()',
      );
    }
    try {
      const before = await em().count(RosterLine, {});
      await expect(t.app.get(ImportPipeline).commit(b.id)).rejects.toThrow(/boom refused/);
      expect(await em().count(RosterLine, {})).toBe(before);
      expect(await em().count(RosterLine, { unitCode: 'TC0003E' })).toBe(0);
      const failed = (await http().get(`/api/imports/${b.id}`).expect(200)).body;
      expect(failed.status).toBe('failed');
      expect(failed.message).toMatch(/changed nothing/);
    } finally {
      await conn.execute('drop trigger roster_boom' + (sqlite ? '' : ' on roster_line'));
      if (!sqlite) await conn.execute('drop function roster_boom()');
    }
    // the same batch commits once the database takes it
    const done = await commit(b.id);
    expect(done.counts.committed).toBe(count);
    expect(await em().count(RosterLine, { unitCode: 'TC0003E' })).toBe(count);
  });

  it('refuses overlapping lines found at the end of the parse, in the commit too, with or without the kept findings', async () => {
    const roster = (unit: string, file: string) =>
      buildWorkbook(dir, file, [
        {
          name: 'D02-LT',
          rows: [
            header,
            [unit, si(1), 'Một', 5_310_000, '01/2026', '06/2026'],
            [unit, si(2), 'Hai', 5_310_000, '01/2026', null],
            [unit, si(1), 'Một', 5_500_000, '06/2026', null], // month 06 twice: refused
            [unit, si(1), 'Một', 5_600_000, '07/2026', null], // after the first line: kept
            [unit, si(2), 'Hai', 5_310_000, '03/2026', '03/2026'], // inside the open line: refused
            ['ZZ0009Z', si(1), 'Không', 5_310_000, '01/2026', null], // unit not registered
            ['ZZ0009Z', si(1), 'Không', 5_310_000, '01/2026', null], // and overlapping: one problem
          ],
        },
      ]);
    const kept = async (id: string) => {
      const batch = await em().findOneOrFail(ImportBatch, { id });
      return `${batch.storedPath}.${id}.checks.json`;
    };
    const view = async (unit: string) =>
      (
        await em().find(
          RosterLine,
          { unitCode: unit },
          { orderBy: { siNumber: 'asc', fromMonth: 'asc' } },
        )
      ).map((l) => `${l.siNumber} ${l.fromMonth}..${l.toMonth ?? ''} ${l.salary}`);
    const expected = (unit: string) =>
      expect(view(unit)).resolves.toEqual([
        `${si(1)} 2026-01..2026-06 5310000`,
        `${si(1)} 2026-07.. 5600000`,
        `${si(2)} 2026-01.. 5310000`,
      ]);

    for (const [unit, keep] of [
      ['TC0001C', true],
      ['TC0002D', false],
    ] as const) {
      const b = await validated(await roster(unit, `overlaps-${unit}.xlsx`), 'roster');
      expect(b.counts).toMatchObject({ valid: 3, invalid: 4 });
      expect(b.problems.filter((p) => p.code === 'ROSTER_OVERLAP').map((p) => p.row)).toEqual([
        4, 6,
      ]);
      expect(b.problems.filter((p) => p.code === 'UNKNOWN_UNIT').map((p) => p.row)).toEqual([7, 8]);
      const path = await kept(b.id);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
        kind: 'roster',
        refusedRows: { 'D02-LT': [4, 6, 8] },
      });
      if (!keep) rmSync(path); // a batch parsed before the findings were kept: the commit checks as it goes
      const done = await commit(b.id);
      expect(done.counts).toMatchObject({ committed: 3, invalid: 4 });
      expect(done.problems.filter((p) => p.code === 'ROSTER_OVERLAP').map((p) => p.row)).toEqual([
        4, 6,
      ]);
      await expected(unit);
      expect(existsSync(path)).toBe(false);
    }
  });
});
