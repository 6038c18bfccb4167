import type { Problem } from '../../../infrastructure/excel/problem.js';
import type { ImportKind, RecordOf } from '../schema/records.js';
import { C12SummaryWriter } from './c12-summary.writer.js';
import { EmployersWriter } from './employers.writer.js';
import type {
  FileChecks,
  KindWriter,
  WriterPass,
  WriterStores,
  WriteScope,
  RegistryReads,
} from './kind-writer.js';
export { withPendingEmployers } from './kind-writer.js';
import { ReceiptsWriter } from './receipts.writer.js';
import { ReceivablesWriter } from './receivables.writer.js';
import { RosterWriter } from './roster.writer.js';

export type { FileChecks, KindWriter, WriterPass, WriterStores, WriteScope, RegistryReads };

/**
 * A fresh writer (its checks keep per-file state) for one batch of the kind, reading and writing through
 * the owners' `stores`.
 */
export function writerFor<K extends ImportKind>(
  kind: K,
  stores: WriterStores,
  batchId: string,
  report: (p: Problem) => void,
  pass: WriterPass,
  scope: WriteScope = 'all',
): KindWriter<RecordOf<K>> {
  const writers = {
    employers: EmployersWriter,
    roster: RosterWriter,
    receipts: ReceiptsWriter,
    receivables: ReceivablesWriter,
    'c12-summary': C12SummaryWriter,
  } as const;
  return new writers[kind](stores, batchId, report, pass, scope) as unknown as KindWriter<
    RecordOf<K>
  >;
}
