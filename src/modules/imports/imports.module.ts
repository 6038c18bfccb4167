import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AuditModule } from '../audit/index.js';
import { EmployersModule } from '../employers/index.js';
import { LedgerFactsModule } from '../ledger-facts/index.js';
import { OfficesModule } from '../offices/index.js';
import { ReceiptsModule } from '../receipts/index.js';
import { ImportBatchStamps } from './import-batch.stamps.js';
import { AuthModule } from '../auth/index.js';
import { ImportPipeline } from './import-pipeline.service.js';
import { ImportSetsController } from './import-sets.controller.js';
import { MAX_FILES_PER_UPLOAD } from './workbook-limits.js';
import { ImportsController } from './imports.controller.js';
import { ImportJobs } from './imports.jobs.js';
import { ImportsService } from './imports.service.js';
import { TemplatesController } from './templates.controller.js';

@Module({
  imports: [
    AuditModule,
    AuthModule,
    LedgerFactsModule,
    EmployersModule,
    OfficesModule,
    ReceiptsModule,
    MulterModule.registerAsync({
      // uploads over the limit are refused by multer with 413 before anything is stored
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.limits.uploadMaxBytes, files: MAX_FILES_PER_UPLOAD },
      }),
      inject: [APP_CONFIG],
    }),
  ],
  controllers: [TemplatesController, ImportsController, ImportSetsController],
  providers: [ImportsService, ImportPipeline, ImportJobs, ImportBatchStamps],
  exports: [ImportsService],
})
export class ImportsModule {}
