import { checkReferenceEntry } from './reference-kinds.js';

const ok = { key: 'SI', effectiveFrom: '2023-01-01', value: 9500, source: 'Công văn 1/BHXH' };

describe('reference value rules', () => {
  it('takes a k for 1 January with its source', () => {
    expect(checkReferenceEntry('old-regime-k', ok)).toEqual([]);
  });

  it('refuses a k typed in the wrong unit, dated mid-year, after the old regime, or with no source', () => {
    expect(checkReferenceEntry('old-regime-k', { ...ok, value: 96_660 })).toEqual([
      { field: 'value', reason: 'out-of-range', min: 1, max: 50_000 },
    ]);
    expect(checkReferenceEntry('old-regime-k', { ...ok, effectiveFrom: '2023-03-01' })).toEqual([
      { field: 'effectiveFrom', reason: 'not-1-january' },
    ]);
    expect(checkReferenceEntry('old-regime-k', { ...ok, effectiveFrom: '2026-01-01' })).toEqual([
      { field: 'effectiveFrom', reason: 'year-out-of-range', min: 1995, max: 2025 },
    ]);
    expect(checkReferenceEntry('old-regime-k', { ...ok, source: '   ' })).toEqual([
      { field: 'source', reason: 'required' },
    ]);
  });

  it('refuses an unknown key, a date that does not exist and a fractional value', () => {
    expect(
      checkReferenceEntry('regional-minimum-wage', {
        key: 'V',
        effectiveFrom: '2026-02-30',
        value: 4_960_000.5,
        source: 'Nghị định 293/2025/NĐ-CP',
      }),
    ).toEqual([
      { field: 'key', reason: 'unknown-key', allowed: ['I', 'II', 'III', 'IV'] },
      { field: 'effectiveFrom', reason: 'not-a-date' },
      { field: 'value', reason: 'not-an-integer', min: 1_000_000, max: 50_000_000 },
    ]);
  });

  it('any effective day suits the kinds in force from a date', () => {
    expect(
      checkReferenceEntry('reference-level', {
        key: 'base',
        effectiveFrom: '2026-07-01',
        value: 2_530_000,
        source: 'Nghị định',
      }),
    ).toEqual([]);
  });
});
