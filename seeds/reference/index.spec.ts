import { flattenReferenceFiles, buildReferenceData } from '../../src/domain/reference-data.js';
import { referenceFixture } from '../../src/domain/reference.fixture.spec.js';
import { readReferenceFiles } from './index.js';

describe('seeds/reference', () => {
  it('every file parses into valid records with a source', () => {
    const files = readReferenceFiles() as { kind: string; source?: string }[];
    expect(files.map((f) => f.kind)).toEqual([
      'rate',
      'regional-minimum-wage',
      'reference-level',
      'cap-multiple',
      'daily-charge-rate',
      'old-regime-k',
    ]);
    for (const f of files) expect(typeof f.source).toBe('string');
    expect(() => buildReferenceData(files)).not.toThrow();
  });
  it('holds exactly the values the domain specs use', () => {
    const strip = (xs: ReturnType<typeof flattenReferenceFiles>) =>
      xs.map(({ kind, key, effectiveFrom, value }) => ({ kind, key, effectiveFrom, value }));
    expect(strip(flattenReferenceFiles(readReferenceFiles()))).toEqual(
      strip(flattenReferenceFiles(referenceFixture)),
    );
  });
});
