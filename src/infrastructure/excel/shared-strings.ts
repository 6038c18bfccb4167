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

const PAGE_BITS = 20;
const PAGE = 1 << PAGE_BITS;
const OFFSET_MASK = PAGE - 1;
const MAX_PAGES = 1 << (32 - PAGE_BITS);
/** Pages kept in memory before the table spills to a temporary file; and pages cached back. */
const RESIDENT_PAGES = 2;
const CACHED_PAGES = 2;

/**
 * The shared-string table, compact and bounded. Strings are joined into pages of up to 1M
 * characters, and one 32-bit word per string locates it (page << 20 | offset; a string never
 * straddles two pages, so it ends where the next one starts or at its page's end). The first
 * pages stay in memory; past them, each full page is written to an unlinked temporary file (as
 * UTF-8) and read back, a page at a time, when a cell asks for one of its strings. A cell's string
 * is a slice of its page, which V8 makes without copying. Rows refer to the table in about the
 * order it was written (Excel and exceljs number strings by first use), so a couple of cached
 * pages serve nearly every lookup: a million-line roster's few million strings cost 4 bytes each
 * in memory, plus a few pages.
 */
export class SharedStrings {
  /** Resident pages; null once written to the file. */
  private readonly pages: (string | null)[] = [];
  /** Where each spilled page is in the file, and its length in bytes. */
  private readonly fileAt: number[] = [];
  private readonly fileLen: number[] = [];
  private fd = -1;
  private fileSize = 0;
  private readonly cache: { page: number; text: string }[] = [];
  private cacheNext = 0;
  /** Strings of the page being filled, and the index of its first. */
  private pending: string[] = [];
  private pendingFirst = 0;
  private pendingChars = 0;
  private starts = new Uint32Array(1024);
  count = 0;

  /** Pages written so far, and how many of them went to the file. */
  get pageCount(): { total: number; spilled: number } {
    return { total: this.pages.length, spilled: this.fileAt.filter((a) => a >= 0).length };
  }

  add(s: string): void {
    if (s.length > PAGE) throw corrupt('a shared string is longer than Excel allows');
    if (this.pendingChars + s.length > PAGE) this.seal();
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = (this.pages.length << PAGE_BITS) | this.pendingChars;
    this.pending.push(s);
    this.pendingChars += s.length;
  }

  /** Closes the page being filled (the parser calls it at the end of the table). */
  seal(): void {
    if (this.pending.length === 0) return;
    if (this.pages.length === MAX_PAGES - 1) throw corrupt('the shared-string table is too large');
    const page = this.pending.join('');
    this.pending = [];
    this.pendingFirst = this.count;
    this.pendingChars = 0;
    if (this.pages.length < RESIDENT_PAGES) {
      this.pages.push(page);
      this.fileAt.push(-1);
      this.fileLen.push(0);
      return;
    }
    const bytes = Buffer.from(page, 'utf8');
    if (this.fd < 0) this.fd = openSpillFile();
    writeSync(this.fd, bytes, 0, bytes.length, this.fileSize);
    this.pages.push(null);
    this.fileAt.push(this.fileSize);
    this.fileLen.push(bytes.length);
    this.fileSize += bytes.length;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count) || (i | 0) !== i) return undefined;
    if (i >= this.pendingFirst) return this.pending[i - this.pendingFirst];
    const w = this.starts[i]!;
    const p = w >>> PAGE_BITS;
    const page = this.pages[p] ?? this.load(p);
    const next = i + 1 < this.count ? this.starts[i + 1]! : 0;
    const to = i + 1 < this.count && next >>> PAGE_BITS === p ? next & OFFSET_MASK : page.length;
    return page.slice(w & OFFSET_MASK, to);
  }

  /** Lets the temporary file go (it was unlinked when made, so closing frees it). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.cache.length = 0;
  }

  private load(p: number): string {
    for (const c of this.cache) if (c.page === p) return c.text;
    const bytes = Buffer.allocUnsafe(this.fileLen[p]!);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(this.fd, bytes, got, bytes.length - got, this.fileAt[p]! + got);
      if (n === 0) throw new Error('the shared-string spill file is short');
      got += n;
    }
    const text = bytes.toString('utf8');
    if (this.cache.length < CACHED_PAGES) this.cache.push({ page: p, text });
    else this.cache[this.cacheNext++ % CACHED_PAGES] = { page: p, text };
    return text;
  }
}

/** An unlinked temporary file: nothing is left behind whatever happens to the process. */
function openSpillFile(): number {
  const dir = mkdtempSync(join(tmpdir(), 'sothu-sst-'));
  const file = join(dir, 'strings');
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
    let pos = 0;
    for (;;) {
      const lt = xml.indexOf(`<${open}`, pos);
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
