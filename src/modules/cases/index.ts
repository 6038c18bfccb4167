export { CasesModule } from './cases.module.js';
export { CasesService } from './cases.service.js';
export { CaseEvidenceService, type CaseEvidence } from './case-evidence.service.js';
export { LEDGER_READER, type LedgerReader, type LedgerResult } from './ledger.port.js';
