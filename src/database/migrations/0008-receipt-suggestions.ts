import { searchKey } from '../../domain/matching-search.js';
import { DualMigration } from './dual-migration.js';

/** Employers' keys are written in statements of this many rows. */
const BACKFILL_CHUNK = 500;

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Receipts that find their employer (domain.md §8 step 5): the ranked suggestions of unmatched receipts,
 * the office a receipt was sent to, the queue's value-date order, and employers' accent-blind search
 * keys — backfilled here from the names already registered.
 */
export class M0008ReceiptSuggestions extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'create table `receipt_suggestion` (`id` integer not null primary key autoincrement, `receipt_id` bigint not null, `rank` integer not null, `unit_code` text not null, `score` integer not null, `reasons` json not null);',
      'create index `receipt_suggestion_unit_code_index` on `receipt_suggestion` (`unit_code`);',
      'create unique index `receipt_suggestion_receipt_id_rank_unique` on `receipt_suggestion` (`receipt_id`, `rank`);',
      "alter table `employer` add column `search_key` text not null default '';",
      'create index `employer_search_key_index` on `employer` (`search_key`);',
      'alter table `receipt` add column `forwarded_to` text null;',
      'create index `receipt_value_date_id_index` on `receipt` (`value_date`, `id`);',
    ],
    postgresql: [
      'create table "receipt_suggestion" ("id" bigserial primary key, "receipt_id" bigint not null, "rank" int not null, "unit_code" varchar(10) not null, "score" int not null, "reasons" jsonb not null);',
      'create index "receipt_suggestion_unit_code_index" on "receipt_suggestion" ("unit_code");',
      'alter table "receipt_suggestion" add constraint "receipt_suggestion_receipt_id_rank_unique" unique ("receipt_id", "rank");',
      'alter table "employer" add "search_key" text not null default \'\';',
      'create index "employer_search_key_index" on "employer" ("search_key");',
      'alter table "receipt" add "forwarded_to" varchar(5) null;',
      'create index "receipt_value_date_id_index" on "receipt" ("value_date", "id");',
    ],
  };

  override async up(): Promise<void> {
    super.up();
    // the DDL above runs after this method; the names it reads exist already
    const rows = (await this.execute('select unit_code, name from employer')) as {
      unit_code: string;
      name: string;
    }[];
    for (let i = 0; i < rows.length; i += BACKFILL_CHUNK) {
      const part = rows.slice(i, i + BACKFILL_CHUNK);
      const cases = part.map(
        (r) => `when ${literal(r.unit_code)} then ${literal(searchKey(r.name))}`,
      );
      this.addSql(
        `update employer set search_key = case unit_code ${cases.join(' ')} end where unit_code in (${part.map((r) => literal(r.unit_code)).join(', ')});`,
      );
    }
  }
}
