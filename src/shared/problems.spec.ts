import {
  detailText,
  fillEntry,
  hasProblemText,
  problemEn,
  problemText,
  problemVi,
} from './problems.js';

/** The import problems' catalogue as the server reads it (the errors workbook), without the console. */
describe('shared problem catalogue', () => {
  it('fills placeholders from details, import kinds by their label', () => {
    expect(
      problemText('vi', {
        code: 'WRONG_KIND',
        details: { found: 'employers', expected: 'receipts' },
        message: 'This workbook looks like a employer registry, not a bank receipt statement.',
      }),
    ).toBe(
      'Tệp này là "Danh sách đơn vị (đăng ký)", không phải "Sao kê giấy báo có của ngân hàng"; chọn đúng loại hoặc tải đúng tệp.',
    );
    expect(
      problemText('en', {
        code: 'KIND_HINT_IGNORED',
        details: { kind: 'roster', hint: 'c12-summary' },
      }),
    ).toBe(
      'Imported as "Employee roster (D02-LT)", as its header row shows, not as the "C12-TS summary export (opening balances)" chosen.',
    );
  });

  it('writes values as officers read them: numbers grouped, dates dd/mm/yyyy, periods MM/YYYY', () => {
    expect(problemText('vi', { code: 'TOO_MANY_ROWS', details: { limit: 200000 } })).toBe(
      'Trang tính có quá 200.000 dòng; chia thành các tệp nhỏ hơn.',
    );
    expect(problemText('en', { code: 'TOO_MANY_ROWS', details: { limit: 200000 } })).toBe(
      'A sheet has more than 200,000 rows; split it into smaller files.',
    );
    expect(detailText('vi', '2026-04-15')).toBe('15/04/2026');
    expect(detailText('vi', '2026-04')).toBe('04/2026');
    expect(detailText('vi', '2026-04-15T03:04:05Z')).toBe('15/04/2026 10:04');
    expect(detailText('vi', ['2026-01', '2026-02'])).toBe('01/2026, 02/2026');
    expect(detailText('vi', null)).toBe('—');
    expect(detailText('vi', 'x', 'status', (p, v) => `${p}:${v}`)).toBe('status:x');
  });

  it('keeps a placeholder whose value is absent, and never falls back to the server English', () => {
    expect(fillEntry('vi', 'Cột "{header}" thiếu {what}.', { header: 'STT' })).toBe(
      'Cột "STT" thiếu {what}.',
    );
    expect(problemText('vi', { code: 'NO_SUCH_CODE', message: 'English text' })).toBe(
      'Dòng có lỗi chưa xác định.',
    );
    expect(hasProblemText('REQUIRED')).toBe(true);
    expect(hasProblemText('toString')).toBe(false);
  });

  it('has an English entry for every Vietnamese one, with the same placeholders', () => {
    const ph = (e: string | { text: string }) =>
      [...(typeof e === 'string' ? e : e.text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of Object.keys(problemVi) as (keyof typeof problemVi)[])
      expect([code, ph(problemEn[code])]).toEqual([code, ph(problemVi[code])]);
  });
});
