import { corrupt } from './container.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from './limits.js';
import { ProblemCode, reject } from './problem.js';
import type { SharedStrings } from './shared-strings.js';
import type { SourceRow } from './source.js';
import { decodeXml, endsName, isTag, rootPrefix, runsText } from './xml-text.js';

/** Longest unfinished row kept between chunks before the sheet is called damaged. */
const MAX_PENDING_CHARS = 32 * 1024 * 1024;

/**
 * A hand-written scanner over a worksheet part's `<sheetData>`: `<row>` → `<c>` → `<v>`, `<f>`,
 * `<is>`. Text is fed chunk by chunk; complete rows come out, an unfinished one waits for the
 * next chunk. Values take exceljs' shapes (see SourceRow): numbers, strings (shared, inline and
 * formula strings), booleans, `{error}`, Dates for `t="d"`, `{formula, result}` for cells with a
 * formula (result absent when none was saved). Styles are not read: a date cell is its serial
 * number, as with exceljs' reader with styles ignored. No DTD is read and no entity expanded.
 */
export class SheetScanner {
  private prefix: string | null = null;
  private carry = '';
  private rowNumber = 0;
  private rowOpen = '<row';
  private rowClose = '</row>';
  private cName = 'c';
  private cClose = '</c>';
  private vName = 'v';
  private fName = 'f';
  private isName = 'is';
  private isClose = '</is>';

  private readonly sst: SharedStrings;
  /** Cells counted so far in the workbook (shared by its sheets' scanners). */
  private readonly total: { cells: number };
  /** `<c` seen in the text of a long row still open (checked before the row is parsed). */
  private pendingCells = 0;

  constructor(
    sst: SharedStrings,
    private readonly limits: ScanLimits = {
      sheet: null,
      maxCellsPerRow: EXCEL_MAX_COLUMNS,
      maxCells: Number.MAX_SAFE_INTEGER,
    },
    total: { cells: number } = { cells: 0 },
  ) {
    this.sst = sst;
    this.total = total;
  }

  private tooManyCellsInRow(row: number): Error {
    return reject(
      ProblemCode.TOO_MANY_CELLS_IN_ROW,
      `Row ${row} has more than ${this.limits.maxCellsPerRow.toLocaleString('en')} cells, more than any import needs. Delete the columns beyond the table and re-upload.`,
      { sheet: this.limits.sheet, row },
    );
  }

  /** Feeds the next piece of the part's text; appends the rows it completes to `out`. */
  push(text: string, out: SourceRow[]): void {
    if (this.prefix !== null && this.carry.length > 64 * 1024 && !this.completesRow(text)) {
      // A long row still open: gather its text without scanning it again for every chunk, counting its
      // cells as it comes (a row of a million cells is refused after the first thousand or so).
      this.pendingCells += countTags(text, `<${this.cName}`);
      if (this.pendingCells > this.limits.maxCellsPerRow + 1)
        throw this.tooManyCellsInRow(this.rowNumber + 1);
      this.carry += text;
      if (this.carry.length > MAX_PENDING_CHARS) {
        throw corrupt(`row ${this.rowNumber + 1} is too large`);
      }
      return;
    }
    const xml = this.carry === '' ? text : this.afterCarry(text, out);
    if (this.prefix === null && !this.findPrefix(xml)) {
      this.carry = xml;
      if (xml.length > 64 * 1024) throw corrupt('a worksheet has no <worksheet> element');
      return;
    }
    const keep = this.rows(xml, out);
    this.carry = keep < xml.length ? xml.slice(keep) : '';
    this.pendingCells = countTags(this.carry, `<${this.cName}`);
    if (this.pendingCells > this.limits.maxCellsPerRow + 1)
      throw this.tooManyCellsInRow(this.rowNumber + 1);
    if (this.carry.length > MAX_PENDING_CHARS)
      throw corrupt(`row ${this.rowNumber + 1} is too large`);
  }

  /**
   * The text to scan once the carry (the start of a row left open by the last chunk) is joined to
   * `text`: the row it starts is completed from the head of `text` and parsed on its own, and what
   * follows is scanned where it is, so the whole chunk is not copied to join it to a few hundred
   * characters (V8 flattens a joined string on its first search: a copy of every chunk).
   */
  private afterCarry(text: string, out: SourceRow[]): string {
    const close = this.rowClose;
    const k = this.prefix === null ? -1 : text.indexOf(close);
    if (k < 0) return this.carry + text;
    const head = this.carry + text.slice(0, k + close.length);
    const keep = this.rows(head, out);
    const rest = text.slice(k + close.length);
    return keep === head.length ? rest : head.slice(keep) + rest;
  }

  end(): void {
    if (this.prefix === null) throw corrupt('a worksheet has no <worksheet> element');
    this.carry = '';
  }

  /** Whether `text` may close the row left open in the carry (its end tag, perhaps split). */
  private completesRow(text: string): boolean {
    const close = this.rowClose;
    return (this.carry.slice(-close.length) + text).indexOf(close) >= 0;
  }

  private findPrefix(xml: string): boolean {
    const p = rootPrefix(xml, 'worksheet');
    if (p === null) return false;
    this.prefix = p;
    this.rowOpen = `<${p}row`;
    this.rowClose = `</${p}row>`;
    this.cName = `${p}c`;
    this.cClose = `</${p}c>`;
    this.vName = `${p}v`;
    this.fName = `${p}f`;
    this.isName = `${p}is`;
    this.isClose = `</${p}is>`;
    return true;
  }

  /** Parses the complete rows in `xml`; returns where the unconsumed rest starts. */
  private rows(xml: string, out: SourceRow[]): number {
    const open = this.rowOpen;
    let pos = 0;
    for (;;) {
      const lt = xml.indexOf(open, pos);
      if (lt < 0) return Math.max(pos, xml.length - open.length);
      if (lt + open.length >= xml.length) return lt;
      if (!endsName(xml.charCodeAt(lt + open.length))) {
        pos = lt + open.length;
        continue;
      }
      const gt = xml.indexOf('>', lt);
      if (gt < 0) return lt;
      rowRef(xml, lt + open.length, gt);
      const n = rFrom < 0 ? this.rowNumber + 1 : number(xml, rFrom, rTo);
      if (!(n >= 1)) throw corrupt(`a row is numbered "${xml.slice(rFrom, rTo).slice(0, 20)}"`);
      if (n > EXCEL_MAX_ROWS)
        throw reject(
          ProblemCode.ROW_BEYOND_LIMIT,
          `A row is numbered ${n.toLocaleString('en')}, beyond row ${EXCEL_MAX_ROWS.toLocaleString('en')}, the last one Excel has: the file was not written by Excel. Open it in Excel, save it again and re-upload.`,
          { sheet: this.limits.sheet, row: n },
        );
      let values: unknown[];
      if (xml.charCodeAt(gt - 1) === 47) {
        values = [];
        pos = gt + 1;
      } else {
        values = [];
        pos = this.cells(xml, gt + 1, values, n);
        if (pos < 0) return lt;
      }
      this.rowNumber = n;
      out.push({ number: n, values });
    }
  }

  /**
   * Reads the cells of a row from `from` (after its start tag) into `values`, character by
   * character; returns the position after `</row>`, or -1 when the text ends first.
   */
  private cells(xml: string, from: number, values: unknown[], row: number): number {
    const len = xml.length;
    const cName = this.cName;
    let col = 0;
    let count = 0;
    let i = from;
    for (;;) {
      while (i < len && xml.charCodeAt(i) !== 60) i++;
      if (i + 2 >= len) return -1;
      if (xml.charCodeAt(i + 1) === 47) {
        // An end tag here can only be the row's.
        if (i + this.rowClose.length > len) return -1;
        if (!xml.startsWith(this.rowClose, i))
          throw corrupt(`row ${this.rowNumber + 1} is not closed`);
        return i + this.rowClose.length;
      }
      if (!isTag(xml, i, cName)) {
        // Anything else in a row (an extension list) is skipped whole.
        i = skipElement(xml, i);
        if (i < 0) return -1;
        continue;
      }
      // Attributes: r (the column) and t (the type); the rest are passed over.
      i += cName.length + 1;
      let ref = 0;
      let t = '';
      let selfClosing = false;
      for (;;) {
        if (i >= len) return -1;
        const c = xml.charCodeAt(i);
        if (c === 62) {
          i++;
          break;
        }
        if (c === 47) {
          selfClosing = true;
          i += 2;
          break;
        }
        if (c === 32 || c === 9 || c === 10 || c === 13) {
          i++;
          continue;
        }
        const nameAt = i;
        while (i < len && xml.charCodeAt(i) !== 61) i++;
        const nameLen = i - nameAt;
        const q = xml.charCodeAt(i + 1);
        const valueAt = i + 2;
        i = valueAt;
        while (i < len && xml.charCodeAt(i) !== q) i++;
        if (i >= len) return -1;
        if (nameLen === 1) {
          const name = xml.charCodeAt(nameAt);
          if (name === 114) ref = columnOf(xml, valueAt, i);
          else if (name === 116) t = xml.slice(valueAt, i);
        }
        i++;
      }
      col = ref > 0 ? ref : col + 1;
      if (col > EXCEL_MAX_COLUMNS)
        throw reject(
          ProblemCode.COLUMN_BEYOND_XFD,
          `Row ${row} has a cell beyond column XFD (the ${EXCEL_MAX_COLUMNS.toLocaleString('en')}th), the last one Excel has: the file was not written by Excel. Open it in Excel, save it again and re-upload.`,
          { sheet: this.limits.sheet, row },
        );
      if (++count > this.limits.maxCellsPerRow) throw this.tooManyCellsInRow(row);
      if (++this.total.cells > this.limits.maxCells)
        throw reject(
          ProblemCode.TOO_MANY_CELLS,
          `The workbook has more than ${this.limits.maxCells.toLocaleString('en')} cells, the most one import accepts. Split it into smaller workbooks.`,
          { sheet: this.limits.sheet, row },
        );
      if (selfClosing) continue;
      const end = xml.indexOf(this.cClose, i);
      if (end < 0) return -1;
      const v = this.value(xml, i, end, t);
      if (v !== undefined) values[col] = v;
      i = end + this.cClose.length;
    }
  }

  /** The value of one `<c>` from its content [from, to) and its `t` attribute. */
  private value(xml: string, from: number, to: number, t: string): unknown {
    // The usual cell: `<v>…</v>` and nothing else.
    const vLen = this.vName.length;
    if (
      xml.charCodeAt(from) === 60 &&
      xml.charCodeAt(from + vLen + 1) === 62 &&
      xml.startsWith(this.vName, from + 1) &&
      xml.charCodeAt(to - vLen - 3) === 60 &&
      xml.charCodeAt(to - vLen - 2) === 47
    ) {
      return this.typed(xml, from + vLen + 2, to - vLen - 3, t);
    }
    let vFrom = -1;
    let vTo = -1;
    let formula: string | null = null;
    let pos = from;
    for (;;) {
      const lt = xml.indexOf('<', pos);
      if (lt < 0 || lt >= to) break;
      if (isTag(xml, lt, this.vName)) {
        const gt = xml.indexOf('>', lt);
        if (xml.charCodeAt(gt - 1) === 47) {
          pos = gt + 1;
          continue;
        }
        vFrom = gt + 1;
        vTo = xml.indexOf('<', vFrom);
        pos = vTo + 1;
      } else if (isTag(xml, lt, this.fName)) {
        const gt = xml.indexOf('>', lt);
        if (xml.charCodeAt(gt - 1) === 47) {
          formula = '';
          pos = gt + 1;
        } else {
          const e = xml.indexOf('<', gt);
          formula = decodeXml(xml.slice(gt + 1, e));
          pos = e + 1;
        }
      } else if (isTag(xml, lt, this.isName)) {
        const e = xml.indexOf(this.isClose, lt);
        if (e < 0 || e > to) return undefined;
        return runsText(xml, lt, e, this.prefix!);
      } else {
        pos = lt + 1;
      }
    }
    if (formula !== null) {
      const f: { formula: string; result?: unknown } = { formula };
      if (vFrom >= 0) f.result = this.typed(xml, vFrom, vTo, t);
      return f;
    }
    return vFrom < 0 ? undefined : this.typed(xml, vFrom, vTo, t);
  }

  private typed(xml: string, from: number, to: number, t: string): unknown {
    if (t === '' || t === 'n') return from === to ? undefined : number(xml, from, to);
    switch (t) {
      case 's':
        return this.sst.get(number(xml, from, to));
      case 'str':
      case 'inlineStr':
        return decodeXml(xml.slice(from, to));
      case 'b':
        return number(xml, from, to) !== 0;
      case 'e':
        return { error: decodeXml(xml.slice(from, to)) };
      case 'd':
        return new Date(xml.slice(from, to));
      default:
        return from === to ? undefined : number(xml, from, to);
    }
  }
}

/** What a scanner refuses: cells per row, cells in the workbook; `sheet` names the sheet in problems. */
export interface ScanLimits {
  sheet: string | null;
  maxCellsPerRow: number;
  maxCells: number;
}

/** How many times `tag` (`<c`, then a space, `>` or `/`) starts in `text`. */
function countTags(text: string, tag: string): number {
  let n = 0;
  for (let i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + tag.length)) {
    if (endsName(text.charCodeAt(i + tag.length))) n++;
  }
  return n;
}

/** Integers digit by digit (no substring); anything else through parseFloat. */
function number(xml: string, from: number, to: number): number {
  if (to - from < 16) {
    let n = 0;
    let i = from;
    for (; i < to; i++) {
      const d = xml.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === to && to > from) return n;
  }
  return parseFloat(xml.slice(from, to));
}

/** Past the element starting at `lt` (its end tag, or the `>` of an empty one); -1 if cut short. */
function skipElement(xml: string, lt: number): number {
  const gt = xml.indexOf('>', lt);
  if (gt < 0) return -1;
  if (xml.charCodeAt(gt - 1) === 47) return gt + 1;
  let nameEnd = lt + 1;
  while (nameEnd < gt && !endsName(xml.charCodeAt(nameEnd))) nameEnd++;
  const close = `</${xml.slice(lt + 1, nameEnd)}>`;
  const at = xml.indexOf(close, gt);
  return at < 0 ? -1 : at + close.length;
}

// rowRef's result: where the value of a row's `r` attribute is in the text (-1 when absent).
let rFrom = -1;
let rTo = -1;

/** Finds the `r` attribute among the attributes of a start tag, in [from, to) of `xml`. */
function rowRef(xml: string, from: number, to: number): void {
  rFrom = rTo = -1;
  let i = from;
  while (i < to) {
    const c = xml.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) {
      i++;
      continue;
    }
    const eq = xml.indexOf('=', i);
    if (eq < 0 || eq >= to) return;
    const q = xml.charCodeAt(eq + 1);
    const vEnd = xml.indexOf(q === 39 ? "'" : '"', eq + 2);
    if (vEnd < 0 || vEnd > to) return;
    if (eq - i === 1 && xml.charCodeAt(i) === 114) {
      rFrom = eq + 2;
      rTo = vEnd;
      return;
    }
    i = vEnd + 1;
  }
}

/** `AB12` → 28; 0 when the reference has no column letters. */
function columnOf(xml: string, from: number, to: number): number {
  let col = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}
