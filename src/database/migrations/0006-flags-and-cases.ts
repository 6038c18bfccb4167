import { DualMigration } from './dual-migration.js';

/** Inspection flags (with the queue's indexes), policies (flag thresholds), inspection cases and their events. */
export class M0006FlagsAndCases extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'create table `case_event` (`id` integer not null primary key autoincrement, `case_id` bigint not null, `unit_code` text not null, `kind` text not null, `actor` text not null, `at` datetime not null, `from_status` text null, `to_status` text null, `note` text null, `date` text null, `assignee` text null, `amount` bigint null, `arrears` json null);',
      'create index `case_event_unit_code_kind_index` on `case_event` (`unit_code`, `kind`);',
      'create index `case_event_case_id_id_index` on `case_event` (`case_id`, `id`);',
      "create table `flag` (`id` integer not null primary key autoincrement, `unit_code` text not null, `office_code` text not null, `code` text not null, `severity` text not null, `status` text not null default 'open', `risk_score` bigint not null, `months_of_debt_milli` integer not null, `evidence` json not null, `raised_on` text not null, `raised_at` datetime not null, `evaluated_on` text not null, `updated_at` datetime not null, `cleared_on` text null, `cleared_at` datetime null, `closed_at` datetime null, `case_id` bigint null);",
      'create index `flag_case_id_index` on `flag` (`case_id`);',
      'create index `flag_unit_code_status_index` on `flag` (`unit_code`, `status`);',
      'create index `flag_code_status_risk_index` on `flag` (`code`, `status`, `risk_score`, `months_of_debt_milli`, `unit_code`, `id`);',
      'create index `flag_office_status_risk_index` on `flag` (`office_code`, `status`, `risk_score`, `months_of_debt_milli`, `unit_code`, `id`);',
      'create index `flag_status_risk_index` on `flag` (`status`, `risk_score`, `months_of_debt_milli`, `unit_code`, `id`);',
      "create unique index `flag_open_unit_code_unique` on `flag` (`unit_code`, `code`) where `status` = 'open';",
      "create table `inspection_case` (`id` integer not null primary key autoincrement, `unit_code` text not null, `office_code` text not null, `status` text not null default 'open', `assignee` text null, `last_reminder_on` text null, `reminders` integer not null default 0, `minutes_on` text null, `opened_by` text not null, `opened_at` datetime not null, `updated_at` datetime not null, `closed_at` datetime null, `version` integer not null default 1);",
      'create index `inspection_case_unit_code_status_index` on `inspection_case` (`unit_code`, `status`);',
      'create index `inspection_case_assignee_status_index` on `inspection_case` (`assignee`, `status`);',
      'create index `inspection_case_status_office_code_index` on `inspection_case` (`status`, `office_code`);',
      'create table `policy` (`key` text not null primary key, `value` json not null, `updated_at` datetime not null, `updated_by` text not null);',
    ],
    postgresql: [
      'create table "case_event" ("id" bigserial primary key, "case_id" bigint not null, "unit_code" varchar(10) not null, "kind" varchar(12) not null, "actor" varchar(200) not null, "at" timestamptz not null, "from_status" varchar(24) null, "to_status" varchar(24) null, "note" text null, "date" varchar(10) null, "assignee" varchar(200) null, "amount" bigint null, "arrears" jsonb null);',
      'create index "case_event_unit_code_kind_index" on "case_event" ("unit_code", "kind");',
      'create index "case_event_case_id_id_index" on "case_event" ("case_id", "id");',
      'create table "flag" ("id" bigserial primary key, "unit_code" varchar(10) not null, "office_code" varchar(5) not null, "code" varchar(24) not null, "severity" varchar(10) not null, "status" varchar(20) not null default \'open\', "risk_score" bigint not null, "months_of_debt_milli" int not null, "evidence" jsonb not null, "raised_on" varchar(10) not null, "raised_at" timestamptz not null, "evaluated_on" varchar(10) not null, "updated_at" timestamptz not null, "cleared_on" varchar(10) null, "cleared_at" timestamptz null, "closed_at" timestamptz null, "case_id" bigint null);',
      'create index "flag_case_id_index" on "flag" ("case_id");',
      'create index "flag_unit_code_status_index" on "flag" ("unit_code", "status");',
      'create index "flag_code_status_risk_index" on "flag" ("code", "status", "risk_score", "months_of_debt_milli", "unit_code", "id");',
      'create index "flag_office_status_risk_index" on "flag" ("office_code", "status", "risk_score", "months_of_debt_milli", "unit_code", "id");',
      'create index "flag_status_risk_index" on "flag" ("status", "risk_score", "months_of_debt_milli", "unit_code", "id");',
      'create unique index "flag_open_unit_code_unique" on "flag" ("unit_code", "code") where "status" = \'open\';',
      'create table "inspection_case" ("id" bigserial primary key, "unit_code" varchar(10) not null, "office_code" varchar(5) not null, "status" varchar(24) not null default \'open\', "assignee" varchar(200) null, "last_reminder_on" varchar(10) null, "reminders" int not null default 0, "minutes_on" varchar(10) null, "opened_by" varchar(200) not null, "opened_at" timestamptz not null, "updated_at" timestamptz not null, "closed_at" timestamptz null, "version" int not null default 1);',
      'create index "inspection_case_unit_code_status_index" on "inspection_case" ("unit_code", "status");',
      'create index "inspection_case_assignee_status_index" on "inspection_case" ("assignee", "status");',
      'create index "inspection_case_status_office_code_index" on "inspection_case" ("status", "office_code");',
      'create table "policy" ("key" varchar(60) not null, "value" jsonb not null, "updated_at" timestamptz not null, "updated_by" varchar(200) not null, primary key ("key"));',
    ],
  };
}
