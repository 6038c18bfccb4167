export type { ReferenceValue } from './reference-value.entity.js';
export { ReferenceModule } from './reference.module.js';
export {
  gapOf,
  ReferenceService,
  type ReferenceGapView,
  type ReferenceValueView,
} from './reference.service.js';
export { REFERENCE_KINDS, type ReferenceKind } from './reference-kinds.js';
