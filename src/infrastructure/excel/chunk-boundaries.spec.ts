import fc from 'fast-check';
import { SharedStrings, SharedStringsParser } from './shared-strings.js';
import { SheetScanner } from './sheet-scanner.js';
import type { SourceRow } from './source.js';

/**
 * The sheet scanner joins what one chunk left open to the next without copying the whole next chunk
 * (the open row is completed from its head and read on its own): wherever the text is cut, it reads
 * what it reads from it whole; so does the shared-strings parser.
 */
const strings = ['Nguyễn Văn An', 'a</si', 'x', '', 'Trần Thị 😀 Bình', '</row> in text'];
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function sstXml(prefix: string): string {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? ` xmlns:${prefix}="urn:x"` : '';
  const items = strings.map((s, i) =>
    i === 3 ? `<${p}si/>` : `<${p}si><${p}t>${escape(s)}</${p}t></${p}si>`,
  );
  return `<?xml version="1.0"?><${p}sst${ns} count="${strings.length}">${items.join('')}</${p}sst>`;
}

function sheetXml(rows: number): string {
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) {
    body.push(
      `<row r="${r}"><c r="A${r}" t="s"><v>${r % strings.length}</v></c><c r="B${r}"><v>${r * 1000}</v></c>` +
        `<c r="C${r}" t="inlineStr"><is><t>${escape(`dòng ${r} </row>`)}</t></is></c></row>`,
    );
  }
  return `<?xml version="1.0"?><worksheet><sheetData>${body.join('')}</sheetData></worksheet>`;
}

function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

function readSst(parts: string[]): (string | undefined)[] {
  const table = new SharedStrings();
  const parser = new SharedStringsParser(table);
  parts.forEach((p) => parser.push(p));
  parser.end();
  return Array.from({ length: table.count }, (_, i) => table.get(i));
}

function readSheet(parts: string[]): SourceRow[] {
  const sst = new SharedStrings();
  strings.forEach((s) => sst.add(s));
  sst.seal();
  const scanner = new SheetScanner(sst);
  const out: SourceRow[] = [];
  parts.forEach((p) => scanner.push(p, out));
  scanner.end();
  return out;
}

describe('chunk boundaries', () => {
  const sheet = sheetXml(40);
  const whole = readSheet([sheet]);
  const cuts = fc.array(fc.nat(), { maxLength: 60 });

  it('reads every row of a sheet whole, wherever its text is cut', () => {
    expect(whole).toHaveLength(40);
    expect(whole[1]!.values.slice(1)).toEqual([strings[2], 2000, 'dòng 2 </row>']);
    fc.assert(fc.property(cuts, (at) => expect(readSheet(cut(sheet, at))).toEqual(whole)));
  });

  it('reads every shared string whole, wherever the text is cut, with or without a prefix', () => {
    for (const prefix of ['', 'x']) {
      const xml = sstXml(prefix);
      expect(readSst([xml])).toEqual(strings);
      fc.assert(fc.property(cuts, (at) => expect(readSst(cut(xml, at))).toEqual(strings)));
    }
  });
});
