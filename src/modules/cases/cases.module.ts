import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { AuthModule } from '../auth/index.js';
import { EmployersModule } from '../employers/index.js';
import { FlagsModule } from '../flags/index.js';
import { SnapshotsModule } from '../snapshots/index.js';
import { CaseEvidenceService } from './case-evidence.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { MinutesWorkbookService } from './minutes-workbook.service.js';

/**
 * Owner of `inspection_case` and `case_event`. Reads the ledger through `LEDGER_READER`, which
 * reconciliation (above) provides globally.
 */
@Module({
  imports: [AuditModule, AuthModule, EmployersModule, FlagsModule, SnapshotsModule],
  controllers: [CasesController],
  providers: [CasesService, CaseEvidenceService, MinutesWorkbookService],
  exports: [CasesService, CaseEvidenceService],
})
export class CasesModule {}
