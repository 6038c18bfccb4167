import { errorText, isRetryable, problemText } from './catalogue.js';

describe('messages from codes', () => {
  it('words an API error in Vietnamese or English from its code, never the server English', () => {
    expect(errorText('vi', 'INVALID_CREDENTIALS', undefined, 401)).toBe(
      'Thư điện tử hoặc mật khẩu không đúng.',
    );
    expect(errorText('en', 'INVALID_CREDENTIALS', undefined, 401)).toBe(
      'The email or password is not right.',
    );
    expect(errorText('vi', 'WEAK_PASSWORD', { reason: 'too-short', min: 10, max: 200 }, 400)).toBe(
      'Mật khẩu chưa đạt: quá ngắn (từ 10 đến 200 ký tự, không chứa tên thư điện tử).',
    );
    expect(errorText('vi', 'EMPLOYER_NOT_FOUND', { unitCode: 'TC0001C' }, 404)).toContain(
      'TC0001C',
    );
  });

  it('reads dates, periods, lists and enum values as a person does', () => {
    expect(
      errorText('vi', 'CASE_DATE_IN_FUTURE', { date: '2026-12-24', today: '2026-12-02' }),
    ).toBe('Ngày 24/12/2026 sau hôm nay (02/12/2026).');
    expect(
      errorText('vi', 'CASE_TRANSITION_NOT_ALLOWED', {
        caseId: 7,
        from: 'open',
        to: 'paid',
        allowed: ['reminded', 'dismissed'],
      }),
    ).toBe(
      'Hồ sơ 7 không chuyển được từ "Mới lập" sang "Đã nộp đủ"; các bước được phép: Đã gửi văn bản đôn đốc, Đã dừng.',
    );
    expect(errorText('vi', 'RANGE_INVALID', { from: '2026-05', to: '2026-01' })).toBe(
      'Từ kỳ 05/2026 sau đến kỳ 01/2026.',
    );
  });

  it('gives an unknown code the text of its HTTP status', () => {
    expect(errorText('vi', 'SOMETHING_NEW', {}, 404)).toBe('Không tìm thấy dữ liệu được yêu cầu.');
    expect(errorText('en', 'HTTP_502', {}, 502)).toContain('Something went wrong');
    expect(errorText('vi', 'NETWORK', undefined, 0)).toContain('Không kết nối được');
  });

  it('words an import problem from its code and details', () => {
    expect(
      problemText('vi', {
        code: 'WRONG_KIND',
        details: { expected: 'employers', found: 'roster' },
      }),
    ).toBe(
      'Tệp này là "Danh sách lao động tham gia (D02-LT)", không phải "Danh sách đơn vị (đăng ký)"; chọn đúng loại hoặc tải đúng tệp.',
    );
    expect(problemText('vi', { code: 'EXTRA_COLUMN', details: { header: 'STT' } })).toBe(
      'Cột "STT" không dùng cho loại tệp này và đã bỏ qua.',
    );
    expect(
      problemText('en', { code: 'NOT_A_NUMBER', details: { header: 'Số tiền', value: 'abc' } }),
    ).toBe('Số tiền: "abc" is not an amount in đồng.');
    expect(problemText('vi', { code: 'NEW_CODE', message: 'English' })).not.toContain('English');
  });

  it('offers "try again" only where it can help', () => {
    expect([0, 408, 429, 500, 503].map(isRetryable)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 409, 422].map(isRetryable)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
