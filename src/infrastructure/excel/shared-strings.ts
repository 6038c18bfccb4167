import {
  closeSync,
  mkdtempSync,
  openSync,
  readSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corrupt } from './container.js';
import { endsName, isTag, rootPrefix, runsText } from './xml-text.js';

/**
 * Characters in a page of the table. The pages held (two resident, two cached) are large objects of up to
 * two bytes a character: at 1M characters they kept ~8 MB at the import's peak, at 256K ~2 MB
 * (a 100k-line roster's parse peaked 197–199 MB against 191–193; as fast: bench/RESULTS.md).
 */
const PAGE_CHARS = 1 << 18;
/** Pages kept in memory before the table spills to a temporary file; and pages cached back. */
const RESIDENT_PAGES = 2;
const CACHED_PAGES = 2;

/** A page: its strings joined, and where each starts (in characters). */
interface Page {
  text: string;
  starts: Uint32Array;
}

/** Where a spilled page is in the file: its text (UTF-8), then its starts. */
interface Spilled {
  at: number;
  textBytes: number;
  count: number;
}

/**
 * The shared-string table, in bounded memory whatever its size. Strings are joined into pages of
 * up to 1M characters, each with the offsets of its strings (a string never straddles two pages).
 * The first pages stay in memory; past them, each full page (text as UTF-8, then its offsets) is
 * written to an unlinked temporary file and read back, a whole page at a time, when a cell asks
 * for one of its strings. A cell's string is a slice of its page, which V8 makes without copying.
 * Rows refer to the table in about the order it was written (Excel and exceljs number strings by
 * first use), so a couple of cached pages serve nearly every lookup. A million-line roster's few
 * million strings thus cost the same memory as a hundred thousand lines' (a few pages), where
 * exceljs keeps each as a string object.
 */
export class SharedStrings {
  /** Per page: the index of its first string (one more entry: the count), and its body. */
  private readonly firsts: number[] = [0];
  private readonly pages: (Page | Spilled)[] = [];
  private fd = -1;
  private fileSize = 0;
  /** One buffer for writing and reading spilled pages (grown to the largest page). */
  private io = Buffer.alloc(0);
  private readonly cache: { page: number; body: Page }[] = [];
  private cacheNext = 0;
  private lastPage = 0;
  /** Strings of the page being filled. */
  private pending: string[] = [];
  private pendingChars = 0;
  count = 0;

  /** Pages written so far, and how many of them went to the file. */
  get pageCount(): { total: number; spilled: number } {
    return { total: this.pages.length, spilled: this.pages.filter((p) => !('text' in p)).length };
  }

  add(s: string): void {
    if (s.length > PAGE_CHARS) throw corrupt('a shared string is longer than Excel allows');
    if (this.pendingChars + s.length > PAGE_CHARS) this.seal();
    this.pending.push(s);
    this.pendingChars += s.length;
    this.count++;
  }

  /** Closes the page being filled (the parser calls it at the end of the table). */
  seal(): void {
    const strings = this.pending;
    if (strings.length === 0) return;
    const starts = new Uint32Array(strings.length);
    let at = 0;
    for (let k = 0; k < strings.length; k++) {
      starts[k] = at;
      at += strings[k]!.length;
    }
    const page: Page = { text: strings.join(''), starts };
    this.pending = [];
    this.pendingChars = 0;
    this.firsts.push(this.count);
    this.pages.push(this.pages.length < RESIDENT_PAGES ? page : this.spill(page));
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count) || (i | 0) !== i) return undefined;
    const sealed = this.firsts[this.firsts.length - 1]!;
    if (i >= sealed) return this.pending[i - sealed];
    const p = this.pageOf(i);
    const body = this.page(p);
    const k = i - this.firsts[p]!;
    const to = k + 1 < body.starts.length ? body.starts[k + 1]! : body.text.length;
    return body.text.slice(body.starts[k]!, to);
  }

  /** Lets the temporary file go (it was unlinked when made, so closing frees it). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.cache.length = 0;
    this.io = Buffer.alloc(0);
  }

  private pageOf(i: number): number {
    const f = this.firsts;
    let p = this.lastPage;
    if (i >= f[p]! && i < f[p + 1]!) return p;
    let lo = 0;
    let hi = this.pages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (f[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    p = lo;
    this.lastPage = p;
    return p;
  }

  private spill(page: Page): Spilled {
    if (this.fd < 0) this.fd = openSpillFile();
    const maxBytes = page.text.length * 3 + page.starts.byteLength;
    if (this.io.length < maxBytes) this.io = Buffer.allocUnsafeSlow(maxBytes);
    const textBytes = this.io.write(page.text, 0, 'utf8');
    const startsBytes = Buffer.from(
      page.starts.buffer,
      page.starts.byteOffset,
      page.starts.byteLength,
    );
    startsBytes.copy(this.io, textBytes);
    const length = textBytes + startsBytes.length;
    writeSync(this.fd, this.io, 0, length, this.fileSize);
    const spilled: Spilled = { at: this.fileSize, textBytes, count: page.starts.length };
    this.fileSize += length;
    return spilled;
  }

  private page(p: number): Page {
    const body = this.pages[p]!;
    if ('text' in body) return body;
    for (const c of this.cache) if (c.page === p) return c.body;
    const length = body.textBytes + body.count * 4;
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, this.io, got, length - got, body.at + got);
      if (n === 0) throw new Error('the shared-string spill file is short');
      got += n;
    }
    const starts = new Uint32Array(body.count);
    Buffer.from(starts.buffer).set(this.io.subarray(body.textBytes, length));
    const loaded: Page = { text: this.io.toString('utf8', 0, body.textBytes), starts };
    if (this.cache.length < CACHED_PAGES) this.cache.push({ page: p, body: loaded });
    else this.cache[this.cacheNext++ % CACHED_PAGES] = { page: p, body: loaded };
    return loaded;
  }
}

/** An unlinked temporary file: nothing is left behind whatever happens to the process. */
/**
 * A read-write temporary file that is already unlinked: the descriptor is all there is, so it
 * disappears when closed or when the process ends, however it ends.
 */
export function openSpillFile(prefix = 'sothu-sst-'): number {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'spill');
  const fd = openSync(file, 'w+', 0o600);
  unlinkSync(file);
  rmdirSync(dir);
  return fd;
}

/**
 * Reads `xl/sharedStrings.xml` text chunk by chunk into a table: each `<si>` item's plain text
 * (rich text runs concatenated, phonetic runs left out).
 */
export class SharedStringsParser {
  private prefix: string | null = null;
  private carry = '';

  readonly table: SharedStrings;

  constructor(table: SharedStrings) {
    this.table = table;
  }

  push(text: string): void {
    const xml = this.carry + text;
    if (this.prefix === null) {
      this.prefix = rootPrefix(xml, 'sst');
      if (this.prefix === null) {
        if (xml.length > 64 * 1024) throw corrupt('the shared strings have no <sst> element');
        this.carry = xml;
        return;
      }
    }
    const p = this.prefix;
    const open = `${p}si`;
    const close = `</${p}si>`;
    const siOpen = `<${open}`;
    let pos = 0;
    for (;;) {
      const lt = xml.indexOf(siOpen, pos);
      if (lt < 0) {
        pos = Math.max(pos, xml.length - open.length - 1);
        break;
      }
      const after = xml.charCodeAt(lt + open.length + 1);
      if (Number.isNaN(after)) {
        pos = lt;
        break;
      }
      if (!endsName(after)) {
        pos = lt + 1;
        continue;
      }
      const gt = xml.indexOf('>', lt);
      if (gt < 0) {
        pos = lt;
        break;
      }
      if (xml.charCodeAt(gt - 1) === 47) {
        this.table.add('');
        pos = gt + 1;
        continue;
      }
      const end = xml.indexOf(close, gt);
      if (end < 0) {
        pos = lt;
        break;
      }
      this.table.add(simpleText(xml, gt + 1, end, p) ?? runsText(xml, gt + 1, end, p));
      pos = end + close.length;
    }
    this.carry = xml.slice(pos);
    if (this.carry.length > 16 * 1024 * 1024) throw corrupt('a shared string item has no end');
  }

  end(): void {
    if (this.prefix === null && this.carry.length > 0) {
      throw corrupt('the shared strings have no <sst> element');
    }
    this.carry = '';
    this.table.seal();
  }
}

/** The common item `<t>plain</t>` (or `<t xml:space="preserve">`), without entities; else null. */
function simpleText(xml: string, from: number, to: number, p: string): string | null {
  if (p !== '' || !isTag(xml, from, 't')) return null;
  const gt = xml.indexOf('>', from);
  const lt = xml.indexOf('<', gt);
  if (lt !== to - 4 || xml.charCodeAt(gt - 1) === 47) return null;
  const s = xml.slice(gt + 1, lt);
  return s.indexOf('&') < 0 ? s : null;
}
