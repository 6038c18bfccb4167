import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { loadExcelJs } from '../heavy-libraries.js';
import { setSafeValue } from './safe-cell.util.js';

/** Whole đồng, thousands grouped (Vietnamese users read `1.234.567 ₫` in their locale). */
export const VND_FORMAT = '#,##0 "₫";-#,##0 "₫"';

export type ReportColumnKind = 'text' | 'money' | 'integer' | 'decimal';

export interface ReportColumn<T> {
  header: string;
  kind?: ReportColumnKind;
  width?: number;
  value: (row: T) => unknown;
}

const NUM_FORMATS: Record<ReportColumnKind, string | undefined> = {
  text: undefined,
  money: VND_FORMAT,
  integer: '#,##0',
  decimal: '#,##0.000',
};

/** A streamed report workbook; sheets are written one after another, rows committed as they come. */
export async function reportWorkbook(out: Writable): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
  return new (await loadExcelJs()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
}

export interface TableSheet<T> {
  add(row: T): void;
  commit(): void;
}

/**
 * A sheet of one table: optional title lines, a bold header row, then rows. User text is written
 * formula-safe; money in the VND format.
 */
export function tableSheet<T>(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly ReportColumn<T>[],
  titleLines: readonly string[] = [],
): TableSheet<T> {
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.columns = columns.map((c) => ({ width: c.width ?? (c.kind === 'text' || !c.kind ? 18 : 16) }));
  let n = 0;
  for (const line of titleLines) {
    const row = ws.getRow(++n);
    setSafeValue(row.getCell(1), line);
    if (n === 1) row.getCell(1).font = { bold: true, size: 13 };
    row.commit();
  }
  if (titleLines.length) ws.getRow(++n).commit();
  const header = ws.getRow(++n);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
  });
  header.commit();
  return {
    add(item: T) {
      const row = ws.getRow(++n);
      columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        setSafeValue(cell, c.value(item));
        const fmt = NUM_FORMATS[c.kind ?? 'text'];
        if (fmt && typeof cell.value === 'number') cell.numFmt = fmt;
      });
      row.commit();
    },
    commit() {
      ws.commit();
    },
  };
}
