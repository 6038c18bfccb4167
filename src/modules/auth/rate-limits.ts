import type { DynamicModule, ExecutionContext, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../../config/config.js';
import { RATE_LIMIT_KEY, type RateLimitName } from '../access/index.js';

function routeLimit(ctx: ExecutionContext): RateLimitName | undefined {
  return (Reflect.getMetadata(RATE_LIMIT_KEY, ctx.getHandler()) ??
    Reflect.getMetadata(RATE_LIMIT_KEY, ctx.getClass())) as RateLimitName | undefined;
}

/**
 * Who an upload is counted against: the signed-in user its bearer token names (checked here, before any
 * database work: a forged token counts against its address and is refused by sign-in after), else the
 * client address. One request counts once, however many files it carries.
 */
export function uploadTracker(
  config: AppConfig,
): (req: { headers?: unknown; ip?: unknown }) => string {
  const jwt = new JwtService({
    secret: config.auth.jwtSecret,
    verifyOptions: { algorithms: ['HS256'] },
  });
  return (req) => {
    const auth = (req.headers as Record<string, string | undefined> | undefined)?.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (token) {
      try {
        const { sub } = jwt.verify<{ sub: string }>(token);
        if (typeof sub === 'string' && sub) return `user:${sub}`;
      } catch {
        // not a valid token: counted by address
      }
    }
    return `ip:${String(req.ip ?? '')}`;
  };
}

/**
 * Per minute, only on routes marked `@RateLimited(name)`: sign-in per client IP against password
 * guessing; uploads per signed-in user (requests, not files: a month's files go in one) against flooding
 * the disk and the queue. Counters are per process (in memory).
 */
export function rateLimits(config: AppConfig): ThrottlerModuleOptions {
  const tracker = uploadTracker(config);
  const limits: Record<RateLimitName, number> = {
    login: config.auth.loginsPerMinute,
    upload: config.limits.uploadsPerMinute,
  };
  return {
    errorMessage: 'Too many requests: wait a minute and try again',
    throttlers: (Object.keys(limits) as RateLimitName[]).map((name) => ({
      name,
      ttl: 60_000,
      limit: limits[name],
      skipIf: (ctx: ExecutionContext) => routeLimit(ctx) !== name,
      ...(name === 'upload' ? { getTracker: tracker } : {}),
    })),
  };
}

/**
 * The throttler module and its global guard. `@nestjs/throttler` is CommonJS requiring the ESM-only
 * `@nestjs/common`: loaded lazily, once Nest is fully loaded, so Jest's ESM runtime (which refuses a
 * `require(esm)` inside an import cycle) can load it too.
 */
export async function rateLimiting(
  config: AppConfig,
): Promise<{ module: DynamicModule; guard: Provider }> {
  const { ThrottlerModule, ThrottlerGuard } = await import('@nestjs/throttler');
  return {
    module: ThrottlerModule.forRoot(rateLimits(config)),
    guard: { provide: APP_GUARD, useClass: ThrottlerGuard },
  };
}
