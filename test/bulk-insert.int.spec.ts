import type { MikroORM } from '@mikro-orm/core';
import { bulkInsert, copyRows, copyText, insertCopyText } from '../src/database/bulk-insert.js';
import { openDatabase } from '../src/database/database.js';
import { loadConfig } from '../src/config/config.js';
import { DB_KINDS, scratchDatabase } from './support/harness.js';

const TEXTS = [
  'plain',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'back\\slash \\N \\t',
  '"quoted", {braces}',
  'Nguyễn Thị Ánh 𝔘',
  '',
];

/**
 * The bulk paths under the import's commit: PostgreSQL `COPY` on the transaction's own client (found by
 * its backend pid), SQLite statements of a few fixed sizes kept prepared. Text lands exactly as given,
 * every row once, and a rolled-back transaction leaves nothing.
 */
describe.each(DB_KINDS)('bulk insert on %s', (kind) => {
  let orm: MikroORM;
  let drop: () => Promise<void>;
  const sql = (q: string, tx = orm.em.fork()) =>
    tx.getConnection().execute(q, [], 'all', tx.getTransactionContext()) as Promise<
      Record<string, unknown>[]
    >;

  beforeAll(async () => {
    const db = await scratchDatabase(kind);
    drop = db.drop;
    orm = await openDatabase(loadConfig({ ...db.env, LOG_LEVEL: 'silent' }).database);
    await sql('create table bulk_probe (id integer, label text, n bigint, flag boolean)');
  });
  afterAll(async () => {
    await orm?.close();
    await drop?.();
  });
  beforeEach(() => sql('delete from bulk_probe'));

  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => [
      i,
      i % 7 === 3 ? null : TEXTS[i % TEXTS.length]!,
      i * 1_000_003,
      i % 2 === 0,
    ]);

  it.each([0, 1, 255, 256, 257, 1000, 5003])('lands %i rows exactly as given', async (n) => {
    await orm.em
      .fork()
      .transactional((tx) => bulkInsert(tx, 'bulk_probe', ['id', 'label', 'n', 'flag'], rows(n)));
    const got = await sql('select id, label, n, flag from bulk_probe order by id');
    expect(
      got.map((r) => [Number(r.id), r.label, Number(r.n), r.flag === true || r.flag === 1]),
    ).toEqual(rows(n));
  });

  /**
   * COPY text in chunks of `linesPer` whole lines, every chunk in the same memory (overwritten once the
   * next is asked for), as a kept roster's chunks are read for SQLite.
   */
  async function* sharedChunks(text: Buffer, linesPer: number): AsyncIterable<Buffer> {
    const shared = Buffer.alloc(text.length);
    for (let at = 0; at < text.length;) {
      let end = at;
      for (let n = 0; n < linesPer && end < text.length; n++) end = text.indexOf(0x0a, end) + 1;
      text.copy(shared, 0, at, end);
      yield shared.subarray(0, end - at);
      shared.fill(0x21, 0, end - at);
      at = end;
    }
  }

  /** COPY text of (id, label, n) rows into bulk_probe, through insertCopyText, in one transaction. */
  const insertProbeText = (text: Buffer, linesPer: number) =>
    orm.em
      .fork()
      .transactional((tx) =>
        insertCopyText(
          tx,
          'bulk_probe',
          ['id', 'label', 'n'],
          [0, 2],
          sharedChunks(text, linesPer),
        ),
      );

  it.each([
    [0, 10],
    [1, 10],
    [257, 100],
    [5003, 333],
    [12_001, 5000],
  ])(
    'lands %i rows from COPY text (chunks of %i lines) exactly as written',
    async (n, linesPer) => {
      const given = rows(n).map(([id, label, num]) => [id, label, num]);
      const text = copyText(given);
      expect(await insertProbeText(text, linesPer)).toBe(n);
      const got = await sql('select id, label, n from bulk_probe order by id');
      expect(got.map((r) => [Number(r.id), r.label, Number(r.n)])).toEqual(given);
    },
  );

  it('refuses COPY text whose line has more or fewer fields than the columns', async () => {
    for (const line of ['1\tx\n', '1\tx\t2\t3\n']) {
      await expect(insertProbeText(Buffer.from(line), 1)).rejects.toThrow(/has \d fields, not 3/);
    }
  });

  it('a rolled-back transaction leaves none of its rows', async () => {
    await expect(
      orm.em.fork().transactional(async (tx) => {
        await bulkInsert(tx, 'bulk_probe', ['id', 'label', 'n', 'flag'], rows(3000));
        expect(await sql('select count(*) as c from bulk_probe', tx)).toEqual([
          { c: kind === 'sqlite' ? 3000 : '3000' },
        ]);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await sql('select count(*) as c from bulk_probe')).toEqual([
      { c: kind === 'sqlite' ? 0 : '0' },
    ]);
  });

  if (kind === 'postgresql') {
    it('uses COPY on the transaction’s own client: its rows are seen inside it, not outside before the commit', async () => {
      await orm.em.fork().transactional(async (tx) => {
        expect(await copyRows(tx, 'bulk_probe', ['id', 'label', 'n', 'flag'], rows(2000))).toBe(
          true,
        );
        expect(await sql('select count(*) as c from bulk_probe', tx)).toEqual([{ c: '2000' }]);
        expect(await sql('select count(*) as c from bulk_probe')).toEqual([{ c: '0' }]);
      });
      expect(await sql('select count(*) as c from bulk_probe')).toEqual([{ c: '2000' }]);
    });

    it('a COPY the server refuses fails the write and rolls the transaction back', async () => {
      await expect(
        orm.em.fork().transactional(async (tx) => {
          await copyRows(tx, 'bulk_probe', ['id', 'label', 'n', 'flag'], rows(10));
          await copyRows(
            tx,
            'bulk_probe',
            ['id', 'label', 'n', 'flag'],
            [[1, 'x', 'not a number', true]],
          );
        }),
      ).rejects.toThrow(/invalid input syntax/);
      expect(await sql('select count(*) as c from bulk_probe')).toEqual([{ c: '0' }]);
    });
  }
});
