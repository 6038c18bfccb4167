/**
 * What the import parser reads: sheets in workbook order, each a stream of row chunks. Both the
 * streaming `.xlsx` reader and the `.xls` converter produce it, so validation has one code path.
 */
export interface SourceRow {
  /** 1-based Excel row number. */
  number: number;
  /**
   * Cell values by 1-based column (index 0 unused), in exceljs' value shapes: string, number,
   * boolean, Date, `{formula, result}`, `{richText}`, `{text, hyperlink}`, `{error}`; holes for blanks.
   */
  values: unknown[];
}

export interface SourceSheet {
  name: string;
  /** Row chunks in order; must be consumed (or abandoned) before the next sheet is requested. */
  rows(): AsyncIterable<SourceRow[]>;
}

export interface WorkbookSource {
  format: 'xlsx' | 'xls';
  /** True when the workbook counts dates from 1904 (old Mac Excel); known once sheets are read. */
  readonly date1904: boolean;
  sheets(): AsyncIterable<SourceSheet>;
}
