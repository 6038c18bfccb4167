import { DualMigration } from './dual-migration.js';

/**
 * Flags follow the day runs only (domain.md §9): a run records whether it evaluated flags and, if not,
 * the later day that had been; the inspection queue reads the suspense receipts suggested for each
 * employer by `suggestion`; open flags carry their employer's highest open severity (`queue_rank`, the
 * queue's first key; filled here for the flags already open). No flag is opened, cleared or closed:
 * flags already open stay for inspectors.
 */
export class M0007DayRunFlags extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'alter table `nightly_run` add column `flags_evaluated` integer not null default false;',
      'alter table `nightly_run` add column `flags_latest_day` text null;',
      'create index `receipt_suggested_unit_index` on `receipt` (`suggestion`, `unit_code`);',
      'alter table `flag` add column `queue_rank` integer not null default 0;',
      'create index `flag_status_queue_index` on `flag` (`status`, `queue_rank`, `risk_score`, `months_of_debt_milli`, `unit_code`);',
      'create index `flag_office_status_queue_index` on `flag` (`office_code`, `status`, `queue_rank`, `risk_score`, `months_of_debt_milli`, `unit_code`);',
      'create index `flag_code_status_queue_index` on `flag` (`code`, `status`, `queue_rank`, `risk_score`, `months_of_debt_milli`, `unit_code`);',
      'create index `flag_severity_status_queue_index` on `flag` (`severity`, `status`, `queue_rank`, `risk_score`, `months_of_debt_milli`, `unit_code`);',
      "update `flag` set `queue_rank` = (select max(case g.severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end) from `flag` g where g.`unit_code` = `flag`.`unit_code` and g.`status` = 'open') where `status` = 'open';",
    ],
    postgresql: [
      'alter table "nightly_run" add column "flags_evaluated" boolean not null default false;',
      'alter table "nightly_run" add column "flags_latest_day" varchar(10) null;',
      'create index "receipt_suggested_unit_index" on "receipt" ("suggestion", "unit_code");',
      'alter table "flag" add column "queue_rank" int not null default 0;',
      'create index "flag_status_queue_index" on "flag" ("status", "queue_rank", "risk_score", "months_of_debt_milli", "unit_code");',
      'create index "flag_office_status_queue_index" on "flag" ("office_code", "status", "queue_rank", "risk_score", "months_of_debt_milli", "unit_code");',
      'create index "flag_code_status_queue_index" on "flag" ("code", "status", "queue_rank", "risk_score", "months_of_debt_milli", "unit_code");',
      'create index "flag_severity_status_queue_index" on "flag" ("severity", "status", "queue_rank", "risk_score", "months_of_debt_milli", "unit_code");',
      'update "flag" set "queue_rank" = (select max(case g.severity when \'critical\' then 4 when \'high\' then 3 when \'medium\' then 2 when \'low\' then 1 else 0 end) from "flag" g where g."unit_code" = "flag"."unit_code" and g."status" = \'open\') where "status" = \'open\';',
    ],
  };
}
