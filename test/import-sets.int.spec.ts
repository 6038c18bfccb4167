import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import request from 'supertest';
import { JobProducer } from '../src/infrastructure/queue/job-producer.service.js';
import {
  generateProvince,
  writeProvince,
  type WorkbookManifest,
} from '../seeds/generator/index.js';
import { buildWorkbook, tempDir } from './fixtures/workbooks/build-workbook.js';
import {
  authHeader,
  createUser,
  eventually,
  startTestApp,
  type TestApp,
} from './support/harness.js';
import { importClient } from './support/imports.js';
import { binary, expectVietnameseErrors } from './support/xlsx.js';

/**
 * Import sets (product.md "A month's files at once"): the demo's month in ONE request, kinds left to the
 * headers (one file labelled wrongly), committed as a set, ends with the very ledgers the same files give
 * uploaded one by one in dependency order; and nobody writes another office's rows, whatever the kind.
 */
const AS_OF = '2026-11-30';

describe('an import set of the demo month (sqlite)', () => {
  let bySet: TestApp;
  let oneByOne: TestApp;
  const dir = tempDir('sothu-sets-');
  const province = generateProvince({ seed: 1, scale: 'small' });
  let files: WorkbookManifest;
  let paths: string[];
  let setId: string;
  let setAdmin: { Authorization: string };

  beforeAll(async () => {
    files = await writeProvince(province, dir, { truth: false });
    paths = [
      // shuffled against the dependency order: the set puts them right
      ...files.receipts.map((r) => r.file).reverse(),
      ...files.rosters,
      files.receivables,
      files.c12Summary,
      files.employers,
    ].map((f) => join(dir, f));
    [bySet, oneByOne] = [
      await startTestApp('sqlite', { UPLOAD_RATE_LIMIT: '1000' }),
      await startTestApp('sqlite', { UPLOAD_RATE_LIMIT: '1000' }),
    ];
    for (const t of [bySet, oneByOne]) {
      const admin = await authHeader(t, 'admin');
      for (const o of province.offices)
        await request(t.app.getHttpServer()).post('/api/offices').set(admin).send(o).expect(201);
    }
    setAdmin = await authHeader(bySet, 'admin');
  }, 120_000);
  afterAll(async () => {
    await bySet?.close();
    await oneByOne?.close();
  });

  it('takes dozens of files in one request, each kind from its headers, a wrong label shown', async () => {
    expect(paths.length).toBeGreaterThanOrEqual(40);
    const mislabelled = join(dir, files.receipts[0]!.file);
    let req = request(bySet.app.getHttpServer()).post('/api/imports').set(setAdmin);
    for (const p of paths) {
      req = req
        .field('kind', p === mislabelled ? 'roster' : '')
        .attach('file', readFileSync(p), basename(p));
    }
    const res = await req.expect(202);
    setId = res.body.setId;
    expect(res.body.files).toHaveLength(paths.length);

    const set = await eventually(async () => {
      const r = await request(bySet.app.getHttpServer())
        .get(`/api/import-sets/${setId}`)
        .set(setAdmin)
        .expect(200);
      return r.body.counts.checking === 0 ? r.body : undefined;
    }, 60_000);
    expect(set.counts).toMatchObject({ files: paths.length, validated: paths.length, rejected: 0 });
    // checked against the employers the set's registry will register: none reported unknown
    expect(set.counts).toMatchObject({ invalidRows: 0, errors: 0 });
    // in commit order: employers, c12-summary, receivables, rosters, receipts
    const kinds: string[] = set.files.map((f: { kind: string }) => f.kind);
    expect(kinds[0]).toBe('employers');
    expect(kinds[1]).toBe('c12-summary');
    expect(kinds[2]).toBe('receivables');
    expect(kinds.filter((k) => k === 'roster')).toHaveLength(files.rosters.length);
    expect(kinds.slice(-files.receipts.length).every((k) => k === 'receipts')).toBe(true);
    const wrong = set.files.find((f: { fileName: string }) => f.fileName === basename(mislabelled));
    expect(wrong).toMatchObject({ kind: 'receipts', kindHint: 'roster' });
    expect(wrong.problems).toContainEqual(
      expect.objectContaining({ code: 'KIND_HINT_IGNORED', severity: 'warning' }),
    );
    // the c12-summary's period comes from its file name (no form field was given)
    expect(set.files[1].period).toBe(province.c12.period);
    // an ignored STT column is a warning, not an error: every receipts statement has 0 errors
    for (const f of set.files.filter((x: { kind: string }) => x.kind === 'receipts')) {
      expect(f.counts.errors).toBe(0);
      expect(f.counts.warnings).toBeGreaterThanOrEqual(1);
      expect(f.counts.invalid).toBe(0);
    }
    expect(set.committable).toBe(true);

    // errors.xlsx lists the ignored STT column as a warning, and marks no row in error
    const receipts = set.files.find((x: { kind: string }) => x.kind === 'receipts');
    const xlsx = await request(bySet.app.getHttpServer())
      .get(`/api/imports/${receipts.id}/errors.xlsx`)
      .set(setAdmin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const listed = await expectVietnameseErrors(xlsx.body as Buffer, receipts.problems);
    const stt = listed.find((r) => r[3] === 'EXTRA_COLUMN')!;
    expect(stt[4]).toBe('Cột "STT" không dùng cho loại tệp này và đã bỏ qua.');
    expect(stt[5]).toBe('Cảnh báo');
    expect(listed.some((r) => r[5] !== 'Cảnh báo')).toBe(false);
  }, 120_000);

  it('commits every file in dependency order and reconciles once, then equals one-by-one', async () => {
    const reconcileJobs = async (t: TestApp) =>
      (await t.app.get(JobProducer).queue('reconcile').getJobs()).filter(
        (j) => j.name === 'reconcile.employer',
      ).length;
    const before = await reconcileJobs(bySet);
    await request(bySet.app.getHttpServer())
      .post(`/api/import-sets/${setId}/commit`)
      .set(setAdmin)
      .expect(202);
    const set = await eventually(async () => {
      const r = await request(bySet.app.getHttpServer())
        .get(`/api/import-sets/${setId}`)
        .set(setAdmin)
        .expect(200);
      return r.body.status === 'committed' ? r.body : undefined;
    }, 120_000);
    expect(set.counts.committed).toBe(paths.length);
    expect(set.counts.invalidRows).toBe(0);
    for (const f of set.files) expect(f.progress.written).toBe(f.counts.committed);
    expect(await reconcileJobs(bySet)).toBe(before + 1);

    // the same files one by one, each with its kind, in dependency order
    const admin = await authHeader(oneByOne, 'admin');
    const one = importClient(
      () => oneByOne.app,
      () => admin,
    );
    await one.importAndCommit(join(dir, files.employers), 'employers');
    await one.importAndCommit(join(dir, files.c12Summary), 'c12-summary');
    await one.importAndCommit(join(dir, files.receivables), 'receivables');
    for (const r of files.rosters) await one.importAndCommit(join(dir, r), 'roster');
    for (const r of files.receipts) await one.importAndCommit(join(dir, r.file), 'receipts');

    for (const e of province.employers) {
      const ledger = async (t: TestApp, h: { Authorization: string }) => {
        const body = (
          await request(t.app.getHttpServer())
            .get(`/api/employers/${e.unitCode}/ledger?asOf=${AS_OF}`)
            .set(h)
            .expect(200)
        ).body as Record<string, unknown>;
        return {
          periods: body.periods,
          payments: body.payments,
          totals: body.totals,
          monthsOfDebt: body.monthsOfDebt,
          debtClass: body.debtClass,
        };
      };
      expect(await ledger(bySet, setAdmin)).toEqual(await ledger(oneByOne, admin));
    }
    const receipts = async (t: TestApp, h: { Authorization: string }, status: string) => {
      const refs: string[] = [];
      let cursor = '';
      do {
        const page = (
          await request(t.app.getHttpServer())
            .get(`/api/receipts?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
            .set(h)
            .expect(200)
        ).body;
        for (const r of page.items) refs.push(`${r.bankRef}:${r.unitCode ?? ''}`);
        cursor = page.nextCursor ?? '';
      } while (cursor);
      return refs.sort();
    };
    for (const status of ['matched', 'suggested', 'unmatched'])
      expect(await receipts(bySet, setAdmin, status)).toEqual(
        await receipts(oneByOne, admin, status),
      );
  }, 300_000);
});

describe('office scope on writes (sqlite)', () => {
  let t: TestApp;
  const dir = tempDir('sothu-scope-');
  // two offices of province 67; the officer is given the first only
  const MINE = '06781';
  const THEIRS = '06782';
  let officer: { Authorization: string };
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp('sqlite', { UPLOAD_RATE_LIMIT: '1000' });
    admin = await authHeader(t, 'admin');
    for (const code of [MINE, THEIRS])
      await request(t.app.getHttpServer())
        .post('/api/offices')
        .set(admin)
        .send({ code, name: `Office ${code}`, provinceCode: '67' })
        .expect(201);
    officer = (await createUser(t, { role: 'officer', offices: [MINE] })).headers;
    // the registry, by an admin: one employer in each office
    const registry = await buildWorkbook(dir, 'registry.xlsx', [
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị', 'Tên đơn vị', 'Mã cơ quan BHXH', 'Vùng'],
          ['TM0001A', 'Công ty Của Tôi', MINE, 'I'],
          ['TT0002B', 'Công ty Của Họ', THEIRS, 'I'],
        ],
      },
    ]);
    const committed = await importClient(
      () => t.app,
      () => admin,
    ).importAndCommit(registry, 'employers');
    expect(committed.counts.committed).toBe(2); // an admin writes any office
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** One file per kind, each with a row of the officer's employer and one of the other office's. */
  const workbooks = async () => [
    await buildWorkbook(dir, 'employers-scope.xlsx', [
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị', 'Tên đơn vị', 'Mã cơ quan BHXH', 'Vùng'],
          ['TM0001A', 'Công ty Của Tôi (mới)', MINE, 'I'],
          ['TT0002B', 'Công ty Của Họ (sửa)', THEIRS, 'I'],
        ],
      },
    ]),
    await buildWorkbook(dir, 'roster-scope.xlsx', [
      {
        name: 'D02',
        rows: [
          ['Mã đơn vị', 'Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng', 'Đến tháng'],
          ['TM0001A', '0100000011', 'Nguyễn Văn A', 6000000, '01/2026', '03/2026'],
          ['TT0002B', '0100000012', 'Trần Thị B', 6000000, '01/2026', '03/2026'],
        ],
      },
    ]),
    await buildWorkbook(dir, 'receivables-scope.xlsx', [
      {
        name: 'PT',
        rows: [
          ['Mã đơn vị', 'Kỳ', 'Quỹ', 'Số tiền'],
          ['TM0001A', '01/2026', 'BHYT', 100000],
          ['TT0002B', '01/2026', 'BHYT', 100000],
        ],
      },
    ]),
    await buildWorkbook(dir, 'c12-summary-2026-01.xlsx', [
      {
        name: 'C12',
        rows: [
          ['madvi', 'tendvi', 'tiền cuối kỳ'],
          ['TM0001A', 'Công ty Của Tôi', 500000],
          ['TT0002B', 'Công ty Của Họ', 700000],
        ],
      },
    ]),
    await buildWorkbook(dir, 'receipts-scope.xlsx', [
      {
        name: 'SK',
        rows: [
          ['Ngày giá trị', 'Số tham chiếu', 'Số tiền', 'Nội dung', 'Mã đơn vị'],
          ['2026-02-10', 'FT-SCOPE-1', 100000, 'TM0001A nop BHXH', 'TM0001A'],
          ['2026-02-10', 'FT-SCOPE-2', 100000, 'TT0002B nop BHXH', 'TT0002B'],
        ],
      },
    ]),
  ];

  it("refuses, in every kind, the rows of another office's employer; an admin writes any", async () => {
    const paths = await workbooks();
    let req = request(t.app.getHttpServer()).post('/api/imports').set(officer);
    for (const p of paths) req = req.attach('files', readFileSync(p), basename(p));
    const res = await req.expect(202);
    const set = await eventually(async () => {
      const r = await request(t.app.getHttpServer())
        .get(`/api/import-sets/${res.body.setId}`)
        .set(officer)
        .expect(200);
      return r.body.counts.checking === 0 ? r.body : undefined;
    }, 60_000);
    const byKind = new Map<string, { counts: { valid: number; invalid: number }; id: string }>(
      set.files.map((f: { kind: string }) => [f.kind, f]),
    );
    expect([...byKind.keys()].sort()).toEqual(
      ['c12-summary', 'employers', 'receipts', 'receivables', 'roster'].sort(),
    );
    for (const [kind, f] of byKind) {
      const full = (
        await request(t.app.getHttpServer()).get(`/api/imports/${f.id}`).set(officer).expect(200)
      ).body;
      const outside = full.problems.filter(
        (p: { code: string }) => p.code === 'OUTSIDE_OFFICE_SCOPE',
      );
      expect({ kind, refused: outside.length }).toEqual({ kind, refused: 1 });
      expect(outside[0].message).toContain(THEIRS);
      expect(f.counts.valid).toBe(1);
    }
  }, 90_000);
});

describe('upload rate limit and the import list (sqlite)', () => {
  let t: TestApp;
  const dir = tempDir('sothu-limit-');

  beforeAll(async () => {
    t = await startTestApp('sqlite', { UPLOAD_RATE_LIMIT: '2' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const files = async (tag: string, n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++)
      out.push(
        await buildWorkbook(dir, `${tag}-${i}.xlsx`, [
          {
            name: 'DS',
            rows: [
              ['Mã đơn vị', 'Tên đơn vị', 'Mã cơ quan BHXH', 'Vùng'],
              [`TC000${i}C`, tag, '09901', 'I'],
            ],
          },
        ]),
      );
    return out;
  };
  const upload = async (h: { Authorization: string }, paths: string[]) => {
    let req = request(t.app.getHttpServer()).post('/api/imports').set(h);
    for (const p of paths) req = req.attach('file', readFileSync(p), basename(p));
    return req;
  };

  it('counts requests per user, not files; colleagues of an office share the list, a page at a time', async () => {
    const officer = await createUser(t, { role: 'officer', offices: ['09901'] });
    const colleague = await createUser(t, { role: 'officer', offices: ['09901'] });
    const outsider = await createUser(t, { role: 'officer', offices: ['09902'] });
    // two requests of six files each: twelve files, two requests, within a limit of two per minute
    expect((await upload(officer.headers, await files('a', 6))).status).toBe(202);
    expect((await upload(officer.headers, await files('b', 6))).status).toBe(202);
    const third = await upload(officer.headers, await files('c', 1));
    expect(third.status).toBe(429);
    // another user (same address) has requests of its own
    expect((await upload(colleague.headers, await files('d', 1))).status).toBe(202);

    const list = async (h: { Authorization: string }) => {
      const names: string[] = [];
      let cursor = '';
      do {
        const page = (
          await request(t.app.getHttpServer())
            .get(`/api/imports?limit=5${cursor ? `&cursor=${cursor}` : ''}`)
            .set(h)
            .expect(200)
        ).body;
        expect(page.items.length).toBeLessThanOrEqual(5);
        for (const b of page.items) names.push(b.fileName as string);
        cursor = page.nextCursor ?? '';
      } while (cursor);
      return names.sort();
    };
    const all = [
      ...['a', 'b'].flatMap((x) => [0, 1, 2, 3, 4, 5].map((i) => `${x}-${i}.xlsx`)),
      'd-0.xlsx',
    ].sort();
    expect(await list(colleague.headers)).toEqual(all);
    expect(await list(officer.headers)).toEqual(all);
    expect(await list(outsider.headers)).toEqual([]);
  });
});
