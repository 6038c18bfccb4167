import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { EmployersModule } from '../employers/index.js';
import { LedgerFactsModule } from '../ledger-facts/index.js';
import { PoliciesModule } from '../policies/index.js';
import { SnapshotsModule } from '../snapshots/index.js';
import { FlagQueueService } from './flag-queue.service.js';
import { FlagsController } from './flags.controller.js';
import { FlagsService } from './flags.service.js';
import { InspectionQueueService } from './inspection-queue.service.js';

/** Owner of `flag`: the evaluation's lifecycle and the inspectors' queue. */
@Module({
  imports: [PoliciesModule, AuditModule, EmployersModule, SnapshotsModule, LedgerFactsModule],
  controllers: [FlagsController],
  providers: [FlagsService, FlagQueueService, InspectionQueueService],
  exports: [FlagsService, FlagQueueService, InspectionQueueService],
})
export class FlagsModule {}
