import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { CopyTextBuffer } from '../../database/bulk-insert.js';

/**
 * A batch's valid rows as the parse found them, kept beside the upload for the commit so it need not read
 * the workbook again: lines of PostgreSQL COPY text (tab-separated, `\N` for null, backslash escapes; the
 * commit streams them as they are into `COPY … FROM STDIN`, or decodes them for SQLite), then a line of
 * what the commit needs beside the rows (`#meta <json>`), then `#end <data bytes> <rows>`. Written to
 * `.tmp` and renamed, so a file under the final name was finished; the end line's sizes and the count of
 * data lines are checked when read, so a truncated or damaged file is refused (the commit then reads the
 * workbook, as it does when there is no file: an upload parsed by an older version).
 */
export class RowSpillWriter {
  private rows = 0;
  private bytes = 0;
  /** The write in flight: the next rows are read and checked while it goes. */
  private pending: Promise<unknown> = Promise.resolve();
  private done = false;
  /**
   * The text of a write, encoded in the same memory each time (free again once the write before has
   * gone): a fresh ~1 MB Buffer a step, over a million-line parse, left its memory to come back late.
   */
  private readonly io = new CopyTextBuffer();

  private constructor(
    private readonly path: string,
    private readonly fh: FileHandle,
  ) {}

  static async create(path: string): Promise<RowSpillWriter> {
    return new RowSpillWriter(path, await open(`${path}.tmp`, 'w'));
  }

  /**
   * Appends the lines `fill` writes (whole lines of COPY text) and returns how many; at most one write
   * outstanding, so `fill` runs once the write before it has gone.
   */
  async append(fill: (into: CopyTextBuffer) => number): Promise<void> {
    await this.pending;
    this.io.reset();
    const rows = fill(this.io);
    if (!rows) return;
    const length = this.io.length;
    this.rows += rows;
    this.bytes += length;
    this.pending = this.fh.write(this.io.bytes());
    this.pending.catch(() => undefined); // reported by the next append or by finish
  }

  /** Writes the meta and end lines and gives the file its name. */
  async finish(meta: unknown): Promise<void> {
    await this.pending;
    const tail = `${META}${JSON.stringify(meta)}\n${END}${this.bytes} ${this.rows}\n`;
    await this.fh.write(tail);
    await this.fh.close();
    this.done = true;
    await rename(`${this.path}.tmp`, this.path);
  }

  /** Drops what was written (and any file of an earlier parse under the final name). */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.pending.catch(() => undefined);
    await this.fh.close().catch(() => undefined);
    await rm(`${this.path}.tmp`, { force: true });
    await rm(this.path, { force: true });
  }
}

/** A finished spill file: its row count, its meta and its data lines. */
export interface RowSpill<M> {
  rows: number;
  meta: M;
  /**
   * The data lines in chunks (whole lines, UTF-8), read as they are consumed; throws RowSpillDamaged
   * before the last chunk when the lines are not the `rows` the end line says. `reused`: every chunk is
   * read into the same memory, so a chunk is good only until the next is asked for (for a reader that
   * is done with each before it asks for the next; not one that queues them, as a COPY stream does).
   */
  chunks(reading?: { reused?: boolean }): AsyncIterable<Buffer>;
}

export class RowSpillDamaged extends Error {}

const META = '#meta ';
const END = '#end ';
const END_LINE = /#end (\d+) (\d+)\n$/;
const CHUNK = 1 << 20;

/** The spill at `path`; null when there is none or it is unfinished, truncated or unreadable. */
export async function openRowSpill<M>(path: string): Promise<RowSpill<M> | null> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    const size = (await fh.stat()).size;
    const tailBytes = Math.min(size, 64);
    const tail = Buffer.alloc(tailBytes);
    await fh.read(tail, 0, tailBytes, size - tailBytes);
    const end = END_LINE.exec(tail.toString('latin1'));
    if (!end) return null;
    const dataBytes = Number(end[1]);
    const rows = Number(end[2]);
    const metaEnd = size - end[0].length;
    if (dataBytes > metaEnd) return null;
    const metaText = Buffer.alloc(metaEnd - dataBytes);
    await fh.read(metaText, 0, metaText.length, dataBytes);
    const metaLine = metaText.toString('utf8');
    if (!metaLine.startsWith(META) || !metaLine.endsWith('\n')) return null;
    const meta = JSON.parse(metaLine.slice(META.length)) as M;
    return {
      rows,
      meta,
      chunks: (reading) => dataChunks(path, dataBytes, rows, reading?.reused ?? false),
    };
  } catch {
    return null;
  } finally {
    await fh?.close();
  }
}

/**
 * The data in chunks of whole lines: each read of up to CHUNK bytes follows the start of a line the last
 * one cut. `reused`: into the same Buffer each time, the cut line moved to its front (made anew, a little
 * larger, only when the cut line and a whole read no longer fit: a few times at the start, and for a line
 * longer than a read). A 1M-line commit into SQLite read ~130 MB through a fresh 1 MB Buffer a chunk
 * (and another to join the cut line), whose memory came back to the system late, and its peak RSS rose
 * ~14 MB above its parse's; reading into one Buffer it stays at the parse's.
 */
async function* dataChunks(
  path: string,
  dataBytes: number,
  rows: number,
  reused: boolean,
): AsyncIterable<Buffer> {
  const fh = await open(path, 'r');
  try {
    let at = 0;
    let lines = 0;
    let carry: Buffer = Buffer.alloc(0);
    let store: Buffer | null = null;
    while (at < dataBytes) {
      const want = Math.min(CHUNK, dataBytes - at);
      let buf: Buffer;
      if (reused && store && store.length >= carry.length + want) {
        const from = carry.byteOffset - store.byteOffset;
        store.copyWithin(0, from, from + carry.length);
        buf = store;
      } else {
        buf = Buffer.allocUnsafe(
          reused ? Math.max(CHUNK, carry.length + want) : carry.length + want,
        );
        carry.copy(buf);
        if (reused) store = buf;
      }
      const { bytesRead } = await fh.read(buf, carry.length, want, at);
      if (bytesRead === 0) throw new RowSpillDamaged(`${path} ends before its data does`);
      at += bytesRead;
      const part = buf.subarray(0, carry.length + bytesRead);
      // whole lines only: a chunk never splits a line (nor a character)
      const cut = at < dataBytes ? part.lastIndexOf(0x0a) + 1 : part.length;
      carry = part.subarray(cut);
      const whole = part.subarray(0, cut);
      lines += countLines(whole);
      if (at >= dataBytes && (lines !== rows || (rows > 0 && whole[whole.length - 1] !== 0x0a)))
        throw new RowSpillDamaged(`${path} has ${lines} rows, not the ${rows} it says`);
      if (whole.length) yield whole;
    }
    if (lines !== rows)
      throw new RowSpillDamaged(`${path} has ${lines} rows, not the ${rows} it says`);
  } finally {
    await fh.close();
  }
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}
