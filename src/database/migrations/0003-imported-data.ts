import { DualMigration } from './dual-migration.js';

/** Import batches' parse rounds; roster lines, declared totals, stated payments, opening balances, receivable lines and receipts. */
export class M0003ImportedData extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'alter table `import_batch` add column `parse_round` integer not null default 0;',
      'create table `declared_total` (`id` integer not null primary key autoincrement, `unit_code` text not null, `period` text not null, `total` bigint null, `amounts` json not null, `batch_id` text not null);',
      'create unique index `declared_total_unit_code_period_unique` on `declared_total` (`unit_code`, `period`);',
      'create table `opening_balance` (`id` integer not null primary key autoincrement, `unit_code` text not null, `period` text not null, `name` text null, `closing_balance` bigint not null, `payable` bigint null, `months_of_debt_milli` integer null, `batch_id` text not null);',
      'create unique index `opening_balance_unit_code_period_unique` on `opening_balance` (`unit_code`, `period`);',
      "create table `receipt` (`id` integer not null primary key autoincrement, `value_date` text not null, `amount` bigint not null, `memo` text not null, `payer_name` text null, `bank_ref` text not null, `statement_unit_code` text null, `status` text not null default 'unmatched', `unit_code` text null, `method` text null, `confidence_milli` integer not null default 0, `suggestion` text null, `batch_id` text not null);",
      'create unique index `receipt_bank_ref_unique` on `receipt` (`bank_ref`);',
      'create index `receipt_status_index` on `receipt` (`status`);',
      'create index `receipt_batch_id_index` on `receipt` (`batch_id`);',
      'create index `receipt_unit_code_value_date_index` on `receipt` (`unit_code`, `value_date`);',
      "create table `receivable_line` (`id` integer not null primary key autoincrement, `unit_code` text not null, `period` text not null, `fund` text not null, `amount` bigint not null, `due_date` text null, `reason` text not null default '', `batch_id` text not null);",
      'create unique index `receivable_line_unit_code_period_fund_reason_unique` on `receivable_line` (`unit_code`, `period`, `fund`, `reason`);',
      'create table `roster_line` (`id` integer not null primary key autoincrement, `unit_code` text not null, `si_number` text not null, `name` text not null, `salary` bigint not null, `allowances` bigint not null, `from_month` text not null, `to_month` text null, `batch_id` text not null);',
      'create index `roster_line_batch_id_index` on `roster_line` (`batch_id`);',
      'create index `roster_line_unit_code_from_month_index` on `roster_line` (`unit_code`, `from_month`);',
      'create table `stated_payment` (`id` integer not null primary key autoincrement, `unit_code` text not null, `paid_on` text not null, `amount` bigint not null, `order_no` text null, `note` text null, `batch_id` text not null);',
      'create index `stated_payment_unit_code_paid_on_index` on `stated_payment` (`unit_code`, `paid_on`);',
    ],
    postgresql: [
      'alter table "import_batch" add "parse_round" int not null default 0;',
      'create table "declared_total" ("id" bigserial primary key, "unit_code" varchar(10) not null, "period" varchar(7) not null, "total" bigint null, "amounts" jsonb not null, "batch_id" varchar(36) not null);',
      'alter table "declared_total" add constraint "declared_total_unit_code_period_unique" unique ("unit_code", "period");',
      'create table "opening_balance" ("id" bigserial primary key, "unit_code" varchar(10) not null, "period" varchar(7) not null, "name" text null, "closing_balance" bigint not null, "payable" bigint null, "months_of_debt_milli" int null, "batch_id" varchar(36) not null);',
      'alter table "opening_balance" add constraint "opening_balance_unit_code_period_unique" unique ("unit_code", "period");',
      'create table "receipt" ("id" bigserial primary key, "value_date" varchar(10) not null, "amount" bigint not null, "memo" text not null, "payer_name" text null, "bank_ref" varchar(64) not null, "statement_unit_code" varchar(10) null, "status" varchar(10) not null default \'unmatched\', "unit_code" varchar(10) null, "method" varchar(10) null, "confidence_milli" int not null default 0, "suggestion" varchar(10) null, "batch_id" varchar(36) not null);',
      'alter table "receipt" add constraint "receipt_bank_ref_unique" unique ("bank_ref");',
      'create index "receipt_status_index" on "receipt" ("status");',
      'create index "receipt_batch_id_index" on "receipt" ("batch_id");',
      'create index "receipt_unit_code_value_date_index" on "receipt" ("unit_code", "value_date");',
      'create table "receivable_line" ("id" bigserial primary key, "unit_code" varchar(10) not null, "period" varchar(7) not null, "fund" varchar(10) not null, "amount" bigint not null, "due_date" varchar(10) null, "reason" text not null default \'\', "batch_id" varchar(36) not null);',
      'alter table "receivable_line" add constraint "receivable_line_unit_code_period_fund_reason_unique" unique ("unit_code", "period", "fund", "reason");',
      'create table "roster_line" ("id" bigserial primary key, "unit_code" varchar(10) not null, "si_number" varchar(10) not null, "name" text not null, "salary" bigint not null, "allowances" bigint not null, "from_month" varchar(7) not null, "to_month" varchar(7) null, "batch_id" varchar(36) not null);',
      'create index "roster_line_batch_id_index" on "roster_line" ("batch_id");',
      'create index "roster_line_unit_code_from_month_index" on "roster_line" ("unit_code", "from_month");',
      'create table "stated_payment" ("id" bigserial primary key, "unit_code" varchar(10) not null, "paid_on" varchar(10) not null, "amount" bigint not null, "order_no" text null, "note" text null, "batch_id" varchar(36) not null);',
      'create index "stated_payment_unit_code_paid_on_index" on "stated_payment" ("unit_code", "paid_on");',
    ],
  };
}
