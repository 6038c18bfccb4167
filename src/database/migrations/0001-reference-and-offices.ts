import { DualMigration } from './dual-migration.js';

export class M0001ReferenceAndOffices extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'create table `office` (`code` text not null primary key, `name` text not null, `province_code` text not null);',
      'create index `office_province_code_index` on `office` (`province_code`);',
      'create table `reference_value` (`id` integer not null primary key autoincrement, `kind` text not null, `key` text not null, `effective_from` text not null, `value` bigint not null, `source` text null);',
      'create unique index `reference_value_kind_key_effective_from_unique` on `reference_value` (`kind`, `key`, `effective_from`);',
    ],
    postgresql: [
      'create table "office" ("code" varchar(5) not null, "name" varchar(200) not null, "province_code" varchar(5) not null, primary key ("code"));',
      'create index "office_province_code_index" on "office" ("province_code");',
      'create table "reference_value" ("id" serial primary key, "kind" varchar(40) not null, "key" varchar(40) not null, "effective_from" varchar(10) not null, "value" bigint not null, "source" text null);',
      'alter table "reference_value" add constraint "reference_value_kind_key_effective_from_unique" unique ("kind", "key", "effective_from");',
    ],
  };
}
