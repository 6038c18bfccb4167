import type { UserRole } from './roles.js';

/** The signed-in user of a request, with its office scope resolved once per request. */
export interface AuthUser {
  id: string;
  email: string;
  role: UserRole;
  /** Office codes the user is given. */
  offices: readonly string[];
  /** Province codes the user is given (every office of each). */
  provinces: readonly string[];
  /** Every office code this user may see: `all` for an admin, else its offices plus its provinces' offices. */
  scope: 'all' | ReadonlySet<string>;
  /** An administrator reset the password: only choosing a new one (and sign-out) is allowed. */
  mustChangePassword?: boolean;
}
