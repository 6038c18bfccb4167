import { AppError } from '../../infrastructure/http/app-error.js';

export class NoSnapshotError extends AppError {
  constructor(day: string) {
    super(
      'NO_SNAPSHOT',
      `Nothing was reconciled as of ${day}; run the reconciliation for that day first (POST /api/runs {"day": "${day}"})`,
      404,
      { day },
    );
  }
}

export class ScopeCodeError extends AppError {
  constructor(scope: string) {
    super('SCOPE_CODE_REQUIRED', `scope=${scope} needs a code`, 400, { scope });
  }
}
