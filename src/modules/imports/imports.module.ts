import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AuditModule } from '../audit/index.js';
import { EmployersModule } from '../employers/index.js';
import { LedgerFactsModule } from '../ledger-facts/index.js';
import { OfficesModule } from '../offices/index.js';
import { ReceiptsModule } from '../receipts/index.js';
import { ImportBatchStamps } from './import-batch.stamps.js';
import { ImportPipeline } from './import-pipeline.service.js';
import { ImportsController } from './imports.controller.js';
import { ImportJobs } from './imports.jobs.js';
import { ImportsService } from './imports.service.js';
import { TemplatesController } from './templates.controller.js';

@Module({
  imports: [
    AuditModule,
    LedgerFactsModule,
    EmployersModule,
    OfficesModule,
    ReceiptsModule,
    MulterModule.registerAsync({
      // uploads over the limit are refused by multer with 413 before anything is stored
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.limits.uploadMaxBytes, files: 1 },
      }),
      inject: [APP_CONFIG],
    }),
  ],
  controllers: [TemplatesController, ImportsController],
  providers: [ImportsService, ImportPipeline, ImportJobs, ImportBatchStamps],
  exports: [ImportsService],
})
export class ImportsModule {}
