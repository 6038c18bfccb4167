import { Module } from '@nestjs/common';
import { ReferenceJobs } from './reference.jobs.js';
import { ReferenceService } from './reference.service.js';

@Module({ providers: [ReferenceService, ReferenceJobs], exports: [ReferenceService] })
export class ReferenceModule {}
