import { randomUUID } from 'node:crypto';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { ormOptions } from './database/orm.config.js';
import { ErrorFilter } from './infrastructure/http/error.filter.js';
import { webConsoleModules } from './infrastructure/http/web-console.js';
import { QueueModule } from './infrastructure/queue/queue.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ImportsModule } from './modules/imports/imports.module.js';
import { OfficesModule } from './modules/offices/offices.module.js';
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
  return [ReferenceModule, OfficesModule, ImportsModule];
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
          const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
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
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...coreModules(config), ...(featureModules() ?? []), HealthModule, ...webConsoleModules()],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
