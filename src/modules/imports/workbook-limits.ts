import type { AppConfig } from '../../config/config.js';
import type { WorkbookLimits } from '../../infrastructure/excel/limits.js';

/** The configured workbook limits (upload size, inflated size, rows per sheet). */
export function workbookLimits(config: AppConfig): Partial<WorkbookLimits> {
  return {
    maxUploadBytes: config.limits.uploadMaxBytes,
    maxUncompressedBytes: config.limits.uncompressedMaxBytes,
    maxRowsPerSheet: config.limits.maxRows,
  };
}

/** Files one upload (one import set) may carry: a month of an office is a few dozen. */
export const MAX_FILES_PER_UPLOAD = 200;
