export type { ReferenceValue } from './reference-value.entity.js';
export { ReferenceModule } from './reference.module.js';
export { ReferenceService } from './reference.service.js';
