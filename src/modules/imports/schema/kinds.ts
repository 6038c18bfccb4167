import type { SheetSchema } from './column-schema.js';
import { c12SummarySheet } from './kinds/c12-summary.schema.js';
import { employersSheet } from './kinds/employers.schema.js';
import { receiptsSheet } from './kinds/receipts.schema.js';
import { receivablesSheet } from './kinds/receivables.schema.js';
import {
  declaredTotalsSheet,
  employerPaymentsSheet,
  rosterLinesSheet,
} from './kinds/roster.schema.js';
import type { ImportKind, RecordOf } from './records.js';

/** The sheets one kind of workbook is made of: one main sheet, optional extra sheets found by header. */
export interface KindSchema<K extends ImportKind = ImportKind> {
  kind: K;
  /** What an officer calls it, for messages. */
  label: string;
  main: SheetSchema<RecordOf<K>>;
  optional: readonly SheetSchema<RecordOf<K>>[];
}

export const IMPORT_SCHEMAS: { readonly [K in ImportKind]: KindSchema<K> } = {
  employers: { kind: 'employers', label: 'employer registry', main: employersSheet, optional: [] },
  roster: {
    kind: 'roster',
    label: 'employee roster (D02-LT)',
    main: rosterLinesSheet,
    optional: [declaredTotalsSheet, employerPaymentsSheet],
  },
  receipts: {
    kind: 'receipts',
    label: 'bank receipts statement',
    main: receiptsSheet,
    optional: [],
  },
  receivables: {
    kind: 'receivables',
    label: 'receivables ledger',
    main: receivablesSheet,
    optional: [],
  },
  'c12-summary': {
    kind: 'c12-summary',
    label: 'C12 summary export',
    main: c12SummarySheet,
    optional: [],
  },
};
