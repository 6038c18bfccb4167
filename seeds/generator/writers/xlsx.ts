/**
 * exceljs streaming writer with bounded memory. exceljs' worksheet stream never pushes back: a tight
 * loop of row commits buffers the whole sheet's XML until the event loop lets the zip compressor run.
 * `RowSink.add` yields every few hundred rows and waits while the compressor's input is backed up.
 */
import ExcelJS from 'exceljs';

export type CellValue = string | number | Date | null;

/** Fixed document dates, so the same model gives the same workbook content. */
const DOC_DATE = new Date('2026-01-01T00:00:00Z');

/** exceljs pipes each sheet into archiver through a readable-stream v2 PassThrough: no `writableLength`. */
interface WritableLike {
  writableLength?: number;
  _writableState?: { length?: number };
}
interface StreamBufLike {
  pipes?: WritableLike[];
  buffers?: unknown[];
}

const HIGH_WATER_BYTES = 256 * 1024;
const YIELD_EVERY_ROWS = 200;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class RowSink {
  private readonly sheet: ExcelJS.Worksheet;
  private sinceYield = 0;
  rows = 0;

  constructor(sheet: ExcelJS.Worksheet) {
    this.sheet = sheet;
  }

  /** Adds and commits one row; values are written as given (strings stay text). */
  async add(values: readonly CellValue[], format?: { numFmt?: Record<number, string> }): Promise<void> {
    const row = this.sheet.addRow(values.map((v) => (v === null ? undefined : v)));
    if (format?.numFmt) {
      for (const [col, fmt] of Object.entries(format.numFmt)) row.getCell(Number(col)).numFmt = fmt;
    }
    row.commit();
    this.rows++;
    if (++this.sinceYield >= YIELD_EVERY_ROWS) {
      this.sinceYield = 0;
      await this.relieve();
    }
  }

  private async relieve(): Promise<void> {
    await nextTurn();
    const stream = (this.sheet as unknown as { stream?: StreamBufLike }).stream;
    for (let waited = 0; waited < 10_000; waited += 2) {
      const pending = (stream?.pipes ?? []).reduce((s, p) => s + (p.writableLength ?? p._writableState?.length ?? 0), 0);
      const buffered = (stream?.buffers?.length ?? 0) * 65_536;
      if (pending + buffered < HIGH_WATER_BYTES) return;
      await sleep(2);
    }
  }

  commit(): void {
    this.sheet.commit();
  }
}

export interface StreamWorkbook {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  sheet(name: string, columnWidths?: readonly number[]): RowSink;
  close(): Promise<void>;
}

export function openWorkbook(filename: string, useStyles = true): StreamWorkbook {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles, useSharedStrings: false });
  workbook.creator = 'sothu synthetic province';
  workbook.created = DOC_DATE;
  workbook.modified = DOC_DATE;
  return {
    workbook,
    sheet(name, columnWidths) {
      const ws = workbook.addWorksheet(name);
      if (columnWidths) ws.columns = columnWidths.map((width) => ({ width }));
      return new RowSink(ws);
    },
    async close() {
      await workbook.commit();
    },
  };
}
