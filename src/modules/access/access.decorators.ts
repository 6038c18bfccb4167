import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from './actor.js';
import type { AuthUser } from './auth-user.js';
import type { UserRole } from './roles.js';

export const PUBLIC_KEY = 'sothu:public';
export const ROLES_KEY = 'sothu:roles';
export const RATE_LIMIT_KEY = 'sothu:rate-limit';
export const PASSWORD_CHANGE_KEY = 'sothu:while-password-change-due';

/** The request of a route behind the auth guard. */
export type AuthedRequest = Request & { user?: AuthUser };

/** No sign-in needed (login, health, templates). Every other route needs a valid bearer token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Open to a user whose password an administrator reset and who has not chosen a new one yet (who am I,
 * change the password, sign out); every other route answers 403 PASSWORD_CHANGE_REQUIRED.
 */
export const WhilePasswordChangeDue = () => SetMetadata(PASSWORD_CHANGE_KEY, true);

/** Only these roles (on a controller or a route; the route's wins). Without it: any signed-in user. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);

/** Named rate limits (see `RATE_LIMITS` in auth.module.ts): per client IP, per minute. */
export type RateLimitName = 'login' | 'upload';
export const RateLimited = (name: RateLimitName) => SetMetadata(RATE_LIMIT_KEY, name);

/** The signed-in user (routes behind the guard only). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user)
    throw new Error('@CurrentUser() on a route without a signed-in user (is it @Public()?)');
  return user;
});

export function actorOf(req: AuthedRequest): Actor {
  return { userId: req.user?.id ?? null, email: req.user?.email ?? null, ip: req.ip ?? null };
}

/** Who is acting, for the audit trail: the signed-in user (if any) and the client IP. */
export const RequestActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  actorOf(ctx.switchToHttp().getRequest<AuthedRequest>()),
);
