import { DualMigration } from './dual-migration.js';

/**
 * Flags follow the day runs only (domain.md §9): a run records whether it evaluated flags and, if not,
 * the later day that had been; the inspection queue reads the suspense receipts suggested for each
 * employer by `suggestion`. No flag is changed: flags already open stay for inspectors.
 */
export class M0007DayRunFlags extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'alter table `nightly_run` add column `flags_evaluated` integer not null default false;',
      'alter table `nightly_run` add column `flags_latest_day` text null;',
      'create index `receipt_suggestion_unit_code_index` on `receipt` (`suggestion`, `unit_code`);',
    ],
    postgresql: [
      'alter table "nightly_run" add column "flags_evaluated" boolean not null default false;',
      'alter table "nightly_run" add column "flags_latest_day" varchar(10) null;',
      'create index "receipt_suggestion_unit_code_index" on "receipt" ("suggestion", "unit_code");',
    ],
  };
}
