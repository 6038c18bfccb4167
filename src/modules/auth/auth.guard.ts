import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AuthedRequest, PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from '../access/index.js';
import {
  PasswordChangeRequiredError,
  RoleForbiddenError,
  UnauthenticatedError,
} from './auth.errors.js';
import { AuthService } from './auth.service.js';
import type { UserRole } from './user.entity.js';

/**
 * Global guard: every route needs `Authorization: Bearer <token>` unless `@Public()`, and the user's
 * role must be one the route's `@Roles(...)` names. Office scope is the feature's to check (office-scope.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) throw new UnauthenticatedError();
    const user = await this.auth.authenticate(m[1]);
    req.user = user;
    if (
      user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_KEY, targets)
    )
      throw new PasswordChangeRequiredError();
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) throw new RoleForbiddenError(user.role, roles);
    return true;
  }
}
