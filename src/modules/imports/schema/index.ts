export * from './records.js';
export * from './value-lists.js';
export type { ColumnSpec, SheetSchema, RowPosition, BuildContext } from './column-schema.js';
export { IMPORT_SCHEMAS, type KindSchema } from './kinds.js';
export {
  readWorkbook,
  collectWorkbook,
  type ReadWorkbookOptions,
  type ParseBatch,
} from './read-workbook.js';
export type { Problem, ProblemCode, ProblemLevel } from '../../../infrastructure/excel/problem.js';
export { WorkbookRejectedError } from '../../../infrastructure/excel/problem.js';
export { buildTemplate, type TemplateOptions } from './template.js';
