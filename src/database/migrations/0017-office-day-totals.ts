import { DualMigration } from './dual-migration.js';

/**
 * Totals in the database (issue #20): the sums of the ratios, their series and league, the arrears list
 * and the run report, kept per day and office so a province's or the system's figure adds up 40 rows
 * instead of 100k snapshots. A day's totals are read only while `snapshot_total_day` says they are
 * whole: any write to that day's snapshots (insert, update, delete, truncate) removes the day's mark in
 * the same transaction, by trigger, and the figures are summed from the snapshots again until the next
 * refresh (the nightly run's finish) writes the day's totals anew.
 * Days stored before this migration have no mark: they are summed from the snapshots until a refresh.
 * The arrears list's order (largest overdue principal first) gets an index of its own.
 */
export class M0017OfficeDayTotals extends DualMigration {
  protected readonly statements = {
    sqlite: [
      'create index `employer_snapshot_arrears_rank_index` on `employer_snapshot` (`day`, `overdue_principal`);',
      `create table \`office_day_total\` (\`day\` text not null, \`office_code\` text not null, \`province_code\` text not null, \`employers\` integer not null, \`overdue\` bigint not null, \`ytd\` bigint not null, \`hard_overdue\` bigint not null, \`hard_ytd\` bigint not null, \`prolonged\` integer not null, \`arrears_employers\` integer not null, \`arrears_overdue\` bigint not null, \`arrears_charges\` bigint not null, \`lt1\` bigint not null, \`m1to3\` bigint not null, \`m3to6\` bigint not null, \`m6to12\` bigint not null, \`ge12\` bigint not null, primary key (\`day\`, \`office_code\`, \`province_code\`));`,
      'create table `snapshot_total_day` (`day` text not null primary key, `computed_at` datetime not null);',
      'create trigger `employer_snapshot_totals_insert` after insert on `employer_snapshot` begin delete from `snapshot_total_day` where `day` = new.`day`; end;',
      'create trigger `employer_snapshot_totals_update` after update on `employer_snapshot` begin delete from `snapshot_total_day` where `day` in (old.`day`, new.`day`); end;',
      'create trigger `employer_snapshot_totals_delete` after delete on `employer_snapshot` begin delete from `snapshot_total_day` where `day` = old.`day`; end;',
    ],
    postgresql: [
      'create index "employer_snapshot_arrears_rank_index" on "employer_snapshot" ("day", "overdue_principal");',
      'create table "office_day_total" ("day" varchar(10) not null, "office_code" varchar(5) not null, "province_code" varchar(10) not null, "employers" int not null, "overdue" bigint not null, "ytd" bigint not null, "hard_overdue" bigint not null, "hard_ytd" bigint not null, "prolonged" int not null, "arrears_employers" int not null, "arrears_overdue" bigint not null, "arrears_charges" bigint not null, "lt1" bigint not null, "m1to3" bigint not null, "m3to6" bigint not null, "m6to12" bigint not null, "ge12" bigint not null, constraint "office_day_total_pkey" primary key ("day", "office_code", "province_code"));',
      'create table "snapshot_total_day" ("day" varchar(10) not null, "computed_at" timestamptz not null, constraint "snapshot_total_day_pkey" primary key ("day"));',
      // statement triggers with the statement's rows: one delete per statement, whatever its size
      `create function "snapshot_totals_unmark"() returns trigger language plpgsql as $$
       begin
         delete from "snapshot_total_day" where "day" in (select distinct "day" from "changed");
         return null;
       end $$;`,
      `create function "snapshot_totals_unmark_all"() returns trigger language plpgsql as $$
       begin
         delete from "snapshot_total_day";
         return null;
       end $$;`,
      'create trigger "employer_snapshot_totals_insert" after insert on "employer_snapshot" referencing new table as "changed" for each statement execute function "snapshot_totals_unmark"();',
      'create trigger "employer_snapshot_totals_update_new" after update on "employer_snapshot" referencing new table as "changed" for each statement execute function "snapshot_totals_unmark"();',
      'create trigger "employer_snapshot_totals_update_old" after update on "employer_snapshot" referencing old table as "changed" for each statement execute function "snapshot_totals_unmark"();',
      'create trigger "employer_snapshot_totals_delete" after delete on "employer_snapshot" referencing old table as "changed" for each statement execute function "snapshot_totals_unmark"();',
      'create trigger "employer_snapshot_totals_truncate" after truncate on "employer_snapshot" for each statement execute function "snapshot_totals_unmark_all"();',
    ],
  };
}
