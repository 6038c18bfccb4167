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

/** The [from, to) pieces of a text of `length` cut at the points `at` (taken modulo length + 1). */
function pieces(length: number, at: number[]): [number, number][] {
  const points = [...new Set(at.map((a) => a % (length + 1)))].sort((a, b) => a - b);
  const out: [number, number][] = [];
  let from = 0;
  for (const p of points) {
    out.push([from, p]);
    from = p;
  }
  out.push([from, length]);
  return out;
}

const cut = (text: string, at: number[]): string[] =>
  pieces(text.length, at).map(([from, to]) => text.slice(from, to));
const cutBytes = (bytes: Buffer, at: number[]): Buffer[] =>
  pieces(bytes.length, at).map(([from, to]) => bytes.subarray(from, to));

/** The table read from the pieces, fed as text or as bytes. */
function readSst(parts: (string | Buffer)[]): (string | undefined)[] {
  const table = new SharedStrings();
  const parser = new SharedStringsParser(table);
  for (const p of parts) {
    if (typeof p === 'string') parser.push(p);
    else parser.pushBytes(p);
  }
  parser.end();
  return Array.from({ length: table.count }, (_, i) => table.get(i));
}

/** Items of every form the byte reader meets: plain ones it copies, the rest it reads as text. */
const mixedItems: [string, string][] = [
  ['<si><t>Nguyễn Văn An</t></si>', 'Nguyễn Văn An'],
  ['<si><t>a&lt;/si&gt; &amp; b</t></si>', 'a</si> & b'],
  ['<si/>', ''],
  ['<si><t></t></si>', ''],
  ['<si><t xml:space="preserve"> Trần  </t></si>', ' Trần  '],
  [
    '\n  <si><r><t>Bùi </t></r><r><rPr><b/></rPr><t>Lan</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>',
    'Bùi Lan',
  ],
  ['<si><t>😀 &#x1F600; &#233;</t></si>', '😀 😀 é'],
  ['<si><t>&lt;</t></si>', '<'],
  ['<si><t>không dấu &gt; có dấu</t></si>', 'không dấu > có dấu'],
];

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

  it('reads every shared string whole from bytes, wherever they are cut (inside a character too)', () => {
    for (const prefix of ['', 'x']) {
      const bytes = Buffer.from(sstXml(prefix));
      expect(readSst([bytes])).toEqual(strings);
      fc.assert(fc.property(cuts, (at) => expect(readSst(cutBytes(bytes, at))).toEqual(strings)));
    }
    const items = fc.array(fc.constantFrom(...mixedItems), { maxLength: 40 });
    fc.assert(
      fc.property(items, cuts, (list, at) => {
        const xml = `<?xml version="1.0"?>\n<sst count="${list.length}">${list.map(([x]) => x).join('')}</sst>`;
        const expected = list.map(([, text]) => text);
        expect(readSst(cutBytes(Buffer.from(xml), at))).toEqual(expected);
        expect(readSst([xml])).toEqual(expected);
      }),
    );
  });
});
