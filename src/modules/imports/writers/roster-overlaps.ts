import { closeSync, readSync, writeSync } from 'node:fs';
import { makePeriod, periodIndex } from '../../../domain/dates.js';
import { openSpillFile } from '../../../infrastructure/excel/shared-strings.js';

const BASE = periodIndex('1900-01');
const OPEN = 0xffff; // a to-month index no period reaches: the line continues
const SI_NUMBERS = 1e10; // SI numbers are ten digits (parseSiNumber)
const MAX_LOAD = 0.75;

/**
 * The months each person (unit + SI number) already has lines for in this file, to refuse a line that
 * overlaps an earlier one. Kept off the JS heap in an open-addressing table of typed arrays, 12 bytes a
 * slot (a float64 key: unit index × 10¹⁰ + SI number; a uint32 span: from and to month, 16 bits each,
 * counted from 1900-01). The rare person with several lines keeps the further spans in a small map.
 * Memory grows with the people it holds: a whole file's worth is for the commit of a batch parsed before
 * OverlapScan existed; otherwise it holds one partition of OverlapScan's.
 */
export class RosterIntervals {
  private readonly units = new Map<string, number>();
  private keys = new Float64Array(1 << 12);
  private spans = new Uint32Array(1 << 12);
  private used = 0;
  private readonly more = new Map<number, number[]>();

  /** Records the interval; false when it overlaps one already recorded for the same person. */
  add(unitCode: string, siNumber: string, fromMonth: string, toMonth: string | null): boolean {
    let unit = this.units.get(unitCode);
    if (unit === undefined) this.units.set(unitCode, (unit = this.units.size));
    return this.addPacked(personKey(unit, siNumber), packSpan(fromMonth, toMonth));
  }

  /** The same with the person and months already packed (personKey, packSpan). */
  addPacked(person: number, span: number): boolean {
    const key = person + 1; // 0 marks an empty slot
    const slot = this.find(key);
    if (this.keys[slot] === 0) {
      this.keys[slot] = key;
      this.spans[slot] = span;
      if (++this.used > this.keys.length * MAX_LOAD) this.grow();
      return true;
    }
    const further = this.more.get(key);
    if (overlaps(this.spans[slot]!, span) || further?.some((s) => overlaps(s, span))) return false;
    if (further) further.push(span);
    else this.more.set(key, [span]);
    return true;
  }

  /** Forgets every person, keeping the table's size (one table serves partition after partition). */
  clear(): void {
    this.keys.fill(0);
    this.units.clear();
    this.used = 0;
    this.more.clear();
  }

  /** The slot holding `key`, or the empty slot where it goes (linear probing). */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = mix(key) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, spans } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.spans = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.find(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.spans[slot] = spans[i]!;
    }
  }
}

/** A line OverlapScan refused: it shares a month with an earlier line of the same person. */
export interface Overlap {
  sheet: string;
  row: number;
  unitCode: string;
  siNumber: string;
  fromMonth: string;
  toMonth: string | null;
  /** The line passed the other checks when it was read (its unit was registered). */
  accepted: boolean;
}

const PARTS = 256;
const ENTRY = 19; // float64 person, uint32 span, uint16 sheet, uint32 row, uint8 accepted
const BLOCK = 862 * ENTRY; // ~16 KB a partition in memory

/**
 * RosterIntervals' rule for a file of any size in bounded memory. Lines are only recorded while the
 * file streams: each goes to one of 256 partitions by person, a 16 KB buffer per partition, full
 * buffers appended to an unlinked temporary file. `overlaps()` then reads the partitions back one at a
 * time and checks each in file order with a RosterIntervals of its own, so what is held is the buffers
 * (4 MB) and one partition's people (~1/256 of the file's), whatever the number of lines. The verdict
 * is the streaming one's: a line is refused when it overlaps an earlier line of the person that was
 * not itself refused.
 */
export class OverlapScan {
  private readonly units: string[] = [];
  private readonly unitIndex = new Map<string, number>();
  private readonly sheets: string[] = [];
  private readonly sheetIndex = new Map<string, number>();
  private readonly buffers: Buffer[] = [];
  private readonly fill = new Uint32Array(PARTS);
  private readonly blocks: number[][] = Array.from({ length: PARTS }, () => []);
  private fd = -1;
  private fileSize = 0;

  add(
    line: { sheet: string; row: number; unitCode: string; siNumber: string },
    fromMonth: string,
    toMonth: string | null,
    accepted: boolean,
  ): void {
    const person = personKey(indexOf(this.unitIndex, this.units, line.unitCode), line.siNumber);
    const part = mix(person) & (PARTS - 1);
    let buf = this.buffers[part];
    if (!buf) buf = this.buffers[part] = Buffer.allocUnsafe(BLOCK);
    let at = this.fill[part]!;
    at = buf.writeDoubleLE(person, at);
    at = buf.writeUInt32LE(packSpan(fromMonth, toMonth), at);
    at = buf.writeUInt16LE(indexOf(this.sheetIndex, this.sheets, line.sheet), at);
    at = buf.writeUInt32LE(line.row, at);
    at = buf.writeUInt8(accepted ? 1 : 0, at);
    if (at === BLOCK) {
      if (this.fd < 0) this.fd = openSpillFile('sothu-overlaps-');
      writeSync(this.fd, buf, 0, BLOCK, this.fileSize);
      this.blocks[part]!.push(this.fileSize);
      this.fileSize += BLOCK;
      at = 0;
    }
    this.fill[part] = at;
  }

  /** The refused lines, in file order (sheet by sheet, row by row). Call once, at the end. */
  overlaps(): Overlap[] {
    const out: (Overlap & { sheetNo: number })[] = [];
    const block = Buffer.allocUnsafe(BLOCK);
    const seen = new RosterIntervals();
    try {
      for (let part = 0; part < PARTS; part++) {
        seen.clear();
        const check = (buf: Buffer, end: number) => {
          for (let at = 0; at < end; at += ENTRY) {
            const person = buf.readDoubleLE(at);
            const span = buf.readUInt32LE(at + 8);
            if (seen.addPacked(person, span)) continue;
            const sheetNo = buf.readUInt16LE(at + 12);
            out.push({
              sheetNo,
              sheet: this.sheets[sheetNo]!,
              row: buf.readUInt32LE(at + 14),
              unitCode: this.units[Math.floor(person / SI_NUMBERS)]!,
              siNumber: String(person % SI_NUMBERS).padStart(10, '0'),
              ...unpackSpan(span),
              accepted: buf[at + 18] === 1,
            });
          }
        };
        for (const offset of this.blocks[part]!) {
          readSync(this.fd, block, 0, BLOCK, offset);
          check(block, BLOCK);
        }
        if (this.buffers[part]) check(this.buffers[part], this.fill[part]!);
      }
    } finally {
      this.close();
    }
    return out
      .sort((a, b) => a.sheetNo - b.sheetNo || a.row - b.row)
      .map(({ sheetNo: _n, ...o }) => o);
  }

  /** Lets the buffers and the temporary file go. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.buffers.length = 0;
  }
}

function indexOf(index: Map<string, number>, list: string[], value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    index.set(value, (i = list.length));
    list.push(value);
  }
  return i;
}

/** One number per person: the unit's index in this file × 10¹⁰ + the SI number. */
function personKey(unit: number, siNumber: string): number {
  return unit * SI_NUMBERS + Number(siNumber);
}

/** A hash of a key: the high and low parts mixed (keys of one unit are near-consecutive SI numbers). */
function mix(key: number): number {
  return Math.imul((key % 0x100000000) ^ Math.floor(key / 0x100000000), 0x9e3779b1) >>> 0;
}

function packSpan(fromMonth: string, toMonth: string | null): number {
  const from = periodIndex(fromMonth) - BASE;
  const to = toMonth === null ? OPEN : periodIndex(toMonth) - BASE;
  if (from < 0 || from >= OPEN || to < 0 || to > OPEN)
    throw new RangeError(`roster months out of range: ${fromMonth}–${toMonth ?? ''}`);
  return ((from << 16) | to) >>> 0;
}

function unpackSpan(span: number): { fromMonth: string; toMonth: string | null } {
  const month = (i: number) => makePeriod(Math.floor((BASE + i) / 12), ((BASE + i) % 12) + 1);
  const to = span & 0xffff;
  return { fromMonth: month(span >>> 16), toMonth: to === OPEN ? null : month(to) };
}

function overlaps(a: number, b: number): boolean {
  return a >>> 16 <= (b & 0xffff) && b >>> 16 <= (a & 0xffff);
}
