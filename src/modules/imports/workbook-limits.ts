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
