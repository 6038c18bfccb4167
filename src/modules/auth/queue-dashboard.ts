import type { createBullBoard as CreateBullBoard } from '@bull-board/api';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { QUEUES } from '../../infrastructure/queue/job-catalogue.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import { AuthService } from './auth.service.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The bearer token of a request: the Authorization header, or the console's `sothu_token` cookie. */
function tokenOf(req: Request): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1]!;
  const cookie = /(?:^|;\s*)sothu_token=([^;]+)/.exec(req.headers.cookie ?? '');
  return cookie ? decodeURIComponent(cookie[1]!) : null;
}

/**
 * Bull Board at /admin/queues, for admins only. It is Express middleware, not a Nest route, so the
 * global guard does not see it: this checks the same token itself. Bull Board (with its Express
 * adapter, static files and lodash) is loaded here, by the API only: a worker never serves it.
 */
export async function mountQueueDashboard(app: INestApplication): Promise<void> {
  const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/express'),
  ]);
  const server = new ExpressAdapter();
  server.setBasePath(QUEUE_DASHBOARD_PATH);
  const producer = app.get(JobProducer);
  // @bull-board/express 9.10.1 carries its own copy of @bull-board/api: same shapes, separate declarations
  const serverAdapter = server as unknown as Parameters<typeof CreateBullBoard>[0]['serverAdapter'];
  createBullBoard({
    queues: QUEUES.map((q) => new BullMQAdapter(producer.queue(q))),
    serverAdapter,
  });
  const auth = app.get(AuthService);
  const adminOnly = (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req);
    const refuse = (status: number, code: string, message: string) =>
      res.status(status).json({ error: { code, message } });
    if (!token)
      return refuse(401, 'UNAUTHENTICATED', 'Sign in as an administrator to see the queues');
    auth
      .authenticate(token)
      .then((user) =>
        user.role === 'admin'
          ? next()
          : refuse(403, 'FORBIDDEN', 'The queue dashboard is for administrators'),
      )
      .catch(() => refuse(401, 'UNAUTHENTICATED', 'Sign in as an administrator to see the queues'));
  };
  app.use(QUEUE_DASHBOARD_PATH, adminOnly, server.getRouter());
}
