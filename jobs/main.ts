import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { prepare } from '../src/bootstrap.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { assertRedisReachable } from '../src/infrastructure/queue/redis.js';
import { exitOnSignals } from '../src/infrastructure/shutdown.js';
import { WorkerModule } from './worker.module.js';

/**
 * Worker entry point (`npm run start:worker`): an application context with no HTTP server, running the
 * queue workers against the same Redis and database as the API. Start more of these, on more machines,
 * to scale out.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, ROLE: process.env.ROLE ?? 'worker' });
  if (config.role === 'api') throw new ConfigError(['ROLE: api runs no workers; use `npm start` for the API']);
  await assertRedisReachable(config.redis.url);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  await prepare(app);
  exitOnSignals(app, config.shutdownGraceMs, 'sothu worker');
  process.stdout.write(`sothu worker running (${config.database.kind}, concurrency ${config.workerConcurrency})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`sothu worker: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
