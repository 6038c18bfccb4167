import { join } from 'node:path';
import { projectRoot } from '../../src/infrastructure/project-root.js';
import { readReferenceFiles } from './index.js';

/** One stored reference value: what the database keeps and the domain's lookups are built from. */
export interface ReferenceRecord {
  kind: string;
  key: string;
  effectiveFrom: string;
  value: number;
  source: string | null;
}

interface ReferenceFile {
  kind: string;
  source?: string;
  values: { key: string; effectiveFrom: string; value: number; source?: string }[];
}

/** The shipped reference files flattened to records (the file's source stands where a value has none). */
export function loadReferenceRecords(
  dir = join(projectRoot(), 'seeds', 'reference'),
): ReferenceRecord[] {
  return (readReferenceFiles(dir) as ReferenceFile[]).flatMap((file) =>
    file.values.map((v) => ({
      kind: file.kind,
      key: v.key,
      effectiveFrom: v.effectiveFrom,
      value: v.value,
      source: v.source ?? file.source ?? null,
    })),
  );
}
