import { randomUUID } from 'node:crypto';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { Clock, clockOf } from './infrastructure/clock.js';
import { ormOptions } from './database/orm.config.js';
import { ErrorFilter } from './infrastructure/http/error.filter.js';
import { GenerationCacheModule } from './infrastructure/http/generation-cache.js';
import { webConsoleModules } from './infrastructure/http/web-console.js';
import { QueueModule } from './infrastructure/queue/queue.module.js';
import { ArrearsModule } from './modules/arrears/index.js';
import { AuditModule } from './modules/audit/index.js';
import { AuthGuard } from './modules/auth/index.js';
import { AuthModule } from './modules/auth/index.js';
import type { rateLimiting } from './modules/auth/index.js';
import { CasesModule } from './modules/cases/index.js';
import { EmployersModule } from './modules/employers/index.js';
import { FlagsModule } from './modules/flags/index.js';
import { HealthModule } from './modules/health/index.js';
import { ImportsModule } from './modules/imports/index.js';
import { OfficesModule } from './modules/offices/index.js';
import { PoliciesModule } from './modules/policies/index.js';
import { ReceiptsModule } from './modules/receipts/index.js';
import { ReconciliationModule } from './modules/reconciliation/index.js';
import { ReferenceModule } from './modules/reference/index.js';
import { ReportsModule } from './modules/reports/index.js';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clockOf(config) },
      ],
      exports: [APP_CONFIG, Clock],
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
    ReportsModule,
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
    DatabaseModule,
    GenerationCacheModule,
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
