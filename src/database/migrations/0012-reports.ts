import { DualMigration } from './dual-migration.js';

/** Bulk reports (an office's C12-TS notices for a month) with their per-employer items; ratio targets. */
export class M0012Reports extends DualMigration {
  protected readonly statements = {
    sqlite: [
      "create table `report` (`id` text not null primary key, `kind` text not null, `period` text not null, `office_code` text null, `requested_by` text not null, `status` text not null default 'running', `total` integer not null default 0, `created_at` datetime not null, `finished_at` datetime null);",
      'create index `report_requested_by_index` on `report` (`requested_by`);',
      "create table `report_item` (`report_id` text not null, `unit_code` text not null, `status` text not null default 'pending', `error` text null, primary key (`report_id`, `unit_code`));",
      'create index `report_item_report_id_status_index` on `report_item` (`report_id`, `status`);',
      'create table `ratio_target` (`scope` text not null, `code` text not null, `year` integer not null, `percent_centi` integer not null, `set_by` text not null, `set_at` datetime not null, primary key (`scope`, `code`, `year`));',
    ],
    postgresql: [
      'create table "report" ("id" varchar(36) not null, "kind" varchar(20) not null, "period" varchar(7) not null, "office_code" varchar(5) null, "requested_by" varchar(36) not null, "status" varchar(10) not null default \'running\', "total" int not null default 0, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));',
      'create index "report_requested_by_index" on "report" ("requested_by");',
      'create table "report_item" ("report_id" varchar(36) not null, "unit_code" varchar(10) not null, "status" varchar(10) not null default \'pending\', "error" varchar(500) null, primary key ("report_id", "unit_code"));',
      'create index "report_item_report_id_status_index" on "report_item" ("report_id", "status");',
      'create table "ratio_target" ("scope" varchar(10) not null, "code" varchar(10) not null, "year" int not null, "percent_centi" int not null, "set_by" varchar(200) not null, "set_at" timestamptz not null, primary key ("scope", "code", "year"));',
    ],
  };
}
