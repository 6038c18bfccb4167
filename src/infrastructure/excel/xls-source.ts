/**
 * Legacy `.xls` (Excel 97–2003, BIFF8) support.
 *
 * Decision: convert, do not refuse. Officers' C12 summary exports still come as `.xls`, and
 * exceljs reads only OOXML. We use SheetJS Community Edition 0.20.3 as republished on npm by
 * `@e965/xlsx` (byte-identical builds of the upstream releases, which SheetJS no longer puts on
 * the npm registry). npm's own `xlsx@0.18.5` is unmaintained and carries known advisories
 * (prototype pollution CVE-2023-30533, ReDoS CVE-2024-22363), both fixed by 0.20.2+.
 *
 * SheetJS parses a BIFF file in memory, so the limits are enforced around it instead of while
 * streaming: the file must be under `maxXlsBytes` (BIFF8 holds at most 65,536 rows × 256 columns,
 * so memory stays bounded); the CFB container is inspected first and an encrypted package
 * (`EncryptedPackage` stream, or a BIFF `FilePass` record, which SheetJS reports) is refused;
 * `sheetRows` stops parsing one row past `maxRowsPerSheet`; formulas are not parsed, only their
 * cached results are read. The parsed sheets are then handed to the same row pipeline as `.xlsx`
 * (SourceRow with exceljs-shaped values), so validation is identical for both formats.
 */
import type * as XLSX from '@e965/xlsx';
import { readFile } from 'node:fs/promises';
import { formatBytes, type WorkbookLimits } from './limits.js';
import { SAVE_AS_XLSX } from './container.js';
import { ProblemCode, reject } from './problem.js';
import type { SourceRow, SourceSheet, WorkbookSource } from './source.js';
import { loadSheetJs } from '../heavy-libraries.js';

const CHUNK = 500;

export async function openXlsSource(path: string, limits: WorkbookLimits): Promise<WorkbookSource> {
  const buf = await readFile(path);
  if (buf.length > limits.maxXlsBytes) {
    throw reject(
      ProblemCode.FILE_TOO_LARGE,
      `This Excel 97–2003 (.xls) file is ${formatBytes(buf.length)}; .xls files over ${formatBytes(limits.maxXlsBytes)} are not accepted. ${SAVE_AS_XLSX}`,
      {},
      { limit: formatBytes(limits.maxXlsBytes) },
    );
  }
  const sheetJs = await loadSheetJs();
  let names: string[];
  try {
    const cfb = sheetJs.CFB.read(buf, { type: 'buffer' }) as { FileIndex: { name: string }[] };
    names = cfb.FileIndex.map((e) => e.name);
  } catch {
    throw reject(
      ProblemCode.CORRUPT_FILE,
      `The file is damaged and cannot be read. ${SAVE_AS_XLSX}`,
    );
  }
  if (names.includes('EncryptedPackage') || names.includes('EncryptionInfo')) {
    throw reject(
      ProblemCode.ENCRYPTED_FILE,
      'The workbook is protected with a password. Remove the password in Excel (File › Info › Protect Workbook) and re-upload.',
    );
  }
  if (!names.includes('Workbook') && !names.includes('Book')) {
    throw reject(
      ProblemCode.NOT_A_WORKBOOK,
      'This file is an Office document but not an Excel workbook. Upload an .xlsx (or .xls) workbook.',
    );
  }
  let wb: XLSX.WorkBook;
  try {
    wb = sheetJs.read(buf, {
      type: 'buffer',
      dense: true,
      sheetRows: limits.maxRowsPerSheet + 1,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellDates: false,
      cellStyles: false,
      bookVBA: false,
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(detail)) {
      throw reject(
        ProblemCode.ENCRYPTED_FILE,
        'The workbook is protected with a password. Remove the password in Excel and re-upload.',
      );
    }
    throw reject(
      ProblemCode.CORRUPT_FILE,
      `The .xls file is damaged and cannot be read (${detail.slice(0, 200)}). ${SAVE_AS_XLSX}`,
    );
  }
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  return {
    format: 'xls',
    date1904,
    sheets: () => xlsSheets(sheetJs, wb, limits),
  };
}

async function* xlsSheets(
  sheetJs: typeof XLSX,
  wb: XLSX.WorkBook,
  limits: WorkbookLimits,
): AsyncGenerator<SourceSheet> {
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const full = ws['!fullref'] ?? ws['!ref'];
    if (full && sheetJs.utils.decode_range(full).e.r + 1 > limits.maxRowsPerSheet) {
      throw reject(
        ProblemCode.TOO_MANY_ROWS,
        `Sheet "${name}" has more than ${limits.maxRowsPerSheet.toLocaleString('en')} rows, the most one import accepts. Split it into smaller workbooks.`,
        { sheet: name },
        { limit: limits.maxRowsPerSheet },
      );
    }
    yield { name, rows: () => xlsRows(ws) };
    // Let the parsed sheet go once read: the workbook object is the only copy.
    delete wb.Sheets[name];
  }
}

async function* xlsRows(ws: XLSX.WorkSheet): AsyncGenerator<SourceRow[]> {
  const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  let chunk: SourceRow[] = [];
  for (let r = 0; r < data.length; r++) {
    const cells = data[r];
    if (!cells) continue;
    const values: unknown[] = [];
    let any = false;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      const v = toExcelJsValue(cell);
      if (v === undefined) continue;
      values[c + 1] = v;
      any = true;
    }
    if (!any) continue;
    chunk.push({ number: r + 1, values });
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function toExcelJsValue(cell: XLSX.CellObject): unknown {
  switch (cell.t) {
    case 's':
      return cell.v === '' ? '' : cell.v;
    case 'n':
    case 'b':
    case 'd':
      return cell.v;
    case 'e':
      return { error: cell.w ?? '#ERROR' };
    default:
      return undefined;
  }
}
