import type ExcelJS from 'exceljs';

/**
 * Writing user-supplied text into exported workbooks. An xlsx string cell is never evaluated,
 * but text starting with `=`, `+`, `-`, `@` (or a tab/CR) becomes a live formula as soon as
 * someone edits the cell, and is one if the sheet is ever saved as CSV. Such text is written as
 * a string cell with the Text number format (`@`), so Excel keeps it text on edit.
 */
export function isFormulaLike(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** Sets a cell from data (never a formula): strings that look like formulas are kept as text. */
export function setSafeValue(cell: ExcelJS.Cell, value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    cell.value = value;
    if (isFormulaLike(value)) cell.numFmt = '@';
    return;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    cell.value = value;
    return;
  }
  cell.value = String(value);
}

/** Row values for `addRow` with formula-like text made safe; returns cells to mark as text. */
export function safeRowValues(values: readonly unknown[]): {
  values: unknown[];
  textCols: number[];
} {
  const out: unknown[] = [];
  const textCols: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string' && isFormulaLike(v)) textCols.push(i + 1);
    out.push(v === undefined ? null : v);
  }
  return { values: out, textCols };
}
