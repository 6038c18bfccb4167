import { randomUUID } from 'node:crypto';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { ormOptions } from './database/orm.config.js';
import { ErrorFilter } from './infrastructure/http/error.filter.js';
import { webConsoleModules } from './infrastructure/http/web-console.js';
import { QueueModule } from './infrastructure/queue/queue.module.js';
import { ArrearsModule } from './modules/arrears/arrears.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthGuard } from './modules/auth/auth.guard.js';
import { AuthModule } from './modules/auth/auth.module.js';
import type { rateLimiting } from './modules/auth/rate-limits.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { EmployersModule } from './modules/employers/employers.module.js';
import { FlagsModule } from './modules/flags/flags.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ImportsModule } from './modules/imports/imports.module.js';
import { OfficesModule } from './modules/offices/offices.module.js';
import { PoliciesModule } from './modules/policies/policies.module.js';
import { ReceiptsModule } from './modules/receipts/receipts.module.js';
import { ReconciliationModule } from './modules/reconciliation/reconciliation.module.js';
import { ReferenceModule } from './modules/reference/reference.module.js';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

/** Feature modules shared by the HTTP app and the worker process. */
export function featureModules(): DynamicModule['imports'] {
  return [
    AuditModule,
    AuthModule,
    ReferenceModule,
    OfficesModule,
    ImportsModule,
    PoliciesModule,
    FlagsModule,
    CasesModule,
    ReconciliationModule,
    EmployersModule,
    ArrearsModule,
    ReceiptsModule,
  ];
}

/** Infrastructure shared by both processes: config, logs, database, queues. */
export function coreModules(config: AppConfig): NonNullable<DynamicModule['imports']> {
  return [
    ConfigModule.forRoot(config),
    LoggerModule.forRoot({
      pinoHttp: {
        level: config.logLevel,
        genReqId: (req, res) => {
          const given = req.headers['x-request-id'];
          const id =
            typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
          res.setHeader('x-request-id', id);
          return id;
        },
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        autoLogging: { ignore: (req) => req.url === '/health' },
      },
    }),
    MikroOrmModule.forRoot({ ...ormOptions(config.database), registerRequestContext: true }),
    QueueModule.forRoot(config),
  ];
}

/** The HTTP application (and, with ROLE=all, the workers too), and the web console at `/`. */
@Module({})
export class AppModule {
  /** `rateLimits`: from `rateLimiting(config)` (async: the throttler package loads lazily). */
  static forRoot(
    config: AppConfig,
    rateLimits: Awaited<ReturnType<typeof rateLimiting>>,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules(config),
        ...(featureModules() ?? []),
        HealthModule,
        rateLimits.module,
        ...webConsoleModules(),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
        // rate limits first (a flood is refused before any database work), then sign-in and roles
        rateLimits.guard,
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
    };
  }
}
