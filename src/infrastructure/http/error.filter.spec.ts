import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AppError } from './app-error.js';
import { toErrorResponse } from './error.filter.js';

class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

describe('toErrorResponse', () => {
  it('keeps an application error code, status and details', () => {
    expect(
      toErrorResponse(
        new AppError('OFFICE_EXISTS', 'Office 06703 already exists', 409, { code: '06703' }),
      ),
    ).toEqual({
      status: 409,
      body: {
        error: {
          code: 'OFFICE_EXISTS',
          message: 'Office 06703 already exists',
          details: { code: '06703' },
        },
      },
    });
  });

  it('maps a domain error (no HTTP knowledge) to 422 with its code', () => {
    const r = toErrorResponse(
      // a value the receivable itself depends on (a missing k only leaves its interest unbooked)
      new DomainError('REFERENCE_DATA_MISSING', 'no reference data for regional-minimum-wage I', {
        kind: 'regional-minimum-wage',
        key: 'I',
        date: '2018-01-01',
      }),
    );
    expect(r).toEqual({
      status: 422,
      body: {
        error: {
          code: 'REFERENCE_DATA_MISSING',
          message: 'no reference data for regional-minimum-wage I',
          details: { kind: 'regional-minimum-wage', key: 'I', date: '2018-01-01' },
        },
      },
    });
  });

  it('turns validation messages into details', () => {
    const r = toErrorResponse(new BadRequestException(['code must be 5 digits']));
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({
      code: 'BAD_REQUEST',
      message: 'The request is not valid',
      details: ['code must be 5 digits'],
    });
  });

  it('maps framework HTTP errors by status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x')).body.error.code).toBe(
      'NOT_FOUND',
    );
  });

  it('hides unexpected errors behind a generic 500 without the stack', () => {
    const r = toErrorResponse(new TypeError('x is undefined'));
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain('x is undefined');
    expect(r.body.error.code).toBe('INTERNAL');
  });
});
