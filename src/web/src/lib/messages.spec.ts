import { DICTS, en, interpolate, translate, translateEnum, vi } from './messages.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console texts', () => {
  it('English has every Vietnamese key, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi) as [keyof typeof vi, string][]) {
      expect({ key, vi: text.trim().length > 0, en: en[key].trim().length > 0 }).toEqual({ key, vi: true, en: true });
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('labels carry the form names officers know', () => {
    expect(vi.kind_roster).toContain('D02-LT');
    expect(vi['kind_c12-summary']).toContain('C12');
    expect(vi.caseStatus_reconciled).toContain('C05-TS');
    expect(vi.d1).toMatch(/^D\.1/);
    expect(vi.d2).toMatch(/^D\.2/);
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(interpolate('Lô {file} ({n})', { file: 'a.xlsx', n: 3 })).toBe('Lô a.xlsx (3)');
    expect(interpolate('{missing}', {})).toBe('{missing}');
    expect(translate('vi', 'batchTitle', { file: 'x.xlsx' })).toBe('Lô nhập x.xlsx');
    expect(translate('en', 'batchTitle', { file: 'x.xlsx' })).toBe('Import batch x.xlsx');
  });

  it('translates API enum values, and shows an unknown one as it is', () => {
    expect(translateEnum('vi', 'debtClass', 'prolonged')).toBe('Nợ kéo dài');
    expect(translateEnum('en', 'debtClass', 'hard-to-collect')).toBe('Hard to collect');
    expect(translateEnum('vi', 'status', 'validated')).toBe(DICTS.vi.status_validated);
    expect(translateEnum('en', 'status', 'brand-new')).toBe('brand-new');
    expect(translateEnum('en', 'status', null)).toBe('—');
  });
});
