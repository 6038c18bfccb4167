import { DualMigration } from './dual-migration.js';

/**
 * A failed import batch says which step failed (`parse` or `commit`), so a retry runs that step again
 * (a batch whose check never finished is never committed as if it had been checked). Flags of a status
 * other than open are grouped per employer for the inspection queue's history views from one covering
 * index instead of the table.
 */
export class M0016RetryAndQueueHistory extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'alter table `import_batch` add column `failed_step` text null;',
      'create index `flag_status_unit_history_index` on `flag` (`status`, `unit_code`, `severity`, `risk_score`, `months_of_debt_milli`, `office_code`, `evaluated_on`);',
    ],
    postgresql: [
      'alter table "import_batch" add column "failed_step" varchar(10) null;',
      'create index "flag_status_unit_history_index" on "flag" ("status", "unit_code", "severity", "risk_score", "months_of_debt_milli", "office_code", "evaluated_on");',
    ],
  };
}
