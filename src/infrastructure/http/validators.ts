import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidDate, isValidPeriod } from '../../domain/dates.js';
import {
  isValidOfficeCode,
  isValidProvinceCode,
  isValidTaxCode,
  isValidUnitCode,
  normalizeTaxCode,
  normalizeUnitCode,
} from '../../domain/identifiers.js';

/**
 * DTO validation built on the domain's rules (§1 identifiers, calendar days, months): the decorators
 * every request body and query uses instead of patterns of their own. A value they refuse fails the
 * global ValidationPipe, which the error filter answers `400 BAD_REQUEST` with the message naming the
 * field in `details`.
 */

function rule(
  name: string,
  test: (s: string) => boolean,
  what: string,
): (options?: ValidationOptions) => PropertyDecorator {
  return (options) =>
    ValidateBy(
      {
        name,
        validator: {
          validate: (v: unknown) => typeof v === 'string' && test(v),
          defaultMessage: buildMessage((each) => `${each}$property must be ${what}`, options),
        },
      },
      options,
    );
}

/** Applies `f` to a string (or to each string of an array); anything else passes through for validation to refuse. */
function normalizing(f: (s: string) => string | null): PropertyDecorator {
  const one = (v: unknown) => (typeof v === 'string' ? (f(v) ?? v) : v);
  return Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map(one) : one(value),
  );
}

/** `YYYY-MM-DD` naming a real day: `2026-02-30` is refused. */
export const IsIsoDate = rule('isIsoDate', isValidDate, 'a real day written YYYY-MM-DD');

/** `YYYY-MM` with a month 01–12. */
export const IsPeriod = rule('isPeriod', isValidPeriod, 'a month written YYYY-MM');

/** 5-digit office code (mã cơ quan BHXH). */
export const IsOfficeCode = rule('isOfficeCode', isValidOfficeCode, '5 digits, e.g. 06703');

/** Province code: 2 to 5 digits. */
export const IsProvinceCode = rule(
  'isProvinceCode',
  isValidProvinceCode,
  'a province code of 2 to 5 digits, e.g. 67',
);

/** A ratio scope's code: a province, office or unit code. */
export const IsScopeCode = rule(
  'isScopeCode',
  (s) => isValidProvinceCode(s) || isValidOfficeCode(s) || isValidUnitCode(s),
  'a province, office or unit code',
);

const isUnitCode = rule(
  'isUnitCode',
  isValidUnitCode,
  'a unit code of 5 to 10 letters or digits, e.g. TC0001C',
);

/** Unit code (§1): accepted in any case with blanks around, handed on trimmed and upper-cased. */
export function IsUnitCode(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(normalizing(normalizeUnitCode), isUnitCode(options));
}

const isTaxCode = rule(
  'isTaxCode',
  isValidTaxCode,
  'a tax code of 10 digits (13 for a branch) with a valid check digit',
);

/** Tax code (§1): spaces and hyphens allowed, handed on without them. */
export function IsTaxCode(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    normalizing((s) => (isValidTaxCode(s) ? normalizeTaxCode(s) : null)),
    isTaxCode(options),
  );
}
