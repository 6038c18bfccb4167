import type { Request, Response } from 'express';
import type { IssuedToken } from './auth.service.js';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard.js';

/**
 * The console keeps its bearer token in the browser and sends it as a header; a plain link to the queue
 * dashboard (server pages, not the console's) cannot. So sign-in also sets the token as an httpOnly
 * cookie sent only to the dashboard's path: scripts never read it and no API route accepts it, so it
 * opens nothing else (and invites no cross-site request on the API).
 */
export const SESSION_COOKIE = 'sothu_token';

export function setSessionCookie(req: Request, res: Response, issued: IssuedToken): void {
  res.cookie(SESSION_COOKIE, issued.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: QUEUE_DASHBOARD_PATH,
    expires: new Date(issued.expiresAt),
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: QUEUE_DASHBOARD_PATH,
  });
}
