import { DualMigration } from './dual-migration.js';

/**
 * Import sets (many files in one upload, committed together), and on each batch: its set, the kind the
 * officer chose when the headers disagree, the offices its uploader may write, its warnings apart from
 * its errors, and its progress (rows read, checked, written).
 */
export class M0011ImportSets extends DualMigration {
  protected readonly statements = {
    sqlite: [
      "create table `import_set` (`id` text not null primary key, `created_by` text null, `status` text not null default 'open', `file_count` integer not null default 0, `affected_units` integer not null default 0, `message` text null, `committed_at` datetime null, `created_at` datetime not null, `updated_at` datetime not null);",
      'create index `import_set_created_by_index` on `import_set` (`created_by`);',
      'alter table `import_batch` add column `kind_hint` text null;',
      'alter table `import_batch` add column `set_id` text null;',
      'alter table `import_batch` add column `write_scope` json null;',
      'alter table `import_batch` add column `warning_count` integer not null default 0;',
      'alter table `import_batch` add column `rows_read` integer not null default 0;',
      'alter table `import_batch` add column `rows_checked` integer not null default 0;',
      'alter table `import_batch` add column `rows_written` integer not null default 0;',
      'create index `import_batch_set_id_index` on `import_batch` (`set_id`);',
    ],
    postgresql: [
      'create table "import_set" ("id" varchar(36) not null, "created_by" varchar(36) null, "status" varchar(12) not null default \'open\', "file_count" int not null default 0, "affected_units" int not null default 0, "message" text null, "committed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));',
      'create index "import_set_created_by_index" on "import_set" ("created_by");',
      'alter table "import_batch" add column "kind_hint" varchar(20) null, add column "set_id" varchar(36) null, add column "write_scope" jsonb null, add column "warning_count" int not null default 0, add column "rows_read" int not null default 0, add column "rows_checked" int not null default 0, add column "rows_written" int not null default 0;',
      'create index "import_batch_set_id_index" on "import_batch" ("set_id");',
    ],
  };
}
