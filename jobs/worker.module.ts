import { type DynamicModule, Module } from '@nestjs/common';
import { coreModules, featureModules } from '../src/app.module.js';
import type { AppConfig } from '../src/config/config.js';

/** The worker process: the same feature modules and queues as the API, no controllers served. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...coreModules(config), ...(featureModules() ?? [])] };
  }
}
