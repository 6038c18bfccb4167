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

/**
 * A day that was never run (no snapshot of any employer for it): the office, province and whole-system
 * figures are the run's, so there is nothing to sum. Says which days nearest to it were run and how to
 * start a run for it.
 */
export class NoRunForDayError extends AppError {
  constructor(day: string, nearest: { before: string | null; after: string | null }) {
    const near = [nearest.before, nearest.after].filter((d): d is string => d !== null);
    super(
      'NO_RUN_FOR_DAY',
      `No reconciliation run for ${day}${
        near.length ? `; the nearest days run: ${near.join(', ')}` : '; no day has been run yet'
      }. Start one with POST /api/runs {"day": "${day}"}`,
      409,
      {
        day,
        nearestRunDays: { before: nearest.before, after: nearest.after },
        startRun: { method: 'POST', path: '/api/runs', body: { day } },
      },
    );
  }
}

export class ScopeCodeError extends AppError {
  constructor(scope: string) {
    super('SCOPE_CODE_REQUIRED', `scope=${scope} needs a code`, 400, { scope });
  }
}
