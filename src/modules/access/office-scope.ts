import { AppError, NotFoundError } from '../../infrastructure/http/app-error.js';
import type { AuthUser } from './auth-user.js';

/**
 * Office scope: which offices' data a signed-in user may see. Use it in every feature that holds
 * office data (`import * as scope from './office-scope.js'`):
 * - lists: `em.find(Employer, { ...scope.officeWhere(user), … })` (admins: no filter);
 * - an object read (`GET /employers/{code}`): `scope.assertVisible(user, e.officeCode, 'Employer', code)`
 *   answers 404, exactly as for a missing object, so nothing leaks that it exists;
 * - an explicit office parameter (`?office=06703`): `scope.assertOffice(user, office)` answers 403.
 */

export class OfficeForbiddenError extends AppError {
  constructor(officeCode: string) {
    super('OFFICE_FORBIDDEN', `You have no access to office ${officeCode}`, 403, {
      office: officeCode,
    });
  }
}

export function canSeeOffice(user: AuthUser, officeCode: string): boolean {
  return user.scope === 'all' || user.scope.has(officeCode);
}

/** For an office the request names explicitly: 403 when out of scope. */
export function assertOffice(user: AuthUser, officeCode: string): void {
  if (!canSeeOffice(user, officeCode)) throw new OfficeForbiddenError(officeCode);
}

/** For an object read: 404 (as if it did not exist) when its office is out of scope. */
export function assertVisible(
  user: AuthUser,
  officeCode: string | null | undefined,
  what: string,
  id: string,
): void {
  if (!officeCode || !canSeeOffice(user, officeCode)) throw new NotFoundError(what, id);
}

/** The office codes a user may see, or `all` for an admin. */
export function visibleOffices(user: AuthUser): 'all' | string[] {
  return user.scope === 'all' ? 'all' : [...user.scope].sort();
}

/** A MikroORM filter fragment restricting `field` to the user's offices (empty for an admin). */
export function officeWhere<F extends string = 'officeCode'>(
  user: AuthUser,
  field: F = 'officeCode' as F,
): Partial<Record<F, { $in: string[] }>> {
  if (user.scope === 'all') return {};
  return { [field]: { $in: [...user.scope] } } as Record<F, { $in: string[] }>;
}
