import { FUND_KEYS } from './funds.js';
import { dateTimeVi, dateVi, evidenceVi, LABELS_VI, labelVi, periodVi } from './labels-vi.js';

describe('Vietnamese labels for workbooks', () => {
  it('names every fund tag, the opening balance and the charge tags', () => {
    for (const f of FUND_KEYS) expect([f, labelVi('fund', f) !== f]).toEqual([f, true]);
    expect(labelVi('fund', 'SI_SICK')).toBe('Ốm đau–thai sản');
    expect(labelVi('fund', 'SI_RETIRE')).toBe('Hưu trí–tử tuất');
    expect(labelVi('fund', 'SI_OA')).toBe('TNLĐ–BNN');
    expect(labelVi('fund', 'OPENING')).toBe('Số dư đầu kỳ');
    expect(['SI', 'UI', 'HI'].map((t) => labelVi('fund', t))).toEqual(['BHXH', 'BHTN', 'BHYT']);
  });

  it('names every receipt method of domain.md §8 and the statuses people read', () => {
    for (const m of ['column', 'reference', 'unit-code', 'tax-code', 'name', 'officer'])
      expect(labelVi('method', m)).not.toBe(m);
    expect(labelVi('caseStatus', 'reconciled')).toContain('C05-TS');
    expect(labelVi('flagStatus', 'condition-cleared')).toBe('Điều kiện đã hết');
    expect(labelVi('runStatus', 'completed')).toBe('Đã xong');
    expect(labelVi('importStatus', 'rejected')).toBe('Bị từ chối');
    expect(labelVi('receiptStatus', 'suggested')).toBe('Có gợi ý');
  });

  it('writes an unknown value as it is, and nothing for none', () => {
    expect(labelVi('fund', 'NEW_FUND')).toBe('NEW_FUND');
    expect(labelVi('debtClass', null)).toBe('');
    expect(Object.keys(LABELS_VI.debtClass)).toEqual(
      expect.arrayContaining(['late', 'overdue', 'prolonged', 'hard-to-collect']),
    );
  });

  it('writes periods MM/YYYY and days dd/mm/yyyy', () => {
    expect(periodVi('2025-10')).toBe('10/2025');
    expect(dateVi('2025-10-31')).toBe('31/10/2025');
    expect(periodVi('10/2025')).toBe('10/2025');
  });

  it('reads a flag’s evidence with labels, money grouped and periods MM/YYYY', () => {
    expect(
      evidenceVi({
        monthsOfDebt: 3.132,
        overduePrincipal: 93_875_520,
        periods: ['2025-10', '2025-11'],
      }),
    ).toBe('Số tháng nợ: 3,132; Gốc quá hạn: 93.875.520 ₫; Các kỳ kê khai lệch: 10/2025, 11/2025');
  });

  it('writes a moment in the business time zone, never ISO', () => {
    expect(dateTimeVi(new Date('2026-04-15T03:04:05Z'))).toBe('15/04/2026 10:04');
    expect(dateTimeVi('2026-04-15T20:00:09.123Z', { seconds: true })).toBe('16/04/2026 03:00:09');
    expect(dateTimeVi(new Date('2026-04-15T03:04:05Z'), { timeZone: 'UTC' })).toBe(
      '15/04/2026 03:04',
    );
    expect(dateTimeVi(null)).toBe('');
    expect(dateTimeVi('not a date')).toBe('not a date');
  });
});
