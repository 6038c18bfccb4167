import * as XLSX from '@e965/xlsx';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildWorkbook,
  sharedFixture,
  tempDir,
} from '../../../test/fixtures/workbooks/build-workbook.js';
import { DEFAULT_WORKBOOK_LIMITS, resolveLimits, type WorkbookLimits } from './limits.js';
import { openWorkbook } from './open-workbook.js';
import { ProblemCode, WorkbookRejectedError } from './problem.js';
import { openXlsxSource } from './xlsx-source.js';
import type { WorkbookSource } from './source.js';

const dir = tempDir();

async function drain(src: WorkbookSource): Promise<number> {
  let rows = 0;
  for await (const s of src.sheets()) for await (const c of s.rows()) rows += c.length;
  return rows;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbookRejectedError);
    const e = err as WorkbookRejectedError;
    expect(e.problems[0]!.level).toBe('structural');
    expect(e.problems[0]!.message.length).toBeGreaterThan(20);
    return e.problems[0]!.code;
  }
  return 'accepted';
}

const open = (path: string, limits?: Partial<WorkbookLimits>) =>
  openWorkbook(path, limits).then(drain);

function file(name: string, content: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('structural rejections', () => {
  let big: string;
  beforeAll(async () => {
    const rows: unknown[][] = [['Mã đơn vị', 'Tên đơn vị']];
    for (let i = 0; i < 300; i++)
      rows.push([`TC${String(i).padStart(4, '0')}C`, 'Công ty '.repeat(20) + i]);
    big = await buildWorkbook(dir, 'big.xlsx', [{ name: 'S', rows }]);
  });

  it('accepts a normal workbook', async () => {
    expect(await open(big)).toBe(301);
  });

  it('refuses a text file, an empty file and a CSV', async () => {
    expect(await codeOf(open(file('a.xlsx', 'hello world')))).toBe(ProblemCode.NOT_A_WORKBOOK);
    expect(await codeOf(open(file('empty.xlsx', '')))).toBe(ProblemCode.NOT_A_WORKBOOK);
    expect(await codeOf(open(file('a.csv', 'madvi,tendvi\nTC0001C,A\n')))).toBe(
      ProblemCode.NOT_A_WORKBOOK,
    );
  });

  it('refuses a corrupt zip', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(big);
    expect(await codeOf(open(file('truncated.xlsx', bytes.subarray(0, bytes.length / 2))))).toBe(
      ProblemCode.CORRUPT_FILE,
    );
    const garbled = Buffer.from(bytes);
    for (let i = 200; i < garbled.length - 2000; i += 7) garbled[i] = garbled[i]! ^ 0x5a;
    expect(await codeOf(open(file('garbled.xlsx', garbled)))).toBe(ProblemCode.CORRUPT_FILE);
  });

  it('refuses a zip that is not an Excel package', async () => {
    const zip = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(zip, 'word/document.xml', Buffer.from('<w:document/>'));
    const bytes = XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip' }) as Buffer;
    expect(await codeOf(open(file('doc.docx', bytes)))).toBe(ProblemCode.NOT_A_WORKBOOK);
  });

  it('refuses a password-protected workbook (OLE container with EncryptedPackage)', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.alloc(200, 1));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(9000, 2));
    const bytes = XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
    expect(await codeOf(open(file('locked.xlsx', bytes)))).toBe(ProblemCode.ENCRYPTED_FILE);
  });

  it('refuses an OLE file that is not a workbook', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'WordDocument', Buffer.alloc(5000, 3));
    const bytes = XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
    expect(await codeOf(open(file('a.doc', bytes)))).toBe(ProblemCode.NOT_A_WORKBOOK);
  });

  it('refuses an upload over the byte limit', async () => {
    expect(await codeOf(open(big, { maxUploadBytes: 1000 }))).toBe(ProblemCode.FILE_TOO_LARGE);
  });

  it('refuses a zip bomb from the central directory sizes', async () => {
    expect(await codeOf(open(big, { maxUncompressedBytes: 20_000 }))).toBe(
      ProblemCode.UNCOMPRESSED_TOO_LARGE,
    );
  });

  it('counts inflated bytes while streaming, whatever the directory says', async () => {
    const limits = resolveLimits({ maxUncompressedBytes: 20_000 });
    expect(await codeOf(drain(openXlsxSource(big, limits)))).toBe(
      ProblemCode.UNCOMPRESSED_TOO_LARGE,
    );
  });

  it('refuses a sheet with too many rows while streaming', async () => {
    expect(await codeOf(open(big, { maxRowsPerSheet: 100 }))).toBe(ProblemCode.TOO_MANY_ROWS);
  });

  it('applies the row limit and the .xls size limit to legacy workbooks', async () => {
    const xls = sharedFixture('c12-summary', 'c12-summary-2026-04.xls');
    expect(await open(xls)).toBe(697);
    expect(await codeOf(open(xls, { maxRowsPerSheet: 100 }))).toBe(ProblemCode.TOO_MANY_ROWS);
    expect(await codeOf(open(xls, { maxXlsBytes: 10_000 }))).toBe(ProblemCode.FILE_TOO_LARGE);
  });

  it('has sane defaults', () => {
    expect(DEFAULT_WORKBOOK_LIMITS.maxRowsPerSheet).toBe(1_048_576);
  });
});
