import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { FlagsModule } from '../flags/flags.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { EmployerLock } from './employer-lock.js';
import { LedgerInputsModule } from './ledger-inputs.module.js';
import { NightlyService } from './nightly.service.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationJobs } from './reconciliation.jobs.js';
import { ReconciliationService } from './reconciliation.service.js';

@Module({
  imports: [ReferenceModule, AuditModule, FlagsModule, CasesModule, LedgerInputsModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationService, EmployerLock, NightlyService, ReconciliationJobs],
  exports: [ReconciliationService, NightlyService],
})
export class ReconciliationModule {}
