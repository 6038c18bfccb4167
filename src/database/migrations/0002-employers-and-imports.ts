import { DualMigration } from './dual-migration.js';

export class M0002EmployersAndImports extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'create table `employer` (`unit_code` text not null primary key, `name` text not null, `tax_code` text null, `office_code` text not null, `region` text not null, `cycle` text not null, `oa_rate_bp` integer not null, `status` text not null, `batch_id` text null);',
      'create index `employer_tax_code_index` on `employer` (`tax_code`);',
      'create index `employer_office_code_index` on `employer` (`office_code`);',
      "create table `import_batch` (`id` text not null primary key, `kind` text not null, `sha256` text not null, `file_name` text not null, `stored_path` text not null, `size_bytes` integer not null, `period` text null, `status` text not null default 'queued', `valid_rows` integer not null default 0, `invalid_rows` integer not null default 0, `committed_rows` integer not null default 0, `problems` json not null, `problem_count` integer not null default 0, `message` text null, `created_at` datetime not null, `updated_at` datetime not null);",
      'create unique index `import_batch_sha256_unique` on `import_batch` (`sha256`);',
      'create index `import_batch_status_index` on `import_batch` (`status`);',
    ],
    postgresql: [
      'create table "employer" ("unit_code" varchar(10) not null, "name" text not null, "tax_code" varchar(13) null, "office_code" varchar(5) not null, "region" varchar(3) not null, "cycle" varchar(12) not null, "oa_rate_bp" int not null, "status" varchar(12) not null, "batch_id" varchar(36) null, primary key ("unit_code"));',
      'create index "employer_tax_code_index" on "employer" ("tax_code");',
      'create index "employer_office_code_index" on "employer" ("office_code");',
      'create table "import_batch" ("id" varchar(36) not null, "kind" varchar(20) not null, "sha256" varchar(64) not null, "file_name" text not null, "stored_path" text not null, "size_bytes" int not null, "period" varchar(7) null, "status" varchar(12) not null default \'queued\', "valid_rows" int not null default 0, "invalid_rows" int not null default 0, "committed_rows" int not null default 0, "problems" jsonb not null, "problem_count" int not null default 0, "message" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));',
      'alter table "import_batch" add constraint "import_batch_sha256_unique" unique ("sha256");',
      'create index "import_batch_status_index" on "import_batch" ("status");',
    ],
  };
}
