import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { coreModules, featureModules } from '../../src/app.module.js';
import { prepare } from '../../src/bootstrap.js';
import type { AppConfig } from '../../src/config/config.js';
import { assertRedisReachable } from '../../src/infrastructure/queue/redis.js';
import { SYSTEM_ACTOR } from '../../src/modules/access/actor.js';
import type { AuthUser } from '../../src/modules/access/auth-user.js';
import { ImportBatch } from '../../src/modules/imports/import-batch.entity.js';
import { ImportPipeline } from '../../src/modules/imports/import-pipeline.service.js';
import { ImportsService } from '../../src/modules/imports/imports.service.js';
import { type DbKind, eventually, isolatedConfig } from './harness.js';

/** The feature modules and infrastructure of the service, no HTTP: what a service spec runs against. */
@Module({})
class ServiceSpecModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ServiceSpecModule, imports: [...coreModules(config), ...featureModules()!] };
  }
}

export interface ServiceContext {
  /** The Nest application context: `t.ctx.get(ReconciliationService)`. */
  ctx: INestApplicationContext;
  config: AppConfig;
  /** A fresh EntityManager fork, to read (or arrange) rows directly. */
  em: () => EntityManager;
  close: () => Promise<void>;
}

export interface ServiceContextOptions {
  /**
   * Start the queue workers in this process (ROLE=worker), for specs of work that goes through the
   * queues (the nightly run's flow). Without them (ROLE=api), jobs a service enqueues wait in the
   * suite's own Redis prefix and nothing runs behind the spec's back.
   */
  workers?: boolean;
  /** More environment for `loadConfig` (limits, thresholds…). */
  env?: Record<string, string>;
}

/**
 * Boots the real feature modules in a Nest application context (no HTTP server) on a clean, migrated
 * database of the given kind (reference data loaded, as at startup) and a Redis key prefix of its own
 * (the queues and the employer locks live there), as {@link startTestApp} does for the HTTP app.
 */
export async function startServiceContext(
  kind: DbKind,
  opts: ServiceContextOptions = {},
): Promise<ServiceContext> {
  const { config, cleanUp, dropDatabase } = await isolatedConfig(kind, {
    ROLE: opts.workers ? 'worker' : 'api',
    NIGHTLY_CRON: 'off',
    ...opts.env,
  });
  let ctx: INestApplicationContext | undefined;
  try {
    await assertRedisReachable(config.redis.url);
    ctx = await NestFactory.createApplicationContext(ServiceSpecModule.forRoot(config), {
      logger: false,
    });
    await ctx.init();
    await prepare(ctx);
  } catch (err) {
    await ctx?.close().catch(() => undefined); // the error that matters is the start's
    await dropDatabase();
    throw err;
  }
  const app = ctx;
  return {
    ctx: app,
    config,
    em: () => app.get(EntityManager).fork(),
    close: async () => {
      await app.close();
      await cleanUp();
    },
  };
}

/** The admin the import specs upload as (a user id only: batches record their uploader). */
export const SPEC_ADMIN: AuthUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@spec.example',
  role: 'admin',
  offices: [],
  provinces: [],
  scope: 'all',
};

/**
 * A workbook through the import services as the jobs run them: received as an upload
 * (`ImportsService.receiveSet`, a set of one), parsed (`ImportPipeline.parse`: here, or by the `import.parse` job where
 * the context runs workers), then committed unless the parse refused it (`ImportPipeline.commit`, here:
 * not the commit job, which would also queue a reconciliation as of today). Returns the batch as stored
 * after the last step.
 */
export async function importWorkbook(
  t: ServiceContext,
  path: string,
  kind: string,
  opts: { period?: string; commit?: boolean } = {},
): Promise<ImportBatch> {
  const {
    batches: [received],
  } = await t.ctx
    .get(ImportsService)
    .receiveSet(
      [{ originalName: basename(path), bytes: await readFile(path), hint: kind }],
      SPEC_ADMIN,
      SYSTEM_ACTOR,
      opts.period,
    );
  if (!received) throw new Error('no batch received');
  const pipeline = t.ctx.get(ImportPipeline);
  const parsed =
    t.config.role === 'api'
      ? await parseAlone(pipeline, received.id)
      : await eventually(async () => {
          const b = await t.em().findOneOrFail(ImportBatch, { id: received.id });
          return ['queued', 'parsing'].includes(b.status) ? undefined : b;
        });
  if (parsed.status !== 'validated' || opts.commit === false) return parsed;
  return (await pipeline.commit(received.id)).batch;
}

/** A set of one never waits for a registry file of its set. */
async function parseAlone(pipeline: ImportPipeline, id: string): Promise<ImportBatch> {
  const b = await pipeline.parse(id);
  if (b === 'wait') throw new Error('a set of one waited for a registry');
  return b;
}
