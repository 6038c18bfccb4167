import { AppError } from '../../infrastructure/http/app-error.js';

export class PeriodNotEndedError extends AppError {
  constructor(period: string, today: string) {
    super(
      'PERIOD_NOT_ENDED',
      `The notice of ${period} is struck on the month's last day, which has not ended yet (today is ${today})`,
      422,
      { period, today },
    );
  }
}

export class ReportNotFoundError extends AppError {
  constructor(id: string) {
    super('REPORT_NOT_FOUND', `Report ${id} was not found`, 404, { id });
  }
}

export class ReportNotReadyError extends AppError {
  constructor(id: string, status: string) {
    super('REPORT_NOT_READY', `Report ${id} is ${status}; its zip is ready once it is done`, 409, {
      id,
      status,
    });
  }
}

export class NoEmployersError extends AppError {
  constructor() {
    super('NO_EMPLOYERS', 'The request names no employer (give an office or unit codes)', 422);
  }
}

export class NoticeFailedError extends AppError {
  constructor(unitCode: string, code: string, message: string) {
    super('NOTICE_FAILED', `The notice of ${unitCode} cannot be computed: ${message}`, 422, {
      unitCode,
      cause: code,
    });
  }
}

export class NoRunYetError extends AppError {
  constructor(asOf: string | null) {
    super(
      'NO_RUN_FOR_DAY',
      asOf
        ? `No reconciliation stored as of ${asOf}: run that day first (POST /api/runs {"day": "${asOf}"})`
        : 'No reconciliation has run yet: run a day first (POST /api/runs)',
      409,
      { day: asOf },
    );
  }
}
