import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/core';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import pgCopy from 'pg-copy-streams';
import { pooledClient } from './pg-clients.js';

/**
 * Generic bulk-write helpers, table-agnostic: the owner of a table uses them for its high-volume writes
 * (the ledger facts' roster lines); nobody writes another module's table through them.
 */

/** Splits into chunks of at most `size` (bulk statements stay under the drivers' parameter limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Bulk INSERT of plain values straight through the connection, inside the caller's transaction: for the
 * high-volume tables (roster lines) the ORM's per-entity work costs more than the database does.
 * PostgreSQL gets `COPY … FROM STDIN` (text format) on the transaction's own client (see `copyRows`);
 * when that client cannot be found (a pool not made by ormOptions), one array parameter per column, `unnest`ed into rows (the arrays typed by the table's
 * own column types; measured ~1.6× as fast as one JSON parameter through `json_populate_recordset`, and
 * the statement stays the same whatever the row count); SQLite multi-row VALUES. Columns are snake_case
 * names; values in database form (string, number, boolean or null). The values are bound as statement
 * parameters (see `executeBound`), not written into the SQL text.
 */
export async function bulkInsert(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  rowsPerStatement = 5000,
): Promise<void> {
  if (isPostgres(em) && (await copyRows(em, table, columns, rows))) return;
  await insertStatements(em, table, columns, rows, rowsPerStatement, '');
}

/**
 * The rows as INSERT statements ending in `tail` (an ON CONFLICT clause, or nothing). PostgreSQL: one
 * statement per `rowsPerStatement` rows, one array parameter per column `unnest`ed into rows (typed by
 * the table's own column types), so the text and its plan stay the same whatever the count. SQLite:
 * statements of a few fixed sizes (SQLITE_ROWS rows, then the rest by powers of two), which the
 * connection keeps prepared (node-sqlite.dialect.ts): the same handful of texts whatever the row count.
 */
async function insertStatements(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  rowsPerStatement: number,
  tail: string,
): Promise<void> {
  const names = columns.join(', ');
  if (isPostgres(em)) {
    const types = await columnTypes(em, table, columns);
    const sql = `insert into ${table} (${names}) select * from unnest(${types.map((t, k) => `$${k + 1}::${t}[]`).join(', ')}) ${tail}`;
    for (let i = 0; i < rows.length; i += rowsPerStatement) {
      const part = rows.slice(i, i + rowsPerStatement);
      await executeBound(
        em,
        sql,
        columns.map((_, k) => arrayLiteral(part, k)),
      );
    }
    return;
  }
  await inSqliteSlices(rows, sqliteRowsPer(columns.length), insertText(table, columns, tail), em);
}

/** The text of a SQLite INSERT of `size` rows of `columns` ending in `tail`, by size. */
function insertText(
  table: string,
  columns: readonly string[],
  tail: string,
): (size: number) => string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return (size) =>
    `insert into ${table} (${columns.join(', ')}) values ${new Array<string>(size).fill(tuple).join(', ')} ${tail}`;
}

/** Rows in the largest SQLite insert statement (a power of two: the rest goes by halves). */
const SQLITE_ROWS = 256;

/**
 * Runs `statement(size)` over the rows in slices of a few fixed sizes (at most `per` rows, then the rest by
 * powers of two), so that SQLite sees a handful of statement texts, which the connection keeps prepared.
 */
async function inSqliteSlices(
  rows: readonly (readonly unknown[])[],
  per: number,
  statement: (size: number) => string,
  em: EntityManager,
): Promise<void> {
  let j = 0;
  for (let size = per; j < rows.length; size = size > 1 ? size >> 1 : 1) {
    while (rows.length - j >= size) {
      const params: unknown[] = [];
      for (let r = j; r < j + size; r++)
        for (const v of rows[r]!) params.push(v === undefined ? null : v); // node:sqlite binds no undefined
      await executeBound(em, statement(size), params);
      j += size;
    }
  }
}

/** Rows a SQLite statement of `columns` columns may carry (SQLite binds at most 32,766 parameters). */
function sqliteRowsPer(columns: number): number {
  return Math.max(1, Math.min(SQLITE_ROWS, Math.floor(30000 / columns)));
}

/**
 * Bulk INSERT … ON CONFLICT (`conflict`) DO UPDATE of plain values inside the caller's transaction: a row
 * whose conflict key is stored replaces that row's other columns (its id stays), as the ORM's
 * `upsertMany(…, { onConflictAction: 'merge' })` does, without an entity per row. PostgreSQL gets one
 * statement per `rowsPerStatement` rows (one array parameter per column, `unnest`ed, so the text and its
 * plan stay the same whatever the count); SQLite multi-row VALUES in the fixed sizes of `bulkInsert`
 * (under its parameter limit). Rows must not repeat a conflict key (PostgreSQL refuses to update a row twice
 * in one statement). Columns snake_case; values in database form (see `bulkInsert`).
 */
export async function bulkUpsert(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  conflict: readonly string[],
  rows: readonly (readonly unknown[])[],
  rowsPerStatement = 5000,
): Promise<void> {
  if (!rows.length) return;
  const set = columns
    .filter((c) => !conflict.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const onConflict = `on conflict (${conflict.join(', ')}) do update set ${set}`;
  await insertStatements(em, table, columns, rows, rowsPerStatement, onConflict);
}

/**
 * Bulk UPDATE of rows by key inside the caller's transaction: each row is `[key, ...values of columns]`,
 * and the stored row of that key gets those values (one statement for many rows, where the ORM flushes
 * one UPDATE per changed entity). PostgreSQL: `update … from unnest(arrays)`; SQLite: `update … from`
 * a VALUES list, in the fixed sizes of `bulkInsert`. Keys absent from the table change nothing.
 */
export async function bulkUpdate(
  em: EntityManager,
  table: string,
  key: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  rowsPerStatement = 5000,
): Promise<void> {
  if (!rows.length) return;
  const all = [key, ...columns];
  const set = columns.map((c) => `${c} = v.${c}`).join(', ');
  if (isPostgres(em)) {
    const types = await columnTypes(em, table, all);
    const sql = `update ${table} set ${set} from unnest(${types.map((t, k) => `$${k + 1}::${t}[]`).join(', ')}) as v(${all.join(', ')}) where ${table}.${key} = v.${key}`;
    for (let i = 0; i < rows.length; i += rowsPerStatement) {
      const part = rows.slice(i, i + rowsPerStatement);
      await executeBound(
        em,
        sql,
        all.map((_, k) => arrayLiteral(part, k)),
      );
    }
    return;
  }
  const tuple = `(${all.map(() => '?').join(', ')})`;
  await inSqliteSlices(
    rows,
    sqliteRowsPer(all.length),
    (size) =>
      `with v(${all.join(', ')}) as (values ${new Array<string>(size).fill(tuple).join(', ')}) update ${table} set ${set} from v where ${table}.${key} = v.${key}`,
    em,
  );
}

/**
 * A value in the form the ORM stores it (what `bulkInsert`, `bulkUpsert` and `bulkUpdate` take), for the
 * types the nightly run writes: a `datetime` as epoch milliseconds on SQLite and ISO text on PostgreSQL,
 * a boolean as 1/0 on SQLite, a `json` column as its JSON text.
 */
export function dbValue(
  em: EntityManager,
  type: 'datetime' | 'boolean' | 'json',
  v: unknown,
): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  const pg = isPostgres(em);
  if (type === 'datetime') return pg ? (v as Date).toISOString() : (v as Date).getTime();
  if (type === 'boolean') return pg ? Boolean(v) : v ? 1 : 0;
  return JSON.stringify(v);
}

export function isPostgres(em: EntityManager): boolean {
  return em.getConnection().getPlatform().constructor.name.toLowerCase().includes('postgre');
}

/**
 * Runs one statement with bound parameters (`$1…` on PostgreSQL, `?` on SQLite) on the caller's
 * transaction. `Connection.execute` writes every parameter into the SQL text as an escaped literal, which
 * for a bulk insert means escaping megabytes of values in JS and a new statement for the database to parse
 * each time; bound, the text stays the same from one chunk to the next and the values travel as they are.
 */
export async function executeBound(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<void> {
  const tx = em.getTransactionContext<Kysely<unknown>>();
  if (!tx) throw new Error('bulk writes run inside a transaction');
  await tx.executeQuery(CompiledQuery.raw(sql, params));
}

const typesOf = new Map<string, string[]>();

/** The PostgreSQL types of a table's columns (as `format_type` spells them), looked up once a process. */
async function columnTypes(
  em: EntityManager,
  table: string,
  columns: readonly string[],
): Promise<string[]> {
  const key = `${table}(${columns.join(',')})`;
  let types = typesOf.get(key);
  if (!types) {
    const rows = (await em
      .getConnection()
      .execute(
        'select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = ?::regclass and attnum > 0 and not attisdropped',
        [table],
        'all',
        em.getTransactionContext(),
      )) as { name: string; type: string }[];
    const byName = new Map(rows.map((r) => [r.name, r.type]));
    types = columns.map((c) => {
      const t = byName.get(c);
      if (!t) throw new Error(`${table} has no column ${c}`);
      return t;
    });
    typesOf.set(key, types);
  }
  return types;
}

/** Column `k` of the rows as a PostgreSQL array literal: `{"a","b c",NULL,12}`. */
function arrayLiteral(rows: readonly (readonly unknown[])[], k: number): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out += ',';
    const v = rows[i]![k];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
      out += String(v);
    else if (typeof v === 'string') out += `"${v.replace(/["\\]/g, '\\$&')}"`;
    else throw new TypeError(`bulkInsert takes plain values, not ${typeof v}`);
  }
  return `${out}}`;
}

/** The transaction's own `pg` client, by transaction (null: not found; see pg-clients.ts). */
const clientOfTx = new WeakMap<object, PoolClient | null>();

async function transactionClient(em: EntityManager): Promise<PoolClient | null> {
  const tx = em.getTransactionContext<Kysely<unknown>>();
  if (!tx) throw new Error('bulk writes run inside a transaction');
  let client = clientOfTx.get(tx);
  if (client !== undefined) return client;
  const connection = em.getConnection() as unknown as { getNativeClient?(): Promise<Pool> };
  const pool = await connection.getNativeClient?.();
  const { rows } = await tx.executeQuery<{ pid: number }>(
    CompiledQuery.raw('select pg_backend_pid() as pid'),
  );
  client = (pool && rows[0] ? pooledClient(pool, Number(rows[0].pid)) : undefined) ?? null;
  clientOfTx.set(tx, client);
  return client;
}

/**
 * PostgreSQL `COPY table (columns) FROM STDIN` of the rows, on the client the caller's transaction runs on
 * (so the rows commit or roll back with it, and the statements queued on that client run after it).
 * Returns false, having written nothing, when that client is unknown.
 */
export async function copyRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<boolean> {
  const client = await transactionClient(em);
  if (!client) return false;
  if (rows.length === 0) return true;
  // the text first: a value it refuses must not leave the client inside a COPY nobody ends
  const text = copyText(rows);
  const stream = client.query(pgCopy.from(`copy ${table} (${columns.join(', ')}) from stdin`));
  stream.end(text);
  await finished(stream);
  return true;
}

/**
 * PostgreSQL `COPY table (columns) FROM STDIN` of text already in COPY's text format (lines from
 * `copyText`), streamed as it comes, on the caller's transaction's client (see `copyRows`). Returns false,
 * having read nothing of `text`, on SQLite or when that client is unknown.
 */
export async function copyTextRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  text: AsyncIterable<Buffer>,
): Promise<boolean> {
  if (!isPostgres(em)) return false;
  const client = await transactionClient(em);
  if (!client) return false;
  const stream = client.query(pgCopy.from(`copy ${table} (${columns.join(', ')}) from stdin`));
  const done = finished(stream);
  done.catch(() => undefined); // awaited below; a server error ends the stream early
  try {
    for await (const part of text) {
      if (!stream.write(part)) await Promise.race([once(stream, 'drain'), done]);
    }
  } catch (err) {
    stream.destroy(err as Error); // the COPY fails; the transaction rolls back
    await done.catch(() => undefined);
    throw err;
  }
  stream.end();
  await done;
  return true;
}

/**
 * Rows in COPY's text format, as UTF-8: tab-separated, `\N` for null, backslash escapes, a newline a
 * row (written by `CopyTextBuffer`, whose rules they are).
 */
export function copyText(rows: readonly (readonly unknown[])[]): Buffer {
  const into = new CopyTextBuffer();
  into.lines(rows);
  return into.bytes();
}

/**
 * COPY's text format written field by field straight into one Buffer, reused from one use to the next:
 * no string per value, none per line, no joined text to measure and copy again. A million-line roster's
 * kept lines made as strings were a fifth of its parse's allocations.
 */
export class CopyTextBuffer {
  /** Bytes written since the last `reset`. */
  length = 0;
  private buf: Buffer;
  private atLineStart = true;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** The text written so far (a view of the buffer: good until the next write or `reset`). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
    this.atLineStart = true;
  }

  /** The next value of the line: `\\N` for null, escapes for the four characters COPY reads specially. */
  field(v: unknown): void {
    this.room(1);
    if (!this.atLineStart) this.buf[this.length++] = 0x09;
    this.atLineStart = false;
    if (v === null || v === undefined) {
      this.room(2);
      this.buf[this.length++] = 0x5c; // \
      this.buf[this.length++] = 0x4e; // N
    } else if (typeof v === 'number' && Number.isSafeInteger(v)) this.integer(v);
    else if (typeof v === 'number' || typeof v === 'bigint') this.string(String(v));
    else if (typeof v === 'boolean') {
      this.room(1);
      this.buf[this.length++] = v ? 0x74 : 0x66; // t, f
    } else if (typeof v === 'string')
      this.string(COPY_SPECIAL.test(v) ? v.replace(COPY_ESCAPES, escapeCopy) : v);
    else throw new TypeError(`bulkInsert takes plain values, not ${typeof v}`);
  }

  /** Ends the line. */
  endLine(): void {
    this.room(1);
    this.buf[this.length++] = 0x0a;
    this.atLineStart = true;
  }

  /** Whole lines of values (a row's values in its columns' order). */
  lines(rows: readonly (readonly unknown[])[]): void {
    for (const row of rows) {
      for (let k = 0; k < row.length; k++) this.field(row[k]);
      this.endLine();
    }
  }

  private string(v: string): void {
    this.room(3 * v.length); // UTF-8 takes at most 3 bytes per UTF-16 unit
    this.length += this.buf.write(v, this.length, 'utf8');
  }

  /** A safe integer's decimal digits, as String(v) writes them (-0 as 0). */
  private integer(v: number): void {
    this.room(17);
    if (v < 0) {
      this.buf[this.length++] = 0x2d; // -
      v = -v;
    }
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    let at = this.length + digits;
    this.length = at;
    do {
      this.buf[--at] = 0x30 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
  }

  /** Room for `bytes` more: a buffer twice the size (or more), the text so far copied over. */
  private room(bytes: number): void {
    if (this.length + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.length + bytes, 2 * this.buf.length));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
}

/** Bytes of COPY text decoded at a time by `copyTextPieces`: its strings stay under V8's 128 KB large-object size. */
const PIECE_BYTES = 48 * 1024;

/**
 * COPY text in whole lines (a buffer ending with a newline) decoded a few dozen kilobytes of whole lines
 * at a time; a line longer than that is a piece of its own. The values cut from a line are slices of the
 * string it was decoded in, so rows waiting for their insert keep that string alive: a 1 MB chunk decoded
 * whole is a large object, which the young collection that finds it held promotes and only a full one
 * frees (a 100k-line roster's SQLite commit peaked ~12 MB higher for it).
 */
export function* copyTextPieces(text: Buffer, pieceBytes = PIECE_BYTES): Generator<string> {
  for (let at = 0; at < text.length;) {
    let end = text.length;
    if (end - at > pieceBytes) {
      const cut = text.lastIndexOf(0x0a, at + pieceBytes - 1);
      end = cut >= at ? cut + 1 : text.indexOf(0x0a, at + pieceBytes) + 1 || text.length;
    }
    yield text.toString('utf8', at, end);
    at = end;
  }
}

/** One line of COPY's text format (without its newline) back into its values: strings, null for `\\N`. */
export function decodeCopyLine(line: string): (string | null)[] {
  return line.split('\t').map(decodeCopyField);
}

/** One field of COPY's text format back into its value: a string, or null for `\\N`. */
function decodeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  return field.includes('\\') ? field.replace(COPY_UNESCAPES, unescapeCopy) : field;
}

/**
 * Rows in COPY's text format (whole lines, in chunks, as `copyTextRows` takes them) inserted by the
 * statements `bulkInsert` uses, each line's fields decoded straight into the statement's parameters: no
 * array per line or per row on SQLite (a million-line roster's commit made four of each). PostgreSQL,
 * where `copyTextRows` cannot be used, gets the rows through `bulkInsert`'s `unnest` statements. The
 * columns at `numeric` are bound as numbers. Each chunk is done with before the next is asked for (the
 * chunks may share memory). Inside the caller's transaction; returns the rows written.
 */
export async function insertCopyText(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  numeric: readonly number[],
  text: AsyncIterable<Buffer>,
): Promise<number> {
  const width = columns.length;
  const sqlite = !isPostgres(em);
  const per = sqlite ? sqliteRowsPer(width) : 5000;
  // the full-size statement's text, made once (the connection keeps it prepared)
  const full = insertText(table, columns, '')(per);
  const rowsOf = (flat: unknown[]) => {
    const out: unknown[][] = [];
    for (let i = 0; i < flat.length; i += width) out.push(flat.slice(i, i + width));
    return out;
  };
  const isNumber = columns.map((_, k) => numeric.includes(k));
  let params: unknown[] = [];
  let rows = 0;
  for await (const chunk of text) {
    for (const piece of copyTextPieces(chunk)) {
      for (
        let at = 0, end = piece.indexOf('\n');
        end !== -1;
        at = end + 1, end = piece.indexOf('\n', at)
      ) {
        let k = 0;
        for (let from = at; ; k++) {
          let tab = piece.indexOf('\t', from);
          if (tab === -1 || tab > end) tab = end;
          const field = decodeCopyField(piece.slice(from, tab));
          params.push(isNumber[k] && field !== null ? Number(field) : field);
          if (tab === end) break;
          from = tab + 1;
        }
        if (k + 1 !== width)
          throw new Error(`a line of ${table}'s text has ${k + 1} fields, not ${width}`);
        if (params.length === per * width) {
          if (sqlite) await executeBound(em, full, params);
          else await insertStatements(em, table, columns, rowsOf(params), per, '');
          rows += per;
          params = [];
        }
      }
    }
  }
  // the rest in the smaller sizes bulkInsert uses
  if (params.length) await insertStatements(em, table, columns, rowsOf(params), per, '');
  return rows + params.length / width;
}

const COPY_UNESCAPES = /\\(.)/gs;
const unescapeCopy = (_: string, c: string): string =>
  c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c;

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES = /[\\\n\r\t]/g;
const escapeCopy = (c: string): string =>
  c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t';
