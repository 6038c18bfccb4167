import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/**
 * The reference files of a folder (every `*.json`, `{kind, source, values:[{key, effectiveFrom, value,
 * source?}]}`), flattened to records: the file's source stands where a value has none. The folder is
 * data, configured by `REFERENCE_DIR` (default `seeds/reference/`); no code of `seeds/` is loaded.
 */
export function loadReferenceRecords(dir: string): ReferenceRecord[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.flatMap((f) => {
    const file = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ReferenceFile;
    return file.values.map((v) => ({
      kind: file.kind,
      key: v.key,
      effectiveFrom: v.effectiveFrom,
      value: v.value,
      source: v.source ?? file.source ?? null,
    }));
  });
}
