import { Module } from '@nestjs/common';
import { CaseEvidenceService } from './case-evidence.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { MinutesWorkbookService } from './minutes-workbook.service.js';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseEvidenceService, MinutesWorkbookService],
  exports: [CasesService, CaseEvidenceService],
})
export class CasesModule {}
