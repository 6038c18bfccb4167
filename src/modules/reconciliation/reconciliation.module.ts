import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { CasesModule, CasesService, LEDGER_READER } from '../cases/index.js';
import { EmployersModule } from '../employers/index.js';
import { FlagsModule, OPEN_CASE_READER } from '../flags/index.js';
import { LedgerFactsModule } from '../ledger-facts/index.js';
import { OfficesModule } from '../offices/index.js';
import { PoliciesModule } from '../policies/index.js';
import { ReferenceModule } from '../reference/index.js';
import { SnapshotsModule } from '../snapshots/index.js';
import { EmployerLock } from './employer-lock.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerInputsLoader } from './ledger-inputs.service.js';
import { NightlyService } from './nightly.service.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationJobs } from './reconciliation.jobs.js';
import { ReconciliationService } from './reconciliation.service.js';

/**
 * The ledger: computes employers' ledgers (on request and in runs), stores their snapshots and flags
 * through the owners, owns `nightly_run`. Global only to provide `LEDGER_READER` to the modules below
 * it that read the ledger (cases), which cannot import it, and `OPEN_CASE_READER` (cases' active cases)
 * to flags' inspection queue.
 */
@Global()
@Module({
  imports: [
    ReferenceModule,
    PoliciesModule,
    AuditModule,
    FlagsModule,
    CasesModule,
    LedgerFactsModule,
    EmployersModule,
    OfficesModule,
    SnapshotsModule,
  ],
  controllers: [ReconciliationController, LedgerController],
  providers: [
    ReconciliationService,
    LedgerInputsLoader,
    EmployerLock,
    NightlyService,
    ReconciliationJobs,
    { provide: LEDGER_READER, useExisting: ReconciliationService },
    { provide: OPEN_CASE_READER, useExisting: CasesService },
  ],
  exports: [ReconciliationService, NightlyService, LEDGER_READER, OPEN_CASE_READER],
})
export class ReconciliationModule {}
