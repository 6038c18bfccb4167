/**
 * The libraries that write and read office files, loaded on first use rather than at start.
 *
 * Every process (API, worker, an import's bench child) loads every feature module, but few of them
 * ever write a workbook, a PDF or a ZIP, or read an `.xls`. Loaded at start, exceljs, pdfkit
 * (fontkit, brotli), archiver and SheetJS (with Bull Board, which `queue-dashboard.ts` loads itself)
 * kept ~17 MB of source and compiled code on the heap of a worker that may only import rosters and run
 * the nightly: it idled at 207 MB of RSS, 185 without them. Each is imported once, when a file of its
 * kind is first made; later calls get the same module.
 */
import type ExcelJSModule from 'exceljs';
import type PDFDocumentClass from 'pdfkit';
import type * as SheetJS from '@e965/xlsx';
import type { ZipArchive as ZipArchiveClass } from 'archiver';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export const loadExcelJs: () => Promise<typeof ExcelJSModule> = once(
  async () => (await import('exceljs')).default,
);

export const loadPdfKit: () => Promise<typeof PDFDocumentClass> = once(
  async () => (await import('pdfkit')).default,
);

export const loadSheetJs: () => Promise<typeof SheetJS> = once(() => import('@e965/xlsx'));

export const loadZipArchive: () => Promise<typeof ZipArchiveClass> = once(
  async () => (await import('archiver')).ZipArchive,
);
