import { MikroORM } from '@mikro-orm/core';
import {
  type INestApplication,
  type INestApplicationContext,
  ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { migrate } from './database/database.js';
import {
  QUEUE_WORKERS,
  type QueueWorker,
  startWorkers,
} from './infrastructure/queue/queue-workers.js';
import { assertRedisReachable } from './infrastructure/queue/redis.js';
import { JobProducer } from './infrastructure/queue/job-producer.service.js';
import { NightlyService } from './modules/reconciliation/index.js';
import { ImportsService } from './modules/imports/index.js';
import { QueueRecovery } from './infrastructure/queue/recovery.js';
import { mountQueueDashboard } from './modules/auth/index.js';
import { rateLimiting } from './modules/auth/index.js';
import { ReferenceService } from './modules/reference/index.js';

/**
 * Everything a process needs before it serves: schema migrated, reference data loaded, then the queue
 * workers started (they are created paused so no job runs against an unmigrated schema).
 */
export async function prepare(app: INestApplicationContext): Promise<void> {
  await migrate(app.get(MikroORM));
  await app.get(ReferenceService).syncFromSeeds();
  if (app.get<AppConfig>(APP_CONFIG).role !== 'api') {
    startWorkers(QUEUE_WORKERS.map((type) => app.get<QueueWorker>(type, { strict: false })));
    await app.get(NightlyService).schedule(app.get(JobProducer).queue('nightly'));
    const nightly = app.get(NightlyService);
    const imports = app.get(ImportsService);
    await app.get(QueueRecovery).start([
      { name: 'nightly runs', run: () => nightly.recover() },
      { name: 'import batches', run: () => imports.recover() },
    ]);
  }
}

const JSON_BODY_LIMIT = '256kb';

/** Builds the HTTP application for a configuration (used by `main.ts` and by the tests). */
export async function createHttpApp(
  config: AppConfig,
  opts: { logger?: boolean } = {},
): Promise<INestApplication> {
  await assertRedisReachable(config.redis.url);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, await rateLimiting(config)),
    {
      bufferLogs: true,
      logger: opts.logger === false ? false : undefined,
    },
  );
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  app.use(helmet());
  // JSON bodies are small (workbooks come as multipart uploads, limited separately)
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: false });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.disable('x-powered-by');
  const doc = new DocumentBuilder()
    .setTitle('sothu')
    .setDescription(
      'Social insurance collection: imports, reconciliation, arrears, ratios and inspection flags',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
  await mountQueueDashboard(app);
  await app.init();
  await prepare(app);
  return app;
}
