import { AppError } from '../../infrastructure/http/app-error.js';
import { POLICIES } from './policies.registry.js';

export class UnknownPolicyError extends AppError {
  constructor(key: string) {
    super(
      'POLICY_UNKNOWN',
      `There is no policy '${key}'; the policies are ${Object.keys(POLICIES).join(', ')}`,
      404,
      {
        key,
        keys: Object.keys(POLICIES),
      },
    );
  }
}

export class InvalidPolicyError extends AppError {
  constructor(key: string, issues: { path: string; message: string }[]) {
    super(
      'POLICY_INVALID',
      `The value given for policy '${key}' is not valid: ${issues.map((i) => `${i.path || '(value)'}: ${i.message}`).join('; ')}`,
      422,
      {
        key,
        issues,
      },
    );
  }
}
