import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reference files, in load order. Each is `{kind, source, values:[{key, effectiveFrom, value, source?}]}`. */
export const REFERENCE_FILES = [
  'rates.json',
  'regional-minimum-wages.json',
  'reference-levels.json',
  'cap-multiples.json',
  'daily-charge-rates.json',
  'old-regime-k.json',
] as const;

/** Reads and parses the effective-dated reference data shipped in `seeds/reference/`. */
export function readReferenceFiles(
  dir: string = dirname(fileURLToPath(import.meta.url)),
): unknown[] {
  return REFERENCE_FILES.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
}
