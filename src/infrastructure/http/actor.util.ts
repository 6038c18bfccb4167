import type { Request } from 'express';

/**
 * Who is making a request, for audit records: the signed-in user's email once authentication sets
 * `req.user`, `system` until then.
 */
export function actorOf(req: Request): string {
  const user = (req as Request & { user?: { email?: unknown } }).user;
  return typeof user?.email === 'string' && user.email ? user.email.slice(0, 200) : 'system';
}
