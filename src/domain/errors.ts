/** Codes a domain function can fail with; the HTTP layer maps them to statuses. */
export type DomainErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_DATE'
  | 'INVALID_PERIOD'
  | 'INVALID_AMOUNT'
  | 'UNSAFE_INTEGER'
  | 'REFERENCE_DATA_MISSING'
  | 'REFERENCE_DATA_INVALID'
  | 'ROSTER_OVERLAP'
  | 'NEGATIVE_AMOUNT';

/** A rule of the domain was broken; `details` says which values broke it. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: DomainErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
