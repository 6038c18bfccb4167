import { loadExcelJs } from '../heavy-libraries.js';
import type { Writable } from 'node:stream';
import { BAD, newParseContext, toScalar } from './cell-value.util.js';
import type { WorkbookLimits } from './limits.js';
import { openWorkbook } from './open-workbook.js';
import { type Problem, WorkbookRejectedError } from './problem.js';
import { setSafeValue } from './safe-cell.util.js';
import { labelVi } from '../../domain/labels-vi.js';
import { problemText } from '../../shared/problems.js';

export interface ErrorsWorkbookOptions {
  limits?: Partial<WorkbookLimits>;
  /** Header of the added column. */
  errorHeader?: string;
}

const LIST_SHEET = 'Danh sách lỗi';

/**
 * `/errors.xlsx`: the uploaded workbook's rows (values only: formulas as their results) with one
 * more column holding each row's errors, plus a sheet listing every problem with its severity (errors,
 * and warnings: an ignored column, a noted row — the row still commits). Every problem reads in
 * Vietnamese from the console's catalogue (`src/shared/problems.ts`); its code stands in a column of its
 * own on the list sheet, for officers to quote. Streams both ways; user text is written formula-safe.
 */
export async function writeErrorsWorkbook(
  sourcePath: string,
  problems: readonly Problem[],
  out: string | Writable,
  options: ErrorsWorkbookOptions = {},
): Promise<void> {
  const header = options.errorHeader ?? 'Lỗi';
  const bySheet = new Map<string, Map<number, string[]>>();
  for (const p of problems) {
    if (p.sheet === null || p.row === null || p.level === 'info') continue;
    let rows = bySheet.get(p.sheet);
    if (!rows) bySheet.set(p.sheet, (rows = new Map()));
    // the console's sentence (src/shared/problems.ts), never the server's English `message`
    const text = `${p.column ? `Cột ${p.column}: ` : ''}${problemText('vi', p)}`;
    const list = rows.get(p.row);
    if (list) list.push(text);
    else rows.set(p.row, [text]);
  }
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter(
    typeof out === 'string'
      ? { filename: out, useStyles: true, useSharedStrings: false }
      : { stream: out, useStyles: true, useSharedStrings: false },
  );
  const ctx = newParseContext();
  let source;
  try {
    source = await openWorkbook(sourcePath, options.limits);
  } catch {
    source = null; // a refused file has no rows to copy: the problem list says why
  }
  if (source) {
    for await (const sheet of source.sheets()) {
      const ws = wb.addWorksheet(sheetName(sheet.name));
      const rowProblems = bySheet.get(sheet.name);
      let pending: { number: number; values: unknown[] }[] | null = [];
      let errCol = 0;
      let headerRow = 0;
      const writeRow = (number: number, values: unknown[]) => {
        const row = ws.getRow(number);
        for (let c = 1; c < values.length; c++) {
          const s = toScalar(values[c], ctx);
          if (s !== null && s !== BAD) setSafeValue(row.getCell(c), s);
        }
        const errs = rowProblems?.get(number);
        if (errs) {
          const cell = row.getCell(errCol);
          setSafeValue(cell, errs.join('\n'));
          cell.font = { color: { argb: 'FFC00000' } };
        } else if (number === headerRow) {
          row.getCell(errCol).value = header;
          row.getCell(errCol).font = { bold: true };
        }
        row.commit();
      };
      const flush = () => {
        // The error column goes right of the widest of the first rows; the widest is the header.
        let widest = 0;
        for (const r of pending!) {
          const w = r.values.length - 1;
          if (w > widest) {
            widest = w;
            headerRow = r.number;
          }
        }
        errCol = widest + 1;
        for (const r of pending!) writeRow(r.number, r.values);
        pending = null;
      };
      let refused = false;
      try {
        for await (const chunk of sheet.rows()) {
          for (const r of chunk) {
            if (pending) {
              pending.push(r);
              if (pending.length >= 50) flush();
            } else writeRow(r.number, r.values);
          }
        }
      } catch (err) {
        // past a limit (cells, columns, rows): the rows read so far are copied, the problem list says why
        if (!(err instanceof WorkbookRejectedError)) throw err;
        refused = true;
      }
      if (pending) flush();
      ws.commit();
      if (refused) break;
    }
  }
  const list = wb.addWorksheet(LIST_SHEET);
  list.columns = [
    { header: 'Trang tính', width: 16 },
    { header: 'Dòng', width: 8 },
    { header: 'Cột', width: 8 },
    { header: 'Mã lỗi', width: 22 },
    { header: 'Nội dung', width: 90 },
    { header: 'Mức', width: 14 },
  ];
  for (const p of problems) {
    const row = list.addRow([]);
    setSafeValue(row.getCell(1), p.sheet);
    setSafeValue(row.getCell(2), p.row);
    setSafeValue(row.getCell(3), p.column);
    setSafeValue(row.getCell(4), p.code); // the technical code, for officers to quote
    setSafeValue(row.getCell(5), problemText('vi', p));
    setSafeValue(row.getCell(6), labelVi('problemLevel', p.level));
    row.commit();
  }
  list.commit();
  await wb.commit();
}

function sheetName(name: string): string {
  // Excel sheet names: ≤ 31 characters, no []:*?/\ ; the problem list's name is reserved.
  const clean = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  return clean === LIST_SHEET ? `${clean.slice(0, 29)} 2` : clean;
}
