import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { ReferenceController } from './reference.controller.js';
import { ReferenceJobs } from './reference.jobs.js';
import { ReferenceService } from './reference.service.js';

@Module({
  imports: [AuditModule],
  controllers: [ReferenceController],
  providers: [ReferenceService, ReferenceJobs],
  exports: [ReferenceService],
})
export class ReferenceModule {}
