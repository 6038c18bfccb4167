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
import { StringDecoder } from 'node:string_decoder';
import { corrupt } from './container.js';
import { endsName, isTag, rootPrefix, runsText } from './xml-text.js';

/**
 * Bytes in a page of the table: its strings as UTF-8, one after another. A page lives in a Buffer
 * (outside the JS heap), filled, spilled and read back in place. Pages of JS strings (joined to
 * spill, decoded when read back) were large strings, which V8 puts in its old generation, where only
 * a full collection frees them, and the strings waiting for their page were promoted with the text
 * they were sliced from (a 100k-line roster's parse: sampled allocations still live after the young
 * collections 101 → 80 MB, full collections 3 → 2, peak RSS 181 → 173 MB; bench/RESULTS.md).
 */
const PAGE_BYTES = 1 << 19;
/** Strings in a page at most (empty strings take no bytes): its offsets stay within a known size. */
const PAGE_STRINGS = 1 << 16;
/** Pages kept in memory before the table spills to a temporary file; and pages cached back. */
const RESIDENT_PAGES = 2;
const CACHED_PAGES = 2;

/** A page: its strings' bytes, and where each starts (one more entry: where the last ends). */
interface Page {
  bytes: Buffer;
  starts: Uint32Array;
}

/** Where a spilled page is in the file: its offsets (count + 1 of them), then its bytes. */
interface Spilled {
  at: number;
  count: number;
  bytes: number;
}

/** A cached page's memory, reused for the next page read back into it. */
interface Slot {
  page: number;
  memory: Buffer;
  body: Page;
}

/**
 * The shared-string table, in bounded memory whatever its size. Strings are written as UTF-8 into
 * pages of up to 512 KB, each with the offsets of its strings (a string never straddles two pages).
 * The first pages stay in memory; past them, each full page (offsets, then bytes) is written to an
 * unlinked temporary file and read back, a whole page at a time, into one of a couple of cached pages'
 * memory when a cell asks for one of its strings. A cell's string is decoded from its page's bytes:
 * a small string of its own, which keeps no page alive. Rows refer to the table in about the order it
 * was written (Excel and exceljs number strings by first use), so a couple of cached pages serve
 * nearly every lookup. A million-line roster's few million strings thus cost the same memory as a
 * hundred thousand lines' (a few pages), where exceljs keeps each as a string object.
 */
export class SharedStrings {
  /** Per page: the index of its first string (one more entry: the count), and its body. */
  private readonly firsts: number[] = [0];
  private readonly pages: (Page | Spilled)[] = [];
  private fd = -1;
  private fileSize = 0;
  private readonly cache: Slot[] = [];
  private cacheNext = 0;
  private lastPage = 0;
  /** The page being filled: its bytes, the offsets of its strings, how many and how far. */
  private fill = Buffer.allocUnsafeSlow(PAGE_BYTES);
  private fillStarts = new Uint32Array(PAGE_STRINGS + 1);
  private fillCount = 0;
  private fillBytes = 0;
  count = 0;

  /** Pages written so far, and how many of them went to the file. */
  get pageCount(): { total: number; spilled: number } {
    return { total: this.pages.length, spilled: this.pages.filter((p) => !('starts' in p)).length };
  }

  add(s: string): void {
    // at most 3 bytes of UTF-8 per UTF-16 unit (a surrogate pair's 4 bytes are 2 units)
    this.begin(s.length * 3);
    this.fillBytes += this.fill.write(s, this.fillBytes, 'utf8');
  }

  /** A string given as its UTF-8 bytes (`src` from `from` to `to`), copied as they are. */
  addUtf8(src: Buffer, from: number, to: number): void {
    const bytes = to - from;
    this.begin(bytes);
    if (bytes > 64) src.copy(this.fill, this.fillBytes, from, to);
    else for (let k = from, at = this.fillBytes; k < to; k++, at++) this.fill[at] = src[k]!; // no call
    this.fillBytes += bytes;
  }

  /** Starts the next string, of at most `maxBytes`, where the page being filled has room for it. */
  private begin(maxBytes: number): void {
    if (maxBytes > PAGE_BYTES) throw corrupt('a shared string is longer than Excel allows');
    if (this.fillBytes + maxBytes > PAGE_BYTES || this.fillCount === PAGE_STRINGS) this.seal();
    this.fillStarts[this.fillCount++] = this.fillBytes;
    this.count++;
  }

  /** Closes the page being filled (the parser calls it at the end of the table). */
  seal(): void {
    const n = this.fillCount;
    if (n === 0) return;
    this.fillStarts[n] = this.fillBytes;
    this.firsts.push(this.count);
    if (this.pages.length < RESIDENT_PAGES) {
      this.pages.push({
        bytes: Buffer.from(this.fill.subarray(0, this.fillBytes)),
        starts: this.fillStarts.slice(0, n + 1),
      });
    } else {
      this.pages.push(this.spill(n));
    }
    this.fillCount = 0;
    this.fillBytes = 0;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count) || (i | 0) !== i) return undefined;
    const sealed = this.firsts[this.firsts.length - 1]!;
    if (i >= sealed) {
      const k = i - sealed;
      const to = k + 1 < this.fillCount ? this.fillStarts[k + 1]! : this.fillBytes;
      return utf8(this.fill, this.fillStarts[k]!, to);
    }
    const p = this.pageOf(i);
    const body = this.page(p);
    const k = i - this.firsts[p]!;
    return utf8(body.bytes, body.starts[k]!, body.starts[k + 1]!);
  }

  /** Lets the temporary file go (it was unlinked when made, so closing frees it), and the pages' memory. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.cache.length = 0;
    this.fill = Buffer.alloc(0);
    this.fillStarts = new Uint32Array(1);
    this.fillCount = 0;
    this.fillBytes = 0;
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

  /** Writes the page being filled (its `count` strings) to the file. */
  private spill(count: number): Spilled {
    if (this.fd < 0) this.fd = openSpillFile();
    const offsets = Buffer.from(this.fillStarts.buffer, 0, (count + 1) * 4);
    writeAll(this.fd, offsets, this.fileSize);
    writeAll(this.fd, this.fill.subarray(0, this.fillBytes), this.fileSize + offsets.length);
    const spilled: Spilled = { at: this.fileSize, count, bytes: this.fillBytes };
    this.fileSize += offsets.length + this.fillBytes;
    return spilled;
  }

  private page(p: number): Page {
    const body = this.pages[p]!;
    if ('starts' in body) return body;
    for (const c of this.cache) if (c.page === p) return c.body;
    let slot =
      this.cache.length < CACHED_PAGES ? undefined : this.cache[this.cacheNext++ % CACHED_PAGES]!;
    if (!slot) {
      // offsets first, at the start of the memory: a Uint32Array over it is aligned
      slot = {
        page: -1,
        memory: Buffer.allocUnsafeSlow((PAGE_STRINGS + 1) * 4 + PAGE_BYTES),
        body: EMPTY,
      };
      this.cache.push(slot);
    }
    const offsetBytes = (body.count + 1) * 4;
    const length = offsetBytes + body.bytes;
    for (let got = 0; got < length;) {
      const n = readSync(this.fd, slot.memory, got, length - got, body.at + got);
      if (n === 0) throw new Error('the shared-string spill file is short');
      got += n;
    }
    slot.page = p;
    slot.body = {
      starts: new Uint32Array(slot.memory.buffer, slot.memory.byteOffset, body.count + 1),
      bytes: slot.memory.subarray(offsetBytes, length),
    };
    return slot.body;
  }
}

/**
 * Buffer's own UTF-8 decoder (what `toString('utf8', start, end)` ends in, without its handling of the
 * arguments, which took as long as the decoding: ~40 ms of a 100k-line roster's 300k lookups).
 */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice(start: number, end: number): string })
  .utf8Slice;
function utf8(bytes: Buffer, start: number, end: number): string {
  return utf8Slice.call(bytes, start, end);
}

const EMPTY: Page = { bytes: Buffer.alloc(0), starts: new Uint32Array(1) };

function writeAll(fd: number, bytes: Buffer, at: number): void {
  for (let done = 0; done < bytes.length;)
    done += writeSync(fd, bytes, done, bytes.length - done, at + done);
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

const NO_BYTES = Buffer.alloc(0);
/** Bytes of the part searched for its root element before it is called damaged. */
const HEAD_BYTES = 64 * 1024;
const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const SI_OPEN = Buffer.from('<si');
const SI_CLOSE = Buffer.from('</si>');
/** Bytes of the end of the common item, `<si><t>text</t></si>`. */
const PLAIN_END = '</t></si>'.length;

/**
 * Reads `xl/sharedStrings.xml` chunk by chunk into a table: each `<si>` item's plain text (rich text
 * runs concatenated, phonetic runs left out). Fed bytes (`pushBytes`), it copies the common item,
 * `<si><t>text</t></si>` without entities, into the table as the file has it (UTF-8 both): no string
 * decoded and encoded again, no search per item (a 100k-line roster's 300k strings: the reading's time on
 * the main thread ~100 → ~50 ms, sampled; the 1M-line parse 5.2 → 4.5 s). Any other item is decoded and
 * read from its text, as `push` reads text; a table whose elements have a namespace prefix goes through
 * `push` whole.
 */
export class SharedStringsParser {
  private prefix: string | null = null;
  private carry = '';
  /** What the last chunk of bytes left unread (an item not finished yet, or the head before the root). */
  private carryBytes: Buffer = NO_BYTES;
  /** Set when the bytes go to `push` as text (a table with a namespace prefix). */
  private decoder: StringDecoder | null = null;

  readonly table: SharedStrings;

  constructor(table: SharedStrings) {
    this.table = table;
  }

  /** Feeds the next chunk of the part's bytes (not kept: the caller may reuse its memory). */
  pushBytes(chunk: Buffer): void {
    if (this.decoder) return this.push(this.decoder.write(chunk));
    if (this.prefix === null) {
      const head = this.carryBytes.length ? Buffer.concat([this.carryBytes, chunk]) : chunk;
      this.carryBytes = NO_BYTES;
      const p = rootPrefix(head.toString('utf8', 0, Math.min(head.length, HEAD_BYTES)), 'sst');
      if (p === null) {
        if (head.length > HEAD_BYTES) throw corrupt('the shared strings have no <sst> element');
        this.carryBytes = Buffer.from(head);
        return;
      }
      if (p !== '') {
        this.decoder = new StringDecoder('utf8');
        return this.push(this.decoder.write(head));
      }
      this.prefix = '';
      chunk = head;
    }
    let from = 0;
    if (this.carryBytes.length > 0) {
      // what was left, completed by this chunk up to its first item's end (not the whole chunk copied)
      const end = chunk.indexOf(SI_CLOSE);
      from = end < 0 ? chunk.length : end + SI_CLOSE.length;
      const joined = Buffer.concat([this.carryBytes, chunk.subarray(0, from)]);
      const left = this.items(joined);
      if (left < joined.length) {
        this.keep(Buffer.concat([joined.subarray(left), chunk.subarray(from)]));
        return;
      }
    }
    const rest = chunk.subarray(from);
    this.keep(rest.subarray(this.items(rest)));
  }

  private keep(rest: Buffer): void {
    if (rest.length > 16 * 1024 * 1024) throw corrupt('a shared string item has no end');
    this.carryBytes = rest.length ? Buffer.from(rest) : NO_BYTES;
  }

  /** Reads the complete items in `b` into the table; returns where the unread rest starts. */
  private items(b: Buffer): number {
    const len = b.length;
    let pos = 0;
    for (;;) {
      // the common item, right where the last one ended
      if (
        pos + 7 < len &&
        b[pos] === LT &&
        b[pos + 1] === 0x73 && // s
        b[pos + 2] === 0x69 && // i
        b[pos + 3] === GT &&
        b[pos + 4] === LT &&
        b[pos + 5] === 0x74 && // t
        b[pos + 6] === GT
      ) {
        let i = pos + 7;
        while (i < len && b[i] !== LT && b[i] !== AMP) i++;
        if (i + PLAIN_END > len) return pos;
        if (
          b[i] === LT &&
          b[i + 1] === SLASH &&
          b[i + 2] === 0x74 && // t
          b[i + 3] === GT &&
          b[i + 4] === LT &&
          b[i + 5] === SLASH &&
          b[i + 6] === 0x73 && // s
          b[i + 7] === 0x69 && // i
          b[i + 8] === GT
        ) {
          this.table.addUtf8(b, pos + 7, i);
          pos = i + PLAIN_END;
          continue;
        }
      }
      // any other item, read from its text
      const lt = b.indexOf(SI_OPEN, pos);
      if (lt < 0) return Math.max(pos, len - SI_OPEN.length);
      if (lt + SI_OPEN.length >= len) return lt;
      if (!endsName(b[lt + SI_OPEN.length]!)) {
        pos = lt + SI_OPEN.length;
        continue;
      }
      const gt = b.indexOf(GT, lt);
      if (gt < 0) return lt;
      if (b[gt - 1] === SLASH) {
        this.table.add('');
        pos = gt + 1;
        continue;
      }
      const end = b.indexOf(SI_CLOSE, gt);
      if (end < 0) return lt;
      const xml = b.toString('utf8', gt + 1, end);
      this.table.add(simpleText(xml, 0, xml.length, '') ?? runsText(xml, 0, xml.length, ''));
      pos = end + SI_CLOSE.length;
    }
  }

  /** Feeds the next piece of the part's text. */
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
    if (this.decoder) this.push(this.decoder.end());
    if (this.prefix === null && (this.carry.length > 0 || this.carryBytes.length > 0)) {
      throw corrupt('the shared strings have no <sst> element');
    }
    this.carry = '';
    this.carryBytes = NO_BYTES;
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
