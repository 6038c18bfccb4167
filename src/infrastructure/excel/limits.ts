/** Limits on an uploaded workbook; the config module passes the configured values. */
export interface WorkbookLimits {
  /** Size of the uploaded file. */
  maxUploadBytes: number;
  /** Sum of the uncompressed sizes of the package parts (zip bomb guard). */
  maxUncompressedBytes: number;
  /** Rows read from any one sheet, header and title rows included. */
  maxRowsPerSheet: number;
  /** Cells in one row (Excel itself allows 16,384; every import kind needs a few dozen). */
  maxCellsPerRow: number;
  /** Cells in the whole workbook. */
  maxCells: number;
  /**
   * Size of a legacy `.xls` (BIFF8) file: it is converted in memory (see xls-source.ts), so it
   * gets its own, smaller ceiling. BIFF8 cannot hold more than 65,536 rows anyway.
   */
  maxXlsBytes: number;
}

export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxUploadBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxRowsPerSheet: 1_048_576,
  maxCellsPerRow: 1000,
  maxCells: 60_000_000,
  maxXlsBytes: 30 * 1024 * 1024,
};

/** The last column (XFD) and row an Excel sheet can have. */
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;

export function resolveLimits(partial?: Partial<WorkbookLimits>): WorkbookLimits {
  return { ...DEFAULT_WORKBOOK_LIMITS, ...partial };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
