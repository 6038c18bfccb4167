export * from './problem.js';
export * from './limits.js';
export * from './source.js';
export { openWorkbook } from './open-workbook.js';
export { foldKey, foldText } from './normalize.util.js';
export {
  BAD,
  toScalar,
  cellText,
  newParseContext,
  type CellScalar,
  type ParseContext,
} from './cell-value.util.js';
export { writeErrorsWorkbook, type ErrorsWorkbookOptions } from './errors-workbook.js';
export { isFormulaLike, setSafeValue } from './safe-cell.util.js';
