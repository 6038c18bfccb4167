import { AppError } from '../../infrastructure/http/app-error.js';

export class ReconciliationScopeError extends AppError {
  constructor() {
    super('RECONCILIATION_SCOPE', 'Give a unitCode or an office, not both', 400);
  }
}

export class NothingToReconcileError extends AppError {
  constructor(what: string) {
    super('RECONCILIATION_NOTHING', `There are no employers to reconcile for ${what}`, 404, {
      what,
    });
  }
}
