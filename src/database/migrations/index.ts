import type { Migration } from '@mikro-orm/migrations';
import { M0001ReferenceAndOffices } from './0001-reference-and-offices.js';
import { M0002EmployersAndImports } from './0002-employers-and-imports.js';
import { M0003ImportedData } from './0003-imported-data.js';
import { M0004UsersAudit } from './0004-users-audit.js';
import { M0005SnapshotsAndRuns } from './0005-snapshots-and-runs.js';
import { M0006FlagsAndCases } from './0006-flags-and-cases.js';
import { M0007DayRunFlags } from './0007-day-run-flags.js';
import { M0008ReceiptSuggestions } from './0008-receipt-suggestions.js';
import { M0009ReferenceEntriesAndGaps } from './0009-reference-entries-and-gaps.js';
import { M0011ImportSets } from './0011-import-sets.js';
import { M0012Reports } from './0012-reports.js';
import { M0013UserPasswordChange } from './0013-user-password-change.js';
import { M0016RetryAndQueueHistory } from './0016-retry-and-queue-history.js';
import { M0017OfficeDayTotals } from './0017-office-day-totals.js';

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

/** Migrations in order. Registered explicitly so the built service and the tests run the same list. */
export const migrationsList: { name: string; class: MigrationClass }[] = [
  { name: '0001-reference-and-offices', class: M0001ReferenceAndOffices },
  { name: '0002-employers-and-imports', class: M0002EmployersAndImports },
  { name: '0003-imported-data', class: M0003ImportedData },
  { name: '0004-users-audit', class: M0004UsersAudit },
  { name: '0005-snapshots-and-runs', class: M0005SnapshotsAndRuns },
  { name: '0006-flags-and-cases', class: M0006FlagsAndCases },
  { name: '0007-day-run-flags', class: M0007DayRunFlags },
  { name: '0008-receipt-suggestions', class: M0008ReceiptSuggestions },
  { name: '0009-reference-entries-and-gaps', class: M0009ReferenceEntriesAndGaps },
  { name: '0011-import-sets', class: M0011ImportSets },
  { name: '0012-reports', class: M0012Reports },
  { name: '0013-user-password-change', class: M0013UserPasswordChange },
  { name: '0016-retry-and-queue-history', class: M0016RetryAndQueueHistory },
  { name: '0017-office-day-totals', class: M0017OfficeDayTotals },
];
