import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LedgerInputsModule } from '../reconciliation/ledger-inputs.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { CaseEvidenceService } from './case-evidence.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { MinutesWorkbookService } from './minutes-workbook.service.js';

@Module({
  imports: [AuditModule, ReferenceModule, LedgerInputsModule],
  controllers: [CasesController],
  providers: [CasesService, CaseEvidenceService, MinutesWorkbookService],
  exports: [CasesService, CaseEvidenceService],
})
export class CasesModule {}
