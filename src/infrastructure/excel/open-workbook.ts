import { inspectZip, sniffContainer } from './container.js';
import { resolveLimits, type WorkbookLimits } from './limits.js';
import type { WorkbookSource } from './source.js';
import { openXlsxSource } from './xlsx-source.js';

/**
 * Opens an uploaded workbook for streaming after the checks that need no parsing: size, container
 * type (bytes, not the file name), zip directory (uncompressed size, encryption), OLE container
 * (encrypted OOXML, legacy .xls). Throws WorkbookRejectedError with a structural problem.
 */
export async function openWorkbook(
  path: string,
  limits?: Partial<WorkbookLimits>,
): Promise<WorkbookSource> {
  const l = resolveLimits(limits);
  const container = await sniffContainer(path, l);
  if (container === 'zip') {
    const entries = await inspectZip(path, l);
    return openXlsxSource(path, l, entries);
  }
  // SheetJS is large: loaded only when a legacy workbook comes.
  const { openXlsSource } = await import('./xls-source.js');
  return openXlsSource(path, l);
}
