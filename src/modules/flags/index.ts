export { FlagsModule } from './flags.module.js';
export { FlagsService, type FlagEvaluation, type FlagCounts } from './flags.service.js';
export { FlagQueueService, flagView } from './flag-queue.service.js';
export type { Flag } from './flag.entity.js';
