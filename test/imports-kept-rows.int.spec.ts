import { EntityManager } from '@mikro-orm/core';
import { existsSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';
import request from 'supertest';
import { ImportBatch } from '../src/modules/imports/import-batch.entity.js';
import { ImportPipeline } from '../src/modules/imports/index.js';
import { DeclaredTotal } from '../src/modules/ledger-facts/declared-total.entity.js';
import { RosterLine } from '../src/modules/ledger-facts/roster-line.entity.js';
import { StatedPayment } from '../src/modules/ledger-facts/stated-payment.entity.js';
import { buildWorkbook, tempDir } from './fixtures/workbooks/build-workbook.js';
import { authHeader, DB_KINDS, startTestApp, type TestApp } from './support/harness.js';
import { type ImportBatchView, importClient } from './support/imports.js';

/**
 * The parse keeps a roster's valid lines beside the upload (`<upload>.<batch>.rows`, row-spill.ts) and
 * the commit writes them without reading the workbook again; without them (an upload parsed by an older
 * version, a damaged file, a registry that moved since the parse) it reads the workbook as before, with
 * the same outcome.
 */
describe.each(DB_KINDS)('roster rows kept from the parse on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string> = {};
  const dir = tempDir('sothu-kept-');
  const http = () => request.agent(t.app.getHttpServer()).set(admin);
  const em = () => t.app.get(EntityManager).fork();
  const { validated, commit, importAndCommit } = importClient(
    () => t.app,
    () => admin,
  );
  const si = (i: number) => String(300_000_000 + i).padStart(10, '0');
  const header = [
    'Mã đơn vị',
    'Mã số BHXH',
    'Họ và tên',
    'Mức lương',
    'Phụ cấp',
    'Từ tháng',
    'Đến tháng',
  ];
  const names = ['Tab\there', 'Back\\slash \\N', 'Dòng\nmới', 'Trần Thị Ánh 😀', 'NULL', "O'Brien"];

  /** A roster of `unit`: awkward text, open and closed lines, a bad row, side sheets. */
  const roster = (unit: string, file: string, extra: (string | number | null)[][] = []) =>
    buildWorkbook(dir, file, [
      {
        name: 'D02-LT',
        rows: [
          header,
          ...Array.from({ length: 7_000 }, (_, i) => [
            unit,
            si(i),
            names[i % names.length]! + ` ${i}`,
            5_000_000 + (i % 101) * 1000,
            i % 5 ? null : 250_000,
            '01/2026',
            i % 4 ? null : '09/2026',
          ]),
          [unit, si(99_999), 'Lương sai', 'năm triệu', null, '01/2026', null], // refused: bad salary
          ...extra,
        ],
      },
      {
        name: 'Tổng hợp',
        rows: [
          ['Kỳ', 'Tổng cộng'],
          ['01/2026', 123_456_789],
        ],
      },
      {
        name: 'Nộp tiền',
        rows: [
          ['Ngày nộp', 'Số tiền'],
          ['15/02/2026', 100_000_000],
        ],
      },
    ]);

  const batchOf = (id: string) => em().findOneOrFail(ImportBatch, { id });
  const spillOf = async (id: string) => `${(await batchOf(id)).storedPath}.${id}.rows`;
  const lines = async (unit: string) =>
    (
      await em().find(
        RosterLine,
        { unitCode: unit },
        { orderBy: { siNumber: 'asc', fromMonth: 'asc' } },
      )
    ).map((l) => [l.siNumber, l.name, l.salary, l.allowances, l.fromMonth, l.toMonth]);
  const sides = async (unit: string) => ({
    declared: (await em().find(DeclaredTotal, { unitCode: unit })).map((d) => [d.period, d.total]),
    payments: (await em().find(StatedPayment, { unitCode: unit })).map((p) => [p.paidOn, p.amount]),
  });
  /** What the officer sees of a batch, its unit code made neutral. */
  const outcome = (b: ImportBatchView, unit: string) =>
    JSON.parse(
      JSON.stringify({
        status: b.status,
        counts: b.counts,
        problems: b.problems,
        progress: b.progress,
      }).replaceAll(unit, 'UNIT'),
    ) as unknown;

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
          ...['TC0001C', 'TC0002D', 'TC0003E', 'TC0004F'].map((u) => [
            u,
            `Công ty ${u}`,
            null,
            '06703',
            'I',
          ]),
        ],
      },
    ]);
    await importAndCommit(employers, 'employers');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('commits from the kept rows without the workbook, as reading the workbook does', async () => {
    // kept rows: the workbook is moved away before the commit, so the commit cannot have read it
    const a = await validated(await roster('TC0001C', 'a.xlsx'), 'roster');
    expect(a.status).toBe('validated');
    const spill = await spillOf(a.id);
    expect(statSync(spill).size).toBeGreaterThan(0);
    const upload = (await batchOf(a.id)).storedPath;
    renameSync(upload, `${upload}.away`);
    let fromKept: ImportBatchView;
    try {
      fromKept = await commit(a.id);
    } finally {
      renameSync(`${upload}.away`, upload);
    }
    expect(existsSync(spill)).toBe(false); // gone once committed

    // the same roster of another unit without its kept rows: the commit reads the workbook
    const b = await validated(await roster('TC0002D', 'b.xlsx'), 'roster');
    rmSync(await spillOf(b.id));
    const fromWorkbook = await commit(b.id);

    expect(fromKept.counts).toMatchObject({ committed: 7_002, invalid: 1 });
    expect(outcome(fromKept, 'TC0001C')).toEqual(outcome(fromWorkbook, 'TC0002D'));
    expect(await lines('TC0001C')).toEqual(await lines('TC0002D'));
    expect((await lines('TC0001C')).slice(0, 4).map((l) => l[1])).toEqual(
      names.slice(0, 4).map((n, i) => `${n} ${i}`),
    );
    expect(await sides('TC0001C')).toEqual(await sides('TC0002D'));
    expect((await sides('TC0001C')).declared).toEqual([['2026-01', 123_456_789]]);
  });

  it('reads the workbook when the kept rows are damaged', async () => {
    const b = await validated(await roster('TC0003E', 'c.xlsx'), 'roster');
    const spill = await spillOf(b.id);
    truncateSync(spill, statSync(spill).size - 3);
    const done = await commit(b.id);
    expect(done.counts).toMatchObject({ committed: 7_002, invalid: 1 });
    expect(await lines('TC0003E')).toEqual(
      (await lines('TC0001C')).map((l) => [l[0], l[1], l[2], l[3], l[4], l[5]]),
    );
    expect(existsSync(spill)).toBe(false);
  });

  it('reads the workbook when a unit the parse refused has been registered since', async () => {
    const extra = [['TC0009Z', si(1), 'Mới', 6_000_000, null, '01/2026', null]];
    const b = await validated(await roster('TC0004F', 'd.xlsx', extra), 'roster');
    expect(b.problems.filter((p) => p.code === 'UNKNOWN_UNIT')).toHaveLength(1);
    const registry = await buildWorkbook(dir, 'employers-late.xlsx', [
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị', 'Tên đơn vị', 'Mã số thuế', 'Mã cơ quan BHXH', 'Vùng lương'],
          ['TC0009Z', 'Công ty muộn', null, '06703', 'I'],
        ],
      },
    ]);
    await importAndCommit(registry, 'employers');
    const done = await commit(b.id);
    expect(done.problems.filter((p) => p.code === 'UNKNOWN_UNIT')).toHaveLength(0);
    expect(await lines('TC0009Z')).toEqual([[si(1), 'Mới', 6_000_000, 0, '2026-01', null]]);
    // two units now: the side sheets' rows, which name none, are refused (as reading the file finds)
    expect(done.problems.filter((p) => p.code === 'AMBIGUOUS_UNIT')).toHaveLength(2);
    expect(done.counts).toMatchObject({ committed: 7_001, invalid: 3 });
  });

  it('a commit from kept rows that fails writes nothing, and the batch commits later', async () => {
    const unit = 'TC0001C';
    const b = await validated(
      await roster(unit, 'boom.xlsx', [
        [unit, si(50_000), 'BOOM', 6_000_000, null, '10/2026', null],
      ]),
      'roster',
    );
    const spill = await spillOf(b.id);
    const conn = em().getConnection();
    const sqlite = kind === 'sqlite';
    if (sqlite) {
      await conn.execute(
        "create trigger kept_boom before insert on roster_line when new.name = 'BOOM' begin select raise(abort, 'boom refused'); end",
      );
    } else {
      await conn.execute(
        "create function kept_boom() returns trigger language plpgsql as $$ begin if new.name = 'BOOM' then raise exception 'boom refused'; end if; return new; end $$",
      );
      await conn.execute(
        'create trigger kept_boom before insert on roster_line for each row execute function kept_boom()',
      );
    }
    const before = await lines(unit);
    try {
      await expect(t.app.get(ImportPipeline).commit(b.id)).rejects.toThrow(/boom refused/);
      expect(await lines(unit)).toEqual(before);
      expect(await em().count(RosterLine, { batchId: b.id })).toBe(0);
      expect((await batchOf(b.id)).status).toBe('failed');
      expect(existsSync(spill)).toBe(true); // kept for the next attempt
    } finally {
      await conn.execute('drop trigger kept_boom' + (sqlite ? '' : ' on roster_line'));
      if (!sqlite) await conn.execute('drop function kept_boom()');
    }
    const upload = (await batchOf(b.id)).storedPath;
    renameSync(upload, `${upload}.away`); // the retry too commits from the kept rows
    try {
      const done = await commit(b.id);
      expect(done.counts.committed).toBe(7_003);
    } finally {
      renameSync(`${upload}.away`, upload);
    }
    expect(await em().count(RosterLine, { batchId: b.id })).toBe(7_001);
  });
});
