import { DualMigration } from './dual-migration.js';

/** Employer snapshots per day (arrears, ratio figures) and nightly runs. */
export class M0005SnapshotsAndRuns extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'create table `employer_snapshot` (`id` integer not null primary key autoincrement, `day` text not null, `unit_code` text not null, `office_code` text not null, `province_code` text not null, `overdue_principal` bigint not null, `principal_outstanding` bigint not null, `charges_unpaid` bigint not null, `credit` bigint not null, `months_of_debt_milli` integer not null, `debt_class` text null, `hard_to_collect` integer not null, `ageing` json not null, `ytd_receivable` bigint not null, `on_time_settled` bigint null, `on_time_receivable` bigint null, `run_id` text null, `computed_at` datetime not null);',
      'create index `employer_snapshot_unit_code_day_index` on `employer_snapshot` (`unit_code`, `day`);',
      'create index `employer_snapshot_day_office_code_index` on `employer_snapshot` (`day`, `office_code`);',
      'create unique index `employer_snapshot_day_unit_code_unique` on `employer_snapshot` (`day`, `unit_code`);',
      "create table `nightly_run` (`id` text not null primary key, `day` text not null, `status` text not null default 'running', `trigger` text not null, `employers` integer not null default 0, `chunks` integer not null default 0, `chunks_done` integer not null default 0, `started_at` datetime not null, `finished_at` datetime null, `report` json null);",
      'create index `nightly_run_day_index` on `nightly_run` (`day`);',
    ],
    postgresql: [
      'create table "employer_snapshot" ("id" bigserial primary key, "day" varchar(10) not null, "unit_code" varchar(10) not null, "office_code" varchar(5) not null, "province_code" varchar(10) not null, "overdue_principal" bigint not null, "principal_outstanding" bigint not null, "charges_unpaid" bigint not null, "credit" bigint not null, "months_of_debt_milli" int not null, "debt_class" varchar(16) null, "hard_to_collect" boolean not null, "ageing" jsonb not null, "ytd_receivable" bigint not null, "on_time_settled" bigint null, "on_time_receivable" bigint null, "run_id" varchar(36) null, "computed_at" timestamptz not null);',
      'create index "employer_snapshot_unit_code_day_index" on "employer_snapshot" ("unit_code", "day");',
      'create index "employer_snapshot_day_office_code_index" on "employer_snapshot" ("day", "office_code");',
      'alter table "employer_snapshot" add constraint "employer_snapshot_day_unit_code_unique" unique ("day", "unit_code");',
      'create table "nightly_run" ("id" varchar(36) not null, "day" varchar(10) not null, "status" varchar(10) not null default \'running\', "trigger" varchar(10) not null, "employers" int not null default 0, "chunks" int not null default 0, "chunks_done" int not null default 0, "started_at" timestamptz not null, "finished_at" timestamptz null, "report" jsonb null, primary key ("id"));',
      'create index "nightly_run_day_index" on "nightly_run" ("day");',
    ],
  };
}
