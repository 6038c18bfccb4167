import { BullModule } from '@nestjs/bullmq';
import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../../config/config.js';
import { QUEUES } from './job-catalogue.js';
import { JobProducer } from './job-producer.service.js';
import { JobRegistry } from './job-registry.service.js';
import { QUEUE_WORKERS } from './queue-workers.js';
import { QueueRecovery } from './recovery.js';
import { ShutdownSignal } from '../shutdown-signal.js';
import { createRedisClient, REDIS } from './redis.js';

/** BullMQ on Redis: queues and the producer always; workers only where the role runs them. */
@Global()
@Module({})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  static forRoot(config: AppConfig): DynamicModule {
    const runsWorkers = config.role !== 'api';
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({
          connection: { url: config.redis.url, maxRetriesPerRequest: null },
          prefix: config.redis.prefix,
        }),
        BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
      ],
      providers: [
        JobProducer,
        ShutdownSignal,
        { provide: REDIS, useFactory: () => createRedisClient(config.redis.url) },
        ...(runsWorkers ? [JobRegistry, QueueRecovery, ...QUEUE_WORKERS] : []),
      ],
      exports: [JobProducer, ShutdownSignal, BullModule, REDIS],
    };
  }
}
