export { ReconciliationModule } from './reconciliation.module.js';
export {
  ReconciliationService,
  type ReconcileSummary,
  type ReconcileWarning,
} from './reconciliation.service.js';
export type { EmployerInputs } from './ledger-inputs.service.js';
export { NightlyService } from './nightly.service.js';
export type { NightlyRun } from './nightly-run.entity.js';
