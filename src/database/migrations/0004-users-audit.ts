import { DualMigration } from './dual-migration.js';

/**
 * Users (sign-in, role, office scope, lockout, token version), the append-only audit trail, and who
 * uploaded each import batch. Triggers refuse any UPDATE or DELETE of an audit event.
 */
export class M0004UsersAudit extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'create table `app_user` (`id` text not null primary key, `email` text not null, `password_hash` text not null, `role` text not null, `offices` json not null, `provinces` json not null, `failed_logins` integer not null default 0, `locked_until` datetime null, `token_version` integer not null default 0, `active` integer not null default true, `created_at` datetime not null);',
      'create unique index `app_user_email_unique` on `app_user` (`email`);',
      'create table `audit_event` (`id` integer not null primary key autoincrement, `at` datetime not null, `user_id` text null, `email` text null, `action` text not null, `object_type` text null, `object_id` text null, `ip` text null, `details` json null);',
      'create index `audit_event_at_index` on `audit_event` (`at`);',
      'create index `audit_event_user_id_id_index` on `audit_event` (`user_id`, `id`);',
      'create index `audit_event_action_id_index` on `audit_event` (`action`, `id`);',
      "create trigger `audit_event_no_update` before update on `audit_event` begin select raise(abort, 'audit_event is append-only'); end;",
      "create trigger `audit_event_no_delete` before delete on `audit_event` begin select raise(abort, 'audit_event is append-only'); end;",
      'alter table `import_batch` add column `uploaded_by` text null;',
      'create index `import_batch_uploaded_by_index` on `import_batch` (`uploaded_by`);',
    ],
    postgresql: [
      'create table "app_user" ("id" varchar(36) not null, "email" varchar(254) not null, "password_hash" text not null, "role" varchar(12) not null, "offices" jsonb not null, "provinces" jsonb not null, "failed_logins" int not null default 0, "locked_until" timestamptz null, "token_version" int not null default 0, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));',
      'alter table "app_user" add constraint "app_user_email_unique" unique ("email");',
      'create table "audit_event" ("id" serial primary key, "at" timestamptz not null, "user_id" varchar(36) null, "email" varchar(254) null, "action" varchar(60) not null, "object_type" varchar(40) null, "object_id" varchar(200) null, "ip" varchar(64) null, "details" jsonb null);',
      'create index "audit_event_at_index" on "audit_event" ("at");',
      'create index "audit_event_user_id_id_index" on "audit_event" ("user_id", "id");',
      'create index "audit_event_action_id_index" on "audit_event" ("action", "id");',
      'create function "audit_event_append_only"() returns trigger language plpgsql as $$ begin raise exception \'audit_event is append-only\'; end $$;',
      'create trigger "audit_event_append_only" before update or delete on "audit_event" for each row execute function "audit_event_append_only"();',
      'alter table "import_batch" add "uploaded_by" varchar(36) null;',
      'create index "import_batch_uploaded_by_index" on "import_batch" ("uploaded_by");',
    ],
  };
}
