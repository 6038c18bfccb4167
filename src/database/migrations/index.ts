import type { Migration } from '@mikro-orm/migrations';
import { M0001ReferenceAndOffices } from './0001-reference-and-offices.js';
import { M0002EmployersAndImports } from './0002-employers-and-imports.js';
import { M0003ImportedData } from './0003-imported-data.js';
import { M0004UsersAudit } from './0004-users-audit.js';
import { M0005SnapshotsAndRuns } from './0005-snapshots-and-runs.js';
import { M0006FlagsAndCases } from './0006-flags-and-cases.js';
import { M0008ReceiptSuggestions } from './0008-receipt-suggestions.js';

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

/** Migrations in order. Registered explicitly so the built service and the tests run the same list. */
export const migrationsList: { name: string; class: MigrationClass }[] = [
  { name: '0001-reference-and-offices', class: M0001ReferenceAndOffices },
  { name: '0002-employers-and-imports', class: M0002EmployersAndImports },
  { name: '0003-imported-data', class: M0003ImportedData },
  { name: '0004-users-audit', class: M0004UsersAudit },
  { name: '0005-snapshots-and-runs', class: M0005SnapshotsAndRuns },
  { name: '0006-flags-and-cases', class: M0006FlagsAndCases },
  { name: '0008-receipt-suggestions', class: M0008ReceiptSuggestions },
];
