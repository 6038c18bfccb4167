import type { DynamicModule, ExecutionContext, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../../config/config.js';
import { RATE_LIMIT_KEY, type RateLimitName } from '../access/index.js';

function routeLimit(ctx: ExecutionContext): RateLimitName | undefined {
  return (Reflect.getMetadata(RATE_LIMIT_KEY, ctx.getHandler()) ??
    Reflect.getMetadata(RATE_LIMIT_KEY, ctx.getClass())) as RateLimitName | undefined;
}

/**
 * Per client IP, per minute, only on routes marked `@RateLimited(name)`: sign-in against password
 * guessing, uploads against flooding the disk and the queue. Counters are per process (in memory).
 */
export function rateLimits(config: AppConfig): ThrottlerModuleOptions {
  const limits: Record<RateLimitName, number> = {
    login: config.auth.loginsPerMinute,
    upload: config.limits.uploadsPerMinute,
  };
  return {
    errorMessage: 'Too many requests from this address: wait a minute and try again',
    throttlers: (Object.keys(limits) as RateLimitName[]).map((name) => ({
      name,
      ttl: 60_000,
      limit: limits[name],
      skipIf: (ctx: ExecutionContext) => routeLimit(ctx) !== name,
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
