import { DualMigration } from './dual-migration.js';

/**
 * Reference data an administrator keeps (issue 19): who entered each value and when (null: loaded from
 * the seed files), and the gaps — the reference values an employer's stored figures needed and did not
 * find (domain.md §6 "A k not yet known").
 */
export class M0009ReferenceEntriesAndGaps extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'alter table `reference_value` add column `entered_by` text null;',
      'alter table `reference_value` add column `entered_at` datetime null;',
      'create table `reference_gap` (`id` integer not null primary key autoincrement, `unit_code` text not null, `kind` text not null, `key` text not null, `year` integer not null, `as_of` text not null, `recorded_at` datetime not null);',
      'create index `reference_gap_kind_key_year_index` on `reference_gap` (`kind`, `key`, `year`);',
      'create unique index `reference_gap_unit_code_kind_key_year_unique` on `reference_gap` (`unit_code`, `kind`, `key`, `year`);',
    ],
    postgresql: [
      'alter table "reference_value" add column "entered_by" varchar(200) null, add column "entered_at" timestamptz null;',
      'create table "reference_gap" ("id" serial primary key, "unit_code" varchar(10) not null, "kind" varchar(40) not null, "key" varchar(40) not null, "year" int not null, "as_of" varchar(10) not null, "recorded_at" timestamptz not null);',
      'create index "reference_gap_kind_key_year_index" on "reference_gap" ("kind", "key", "year");',
      'alter table "reference_gap" add constraint "reference_gap_unit_code_kind_key_year_unique" unique ("unit_code", "kind", "key", "year");',
    ],
  };
}
