import { AppError } from '../../infrastructure/http/app-error.js';
import { REFERENCE_KINDS, type ReferenceProblem } from './reference-kinds.js';

export class ReferenceKindUnknownError extends AppError {
  constructor(kind: string) {
    super(
      'REFERENCE_KIND_UNKNOWN',
      `There is no reference data of kind '${kind}'; the kinds are ${Object.keys(REFERENCE_KINDS).join(', ')}`,
      404,
      { kind, kinds: Object.keys(REFERENCE_KINDS) },
    );
  }
}

/** A value refused by the kind's rules (`problems`: field, reason, what is allowed). */
export class ReferenceValueInvalidError extends AppError {
  constructor(kind: string, problems: ReferenceProblem[]) {
    super(
      'REFERENCE_VALUE_INVALID',
      `The ${kind} value is not valid: ${problems.map((p) => `${p.field} ${p.reason}${p.min !== undefined ? ` (${p.min}–${p.max})` : ''}${p.allowed ? ` (one of ${p.allowed.join(', ')})` : ''}`).join('; ')}`,
      422,
      { kind, problems },
    );
  }
}

/** One key has one value per effective date: a correction is a later date, never an overwrite. */
export class ReferenceValueExistsError extends AppError {
  constructor(
    kind: string,
    key: string,
    effectiveFrom: string,
    value: number,
    enteredBy: string | null,
  ) {
    super(
      'REFERENCE_VALUE_EXISTS',
      `${kind} ${key} already has a value (${value}) from ${effectiveFrom}`,
      409,
      { kind, key, effectiveFrom, value, enteredBy },
    );
  }
}
