import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const statusCodes: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

/** Domain errors (pure code) carry `code` and `details` but know nothing of HTTP: 422. */
function isCodedError(e: unknown): e is Error & { code: string; details?: unknown } {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    e.name === 'DomainError'
  );
}

/** Maps every error to `{ error: { code, message, details } }`; never leaks a stack trace. */
export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof AppError) {
    return {
      status: exception.status,
      body: {
        error: { code: exception.code, message: exception.message, details: exception.details },
      },
    };
  }
  if (isCodedError(exception)) {
    return {
      status: 422,
      body: {
        error: { code: exception.code, message: exception.message, details: exception.details },
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    let message = exception.message;
    let details: unknown;
    if (typeof res === 'object' && res !== null) {
      const m = (res as { message?: unknown }).message;
      if (Array.isArray(m)) {
        message = 'The request is not valid';
        details = m;
      } else if (typeof m === 'string') message = m;
    }
    return {
      status,
      body: { error: { code: statusCodes[status] ?? `HTTP_${status}`, message, details } },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: {
      error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' },
    },
  };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = toErrorResponse(exception);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;
    res.status(status).json(body);
  }
}
