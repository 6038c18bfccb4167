import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadReferenceRecords as loadFrom,
  type ReferenceRecord,
} from '../../src/modules/reference/reference-files.js';

export type { ReferenceRecord };

/** The shipped reference files (this folder) flattened to records. */
export function loadReferenceRecords(dir = dirname(fileURLToPath(import.meta.url))): ReferenceRecord[] {
  return loadFrom(dir);
}
