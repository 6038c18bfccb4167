import { DICTS, en, interpolate, reasonText, translate, translateEnum, vi } from './messages.js';

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

  it("reads a ranked suggestion's reasons in Vietnamese and English", () => {
    expect(reasonText('vi', 'code-like')).toBe('Mã gần giống');
    expect(reasonText('vi', 'name')).toBe('Tên');
    expect(reasonText('vi', 'amount=overdue')).toBe('Số tiền = nợ quá hạn');
    expect(reasonText('vi', 'amount=period 03/2026')).toBe('Số tiền = kỳ 03/2026');
    expect(reasonText('vi', 'amount=declared 03/2026')).toBe('Số tiền = tổng kê khai kỳ 03/2026');
    expect(reasonText('vi', 'amount=periods 01/2026-03/2026')).toBe('Số tiền = các kỳ 01/2026–03/2026');
    expect(reasonText('en', 'amount=period 03/2026')).toBe('Amount = period 03/2026');
    expect(reasonText('en', 'something-new')).toBe('something-new');
  });
});
