export {
  CurrentUser,
  PASSWORD_CHANGE_KEY,
  PUBLIC_KEY,
  Public,
  RATE_LIMIT_KEY,
  ROLES_KEY,
  RateLimited,
  RequestActor,
  Roles,
  WhilePasswordChangeDue,
  actorOf,
  type AuthedRequest,
  type RateLimitName,
} from './access.decorators.js';
export { SYSTEM_ACTOR, type Actor } from './actor.js';
export type { AuthUser } from './auth-user.js';
export * as scope from './office-scope.js';
export { OfficeForbiddenError } from './office-scope.js';
export { USER_ROLES, type UserRole } from './roles.js';
export { scopedFilter } from './scoped-filter.js';
