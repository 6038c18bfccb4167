import * as XLSX from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorkbook, tempDir } from '../../../test/fixtures/workbooks/build-workbook.js';
import { cellText } from './cell-value.util.js';
import { resolveLimits } from './limits.js';
import { openWorkbook } from './open-workbook.js';
import { ProblemCode, WorkbookRejectedError } from './problem.js';
import { SharedStrings } from './shared-strings.js';
import type { SourceRow, WorkbookSource } from './source.js';
import { openXlsxSource, resolvePart } from './xlsx-source.js';

const dir = tempDir();
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = `${R_NS}/`;

interface Sheet {
  name: string;
  /** The worksheet part's whole XML, or its `<sheetData>` content. */
  xml: string;
  part?: string;
}

/** A hand-made package: exactly the XML given, nothing exceljs would normalise. */
function pkg(
  file: string,
  sheets: Sheet[],
  opts: {
    sst?: string;
    workbookPr?: string;
    compress?: boolean;
    extra?: Record<string, string>;
  } = {},
): string {
  const zip = XLSX.CFB.utils.cfb_new();
  const add = (name: string, xml: string) => XLSX.CFB.utils.cfb_add(zip, name, Buffer.from(xml));
  const rels = sheets.map(
    (s, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}worksheet" Target="${s.part ?? `worksheets/sheet${i + 1}.xml`}"/>`,
  );
  if (opts.sst !== undefined) {
    rels.push(`<Relationship Id="rIdS" Type="${REL}sharedStrings" Target="sharedStrings.xml"/>`);
    add('xl/sharedStrings.xml', opts.sst);
  }
  add(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R_NS}">${opts.workbookPr ?? ''}<sheets>${sheets
      .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  add(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  sheets.forEach((s, i) => {
    const xml = s.xml.includes('worksheet')
      ? s.xml
      : `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${s.xml}</sheetData></worksheet>`;
    const part = resolvePart('xl/', s.part ?? `worksheets/sheet${i + 1}.xml`);
    add(part, xml);
  });
  for (const [name, xml] of Object.entries(opts.extra ?? {})) add(name, xml);
  const bytes = XLSX.CFB.write(zip, {
    type: 'buffer',
    fileType: 'zip',
    compression: opts.compress ?? true,
  }) as Buffer;
  const path = join(dir, file);
  writeFileSync(path, bytes);
  return path;
}

async function read(src: WorkbookSource): Promise<{ name: string; rows: SourceRow[] }[]> {
  const out: { name: string; rows: SourceRow[] }[] = [];
  for await (const s of src.sheets()) {
    const rows: SourceRow[] = [];
    for await (const c of s.rows()) rows.push(...c);
    out.push({ name: s.name, rows });
  }
  return out;
}

const open = async (path: string) => read(await openWorkbook(path));

/** Row number → values with the holes dropped (1-based column → value). */
function cells(rows: SourceRow[]): Record<number, Record<number, unknown>> {
  const out: Record<number, Record<number, unknown>> = {};
  for (const r of rows) out[r.number] = Object.fromEntries(Object.entries(r.values));
  return out;
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbookRejectedError);
    return (err as WorkbookRejectedError).problems[0]!.code;
  }
  return 'accepted';
}

describe('xlsx source: values', () => {
  it('reads numbers, booleans, errors, ISO dates and plain strings in exceljs shapes', async () => {
    const path = pkg('values.xlsx', [
      {
        name: 'S',
        xml:
          '<row r="1"><c r="A1"><v>42</v></c><c r="B1"><v>-1.5E3</v></c><c r="C1" t="b"><v>1</v></c>' +
          '<c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="d"><v>2026-04-30T00:00:00Z</v></c>' +
          '<c r="G1" t="str"><v>a &amp; b</v></c><c r="H1" s="3"/><c r="I1"><v></v></c><c r="J1" t="n"><v>1234567890123456</v></c><c r="K1"><v>1.5E+20</v></c></row>',
      },
    ]);
    const [s] = await open(path);
    expect(cells(s!.rows)[1]).toEqual({
      1: 42,
      2: -1500,
      3: true,
      4: false,
      5: { error: '#N/A' },
      6: new Date('2026-04-30T00:00:00Z'),
      7: 'a & b',
      10: 1234567890123456,
      11: 1.5e20,
    });
  });

  it('reads inline strings, rich inline runs and entities', async () => {
    const path = pkg('inline.xlsx', [
      {
        name: 'S',
        xml:
          '<row r="2"><c r="A2" t="inlineStr"><is><t>Mã đơn vị</t></is></c>' +
          '<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>Công</t></r><r><t xml:space="preserve"> ty &lt;A&gt; &#x1EA0;&#65;</t></r></is></c>' +
          '<c r="C2" t="inlineStr"><is><t/></is></c></row>',
      },
    ]);
    const [s] = await open(path);
    expect(cells(s!.rows)[2]).toEqual({ 1: 'Mã đơn vị', 2: 'Công ty <A> ẠA', 3: '' });
  });

  it('resolves shared strings: rich text joined, phonetic runs left out, odd items kept in place', async () => {
    const sst =
      `<?xml version="1.0"?><sst xmlns="${NS}" count="6" uniqueCount="6">` +
      '<si><t>plain</t></si>' +
      '<si><r><t>Nguyễn </t></r><r><rPr><i/></rPr><t>Văn A</t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si/>' +
      '<si><t xml:space="preserve">  spaced  </t></si>' +
      '<si><t>R&amp;D &quot;x&quot;</t></si></sst>';
    const path = pkg(
      'sst.xlsx',
      [
        {
          name: 'S',
          xml:
            '<row r="1">' +
            [0, 1, 2, 3, 4, 5, 99]
              .map((i, c) => `<c r="${String.fromCharCode(65 + c)}1" t="s"><v>${i}</v></c>`)
              .join('') +
            '</row>',
        },
      ],
      { sst },
    );
    const [s] = await open(path);
    expect(cells(s!.rows)[1]).toEqual({
      1: 'plain',
      2: 'Nguyễn Văn A',
      3: '東京',
      4: '',
      5: '  spaced  ',
      6: 'R&D "x"',
    });
  });

  it('gives formulas their cached result, or none when none was saved', async () => {
    const path = pkg('formulas.xlsx', [
      {
        name: 'S',
        xml:
          '<row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>7</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
          '<c r="C1" t="b"><f>TRUE()</f><v>1</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
          '<c r="E1"><f>A1*2</f></c><c r="F1"><f t="shared" ref="F1:F2" si="0">A1+1</f><v>8</v></c></row>' +
          '<row r="2"><c r="F2"><f t="shared" si="0"/><v>9</v></c></row>',
      },
    ]);
    const [s] = await open(path);
    const c = cells(s!.rows);
    expect(c[1]).toEqual({
      1: { formula: 'SUM(B1:C1)', result: 7 },
      2: { formula: '"a"&"b"', result: 'ab' },
      3: { formula: 'TRUE()', result: true },
      4: { formula: '1/0', result: { error: '#DIV/0!' } },
      5: { formula: 'A1*2' },
      6: { formula: 'A1+1', result: 8 },
    });
    expect(c[2]).toEqual({ 6: { formula: '', result: 9 } });
    expect([7, 'ab', true].map((_, i) => cellText(c[1]![i + 1]))).toEqual(['7', 'ab', 'true']);
  });

  it('numbers rows and cells without references from the previous one, and keeps gaps', async () => {
    const path = pkg('norefs.xlsx', [
      {
        name: 'S',
        xml:
          '<row><c><v>1</v></c><c><v>2</v></c></row>\n  <row r="5" spans="1:3">\n' +
          '<c r="C5"><v>3</v></c> <c><v>4</v></c></row><row/><row r="9" ht="20"></row>',
      },
    ]);
    const [s] = await open(path);
    expect(s!.rows.map((r) => r.number)).toEqual([1, 5, 6, 9]);
    expect(cells(s!.rows)[1]).toEqual({ 1: 1, 2: 2 });
    expect(cells(s!.rows)[5]).toEqual({ 3: 3, 4: 4 });
  });

  it('reads a row longer than many inflated chunks', async () => {
    const long = 'Trường '.repeat(60_000);
    const path = pkg('long-row.xlsx', [
      {
        name: 'S',
        xml:
          `<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c><c r="B1"><v>1</v></c></row>` +
          '<row r="2"><c r="A2"><v>2</v></c></row>',
      },
    ]);
    const [s] = await open(path);
    expect(cells(s!.rows)).toEqual({ 1: { 1: long, 2: 1 }, 2: { 1: 2 } });
  });

  it('reads sheets written with a namespace prefix', async () => {
    const xml =
      `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1">` +
      '<x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c>' +
      '</x:row></x:sheetData></x:worksheet>';
    const [s] = await open(pkg('prefixed.xlsx', [{ name: 'S', xml }]));
    expect(cells(s!.rows)[1]).toEqual({ 1: 'prefixed', 2: 2 });
  });
});

describe('xlsx source: the workbook', () => {
  it('gives sheets in workbook order with their names, whatever their part names', async () => {
    const path = pkg('order.xlsx', [
      {
        name: 'Tổng hợp',
        xml: '<row r="1"><c r="A1"><v>1</v></c></row>',
        part: 'worksheets/sheet3.xml',
      },
      {
        name: 'R&amp;D',
        xml: '<row r="1"><c r="A1"><v>2</v></c></row>',
        part: '/xl/worksheets/sheet1.xml',
      },
      {
        name: 'Danh sách',
        xml: '<row r="1"><c r="A1"><v>3</v></c></row>',
        part: 'worksheets/../worksheets/sheet2.xml',
      },
    ]);
    const sheets = await open(path);
    expect(sheets.map((s) => [s.name, s.rows[0]!.values[1]])).toEqual([
      ['Tổng hợp', 1],
      ['R&D', 2],
      ['Danh sách', 3],
    ]);
  });

  it('reads the 1904 date system', async () => {
    const sheet = [{ name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }];
    for (const [pr, expected] of [
      ['<workbookPr date1904="1"/>', true],
      ['<workbookPr date1904="true" defaultThemeVersion="124226"/>', true],
      ['<workbookPr date1904="0"/>', false],
      ['', false],
    ] as const) {
      const src = await openWorkbook(
        pkg(`d1904-${expected}-${pr.length}.xlsx`, sheet, { workbookPr: pr }),
      );
      await read(src);
      expect(src.date1904).toBe(expected);
    }
  });

  it('reads stored (uncompressed) parts too', async () => {
    const path = pkg(
      'stored.xlsx',
      [{ name: 'S', xml: '<row r="1"><c r="A1"><v>5</v></c></row>' }],
      {
        compress: false,
      },
    );
    expect(cells((await open(path))[0]!.rows)[1]).toEqual({ 1: 5 });
  });

  it('reads a workbook exceljs wrote, across many chunks, as it was written', async () => {
    // exceljs' own streaming reader garbles a multi-byte character split between two chunks
    // ("Nguy���n"); the expected values here are the ones written.
    const rows: unknown[][] = [
      ['Mã đơn vị', 'Họ và tên', 'Mức lương', 'Ghi chú', 'Công thức', 'Có'],
    ];
    const expected: string[][] = [rows[0] as string[]];
    for (let i = 0; i < 6000; i++) {
      const salary = 5_310_000 + i * 10_000.5;
      const note = i % 3 === 0 ? null : `ghi chú ${'x'.repeat(i % 40)} "${i}"`;
      rows.push([
        `TC${String(i).padStart(4, '0')}C`,
        { richText: [{ text: 'Nguyễn ' }, { font: { bold: true }, text: `Thị ${i} <&>` }] },
        salary,
        note,
        { formula: `C${i + 2}*2`, result: salary * 2 },
        i % 2 === 0,
      ]);
      expected.push([
        `TC${String(i).padStart(4, '0')}C`,
        `Nguyễn Thị ${i} <&>`,
        String(salary),
        note ?? '',
        String(salary * 2),
        String(i % 2 === 0),
      ]);
    }
    const path = await buildWorkbook(dir, 'many-chunks.xlsx', [{ name: 'Danh sách', rows }]);
    const ours = (await open(path))[0]!.rows;
    expect(ours.map((r) => r.number)).toEqual(expected.map((_, i) => i + 1));
    expect(ours.map((r) => [1, 2, 3, 4, 5, 6].map((c) => cellText(r.values[c])))).toEqual(expected);
  });
});

describe('xlsx source: protections', () => {
  it('does not expand entities declared in a DTD', async () => {
    const lol =
      `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "EXPANDED"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
      `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c>` +
      '<c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>';
    const sst = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "EXPANDED">]><sst xmlns="${NS}"><si><t>x&a;y</t></si></sst>`;
    const [s] = await open(pkg('dtd.xlsx', [{ name: 'S', xml: lol }], { sst }));
    expect(cells(s!.rows)[1]).toEqual({ 1: '&b;', 2: 'x&a;y' });
  });

  it('counts the shared strings and the sheets against the inflated-size budget', async () => {
    const sst = `<sst xmlns="${NS}"><si><t>${'x'.repeat(30_000)}</t></si></sst>`;
    const path = pkg(
      'sst-bomb.xlsx',
      [{ name: 'S', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
      {
        sst,
      },
    );
    const limits = resolveLimits({ maxUncompressedBytes: 20_000 });
    expect(await rejection(read(openXlsxSource(path, limits)))).toBe(
      ProblemCode.UNCOMPRESSED_TOO_LARGE,
    );
    expect(await rejection(read(openXlsxSource(path, resolveLimits())))).toBe('accepted');
  });

  it('refuses a part whose checksum does not match', async () => {
    const path = pkg('crc.xlsx', [{ name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }], {
      compress: false,
    });
    const bytes = readFileSync(path);
    const at = bytes.indexOf('<v>1</v>');
    bytes[at + 3] = '2'.charCodeAt(0);
    writeFileSync(path, bytes);
    expect(await rejection(open(path))).toBe(ProblemCode.CORRUPT_FILE);
  });

  it('refuses sheets that are not XML the scanner can follow', async () => {
    const bad = pkg('bad.xlsx', [
      { name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c></cell></row>' },
    ]);
    expect(await rejection(open(bad))).toBe(ProblemCode.CORRUPT_FILE);
    const noRoot = pkg('noroot.xlsx', [{ name: 'S', xml: 'just text, no worksheet' }]);
    expect(await rejection(open(noRoot))).toBe(ProblemCode.CORRUPT_FILE);
    const badRow = pkg('badrow.xlsx', [
      { name: 'S', xml: '<row r="x"><c r="A1"><v>1</v></c></row>' },
    ]);
    expect(await rejection(open(badRow))).toBe(ProblemCode.CORRUPT_FILE);
  });
});

describe('shared-string table', () => {
  it('keeps strings across pages, spills past the first pages and finds each by index', () => {
    const t = new SharedStrings();
    const all: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const s = i % 1000 === 0 ? 'ư'.repeat(9000) : `${i % 3 ? 'Trần Thị' : 'Nguyen'} ${i}`;
      t.add(s);
      all.push(s);
    }
    t.seal();
    try {
      expect(t.count).toBe(all.length);
      expect(t.pageCount.spilled).toBeGreaterThan(0);
      const wrong: number[] = [];
      // In order (as rows use it), then jumping about.
      for (let i = 0; i < all.length; i++) if (t.get(i) !== all[i]) wrong.push(i);
      for (let k = 0; k < 5000; k++) {
        const i = (k * 7919) % all.length;
        if (t.get(i) !== all[i]) wrong.push(i);
      }
      expect(wrong).toEqual([]);
      expect(t.get(all.length)).toBeUndefined();
      expect(t.get(-1)).toBeUndefined();
    } finally {
      t.close();
    }
  });

  it('pages by count as well as by bytes: empty strings take no bytes', () => {
    const t = new SharedStrings();
    const all: string[] = [];
    for (let i = 0; i < 400_000; i++) {
      const s = i % 50_000 === 7 ? `mốc ${i}` : '';
      t.add(s);
      all.push(s);
    }
    try {
      // before sealing, the strings of the page being filled are found too
      expect(t.get(all.length - 1)).toBe('');
      expect(t.get(350_007)).toBe('mốc 350007');
      t.seal();
      expect(t.pageCount.spilled).toBeGreaterThan(0);
      const wrong: number[] = [];
      for (let i = all.length - 1; i >= 0; i--) if (t.get(i) !== all[i]) wrong.push(i);
      expect(wrong).toEqual([]);
    } finally {
      t.close();
    }
  });
});
