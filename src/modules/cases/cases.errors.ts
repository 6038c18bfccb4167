import { AppError } from '../../infrastructure/http/app-error.js';
import type { CaseStatus, TransitionRefusal } from './case-workflow.util.js';

export class CaseTransitionError extends AppError {
  constructor(caseId: number, r: TransitionRefusal) {
    switch (r.reason) {
      case 'closed':
        super(
          'CASE_CLOSED',
          `Case ${caseId} is closed (${r.from}); a closed case takes no more transitions`,
          409,
          { caseId, from: r.from, allowed: [] },
        );
        break;
      case 'not-allowed':
        super(
          'CASE_TRANSITION_NOT_ALLOWED',
          `Case ${caseId} cannot go from ${r.from} to ${r.to}; from ${r.from} it can go to ${r.allowed.join(', ')}`,
          409,
          { caseId, from: r.from, to: r.to, allowed: r.allowed },
        );
        break;
      case 'note-required':
        super(
          'CASE_NOTE_REQUIRED',
          r.why === 'dismissed'
            ? 'Dismissing a case needs the reason, as note'
            : `Going back from ${r.from} to ${r.to} needs a note saying why`,
          422,
          { caseId, from: r.from, to: r.to },
        );
        break;
      case 'date-required':
        super(
          'CASE_DATE_REQUIRED',
          r.to === 'reminded'
            ? 'A reminder needs its date (date: YYYY-MM-DD)'
            : 'Reconciliation needs the date the minutes were signed (date: YYYY-MM-DD)',
          422,
          { caseId, to: r.to },
        );
        break;
      case 'too-early':
        super(
          'CASE_INSPECTION_TOO_EARLY',
          r.earliest
            ? `An inspection can be proposed from ${r.earliest}, 30 days after the reconciliation minutes of ${r.minutesOn}`
            : 'An inspection can be proposed only 30 days after reconciliation minutes, and none are recorded',
          409,
          { caseId, minutesOn: r.minutesOn, earliest: r.earliest },
        );
        break;
    }
  }
}

export class CaseChangedError extends AppError {
  constructor(caseId: number) {
    super(
      'CASE_CHANGED',
      `Case ${caseId} was changed by someone else at the same moment; reload it and try again`,
      409,
      { caseId },
    );
  }
}

export class CaseDateInFutureError extends AppError {
  constructor(date: string, today: string) {
    super('CASE_DATE_IN_FUTURE', `The date ${date} is after today (${today})`, 422, {
      date,
      today,
    });
  }
}

export class CaseFlagsError extends AppError {
  constructor(
    code: 'CASE_FLAGS_NOT_FOUND' | 'CASE_FLAGS_MIXED_EMPLOYERS' | 'CASE_FLAGS_CLOSED',
    message: string,
    details: unknown,
  ) {
    super(code, message, code === 'CASE_FLAGS_NOT_FOUND' ? 404 : 422, details);
  }
}

export class FlagInActiveCaseError extends AppError {
  constructor(flags: { flagId: number; caseId: number | null; status: CaseStatus | null }[]) {
    super(
      'FLAG_IN_ACTIVE_CASE',
      `Flag${flags.length > 1 ? 's' : ''} ${flags.map((f) => (f.caseId ? `${f.flagId} (case ${f.caseId}, ${f.status})` : `${f.flagId} (a case opened just now)`)).join(', ')} already in an active case`,
      409,
      { flags },
    );
  }
}
