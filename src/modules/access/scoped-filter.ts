import type { AuthUser } from './auth-user.js';
import * as scope from './office-scope.js';

/**
 * A list filter limited to the user's offices: an explicit `office` must be visible (403 otherwise);
 * without one, a user scoped to offices gets `offices` set to them.
 */
export function scopedFilter<F extends { office?: string }>(
  user: AuthUser,
  filter: F,
): F & { offices?: string[] } {
  if (filter.office) {
    scope.assertOffice(user, filter.office);
    return filter;
  }
  const visible = scope.visibleOffices(user);
  return visible === 'all' ? filter : { ...filter, offices: visible };
}
