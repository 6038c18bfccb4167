import type { Problem } from '../../../infrastructure/excel/problem.js';
import type { ImportKind, RecordOf } from '../schema/records.js';
import { C12SummaryWriter } from './c12-summary.writer.js';
import { EmployersWriter } from './employers.writer.js';
import type { KindWriter } from './kind-writer.js';
import { ReceiptsWriter } from './receipts.writer.js';
import { ReceivablesWriter } from './receivables.writer.js';
import { RosterWriter } from './roster.writer.js';

export { KindWriter };

/** A fresh writer (its checks keep per-file state) for one batch of the kind. */
export function writerFor<K extends ImportKind>(
  kind: K,
  batchId: string,
  report: (p: Problem) => void,
): KindWriter<RecordOf<K>> {
  const writers = {
    employers: EmployersWriter,
    roster: RosterWriter,
    receipts: ReceiptsWriter,
    receivables: ReceivablesWriter,
    'c12-summary': C12SummaryWriter,
  } as const;
  return new writers[kind](batchId, report) as unknown as KindWriter<RecordOf<K>>;
}
