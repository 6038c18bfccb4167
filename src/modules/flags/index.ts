export { FlagsModule } from './flags.module.js';
export { FlagsService, type FlagEvaluation, type FlagCounts } from './flags.service.js';
export { FlagQueueService, flagView } from './flag-queue.service.js';
export type { Flag } from './flag.entity.js';
export { InspectionQueueService, type QueueRow } from './inspection-queue.service.js';
export { OPEN_CASE_READER, type OpenCaseReader } from './open-cases.port.js';
