export type { ImportBatch } from './import-batch.entity.js';
export { ImportPipeline } from './import-pipeline.service.js';
export { ImportsModule } from './imports.module.js';
export { ImportsService } from './imports.service.js';
export { collectWorkbook } from './schema/read-workbook.js';
export { IMPORT_KINDS } from './schema/records.js';
