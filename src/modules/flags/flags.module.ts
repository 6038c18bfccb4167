import { AuditModule } from '../audit/audit.module.js';
import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module.js';
import { FlagQueueService } from './flag-queue.service.js';
import { FlagsController } from './flags.controller.js';
import { FlagsService } from './flags.service.js';

@Module({
  imports: [PoliciesModule, AuditModule],
  controllers: [FlagsController],
  providers: [FlagsService, FlagQueueService],
  exports: [FlagsService, FlagQueueService],
})
export class FlagsModule {}
