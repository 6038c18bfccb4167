import { DualMigration } from './dual-migration.js';

/**
 * A password an administrator reset is for one sign-in: the user must choose a new one first. The audit
 * trail is filtered by who (email) on the console's audit page.
 */
export class M0013UserPasswordChange extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'alter table `app_user` add column `must_change_password` integer not null default false;',
      'create index `audit_event_email_id_index` on `audit_event` (`email`, `id`);',
    ],
    postgresql: [
      'alter table "app_user" add "must_change_password" boolean not null default false;',
      'create index "audit_event_email_id_index" on "audit_event" ("email", "id");',
    ],
  };
}
