import { AppError } from '../../infrastructure/http/app-error.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem } from './password.js';

export class UnauthenticatedError extends AppError {
  constructor(
    message = 'Sign in first: send Authorization: Bearer <token> from POST /api/auth/login',
  ) {
    super('UNAUTHENTICATED', message, 401);
  }
}

/** One answer for an unknown email, a wrong password and a deactivated account: nothing to enumerate. */
export class InvalidCredentialsError extends AppError {
  constructor() {
    super('INVALID_CREDENTIALS', 'The email or password is not right', 401);
  }
}

export class AccountLockedError extends AppError {
  constructor(until: Date) {
    super(
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins: try again after ${until.toISOString()}`,
      423,
      {
        lockedUntil: until.toISOString(),
      },
    );
  }
}

export class RoleForbiddenError extends AppError {
  constructor(role: string, allowed: readonly string[]) {
    super('FORBIDDEN', `This needs the role ${allowed.join(' or ')}; you are ${role}`, 403, {
      role,
      allowed,
    });
  }
}

export class UserExistsError extends AppError {
  constructor(email: string) {
    super('USER_EXISTS', `A user ${email} already exists`, 409, { email });
  }
}

export class WeakPasswordError extends AppError {
  constructor(problem: PasswordProblem) {
    super('WEAK_PASSWORD', problem.message, 400, {
      reason: problem.reason,
      min: PASSWORD_MIN_LENGTH,
      max: PASSWORD_MAX_LENGTH,
    });
  }
}

/** `reason`: `admin-scoped` (an admin given offices), `scope-required`, `unknown` (offices or provinces). */
export class UserScopeInvalidError extends AppError {
  constructor(
    message: string,
    details: { reason: 'admin-scoped' | 'scope-required' | 'unknown' } & Record<string, unknown>,
  ) {
    super('USER_SCOPE_INVALID', message, 400, details);
  }
}

/** A reset password is for one sign-in: until the user chooses a new one, only that (and sign-out) works. */
export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(
      'PASSWORD_CHANGE_REQUIRED',
      'Your password was reset by an administrator: choose a new one first',
      403,
    );
  }
}

/** The current password given to change it is not right. */
export class CurrentPasswordWrongError extends AppError {
  constructor() {
    super('CURRENT_PASSWORD_WRONG', 'The current password is not right', 400);
  }
}

/** An administrator may not deactivate (or reset) the account it is signed in with. */
export class OwnAccountError extends AppError {
  constructor(action: string) {
    super('USER_OWN_ACCOUNT', `You cannot ${action} the account you are signed in with`, 400, {
      action,
    });
  }
}
