/**
 * What each audited action means, in both interface languages: the console's audit page and the
 * `/api/audit.xlsx` workbook show these beside the stable code (the code is what auditors filter on).
 * Pure: no imports. An action not listed here is shown by its code.
 */
export const AUDIT_ACTIONS: Readonly<Record<string, { vi: string; en: string }>> = {
  'auth.login': { vi: 'Đăng nhập', en: 'Signed in' },
  'auth.login-failed': { vi: 'Đăng nhập không thành công', en: 'Failed sign-in' },
  'auth.logout': { vi: 'Đăng xuất', en: 'Signed out' },
  'user.create': { vi: 'Tạo người dùng', en: 'User created' },
  'user.deactivate': { vi: 'Khóa người dùng', en: 'User deactivated' },
  'user.activate': { vi: 'Mở lại người dùng', en: 'User reactivated' },
  'user.unlock': { vi: 'Mở khóa đăng nhập', en: 'Sign-in unlocked' },
  'user.password-reset': { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  'user.password-change': { vi: 'Đổi mật khẩu', en: 'Password changed' },
  'office.create': { vi: 'Tạo cơ quan BHXH', en: 'Office created' },
  'reference.create': { vi: 'Thêm dữ liệu tham chiếu', en: 'Reference data added' },
  'policy.update': { vi: 'Sửa quy định', en: 'Policy changed' },
  'ratio.target': { vi: 'Đặt chỉ tiêu tỷ lệ chậm đóng', en: 'Late-payment target set' },
  'import.upload': { vi: 'Tải lên tệp', en: 'File uploaded' },
  'import.commit': { vi: 'Ghi nhận tệp', en: 'Import committed' },
  'import.commit-set': { vi: 'Ghi nhận bộ tệp', en: 'Import set committed' },
  'import.retry': { vi: 'Thử lại bước nhập tệp', en: 'Import step retried' },
  'reconciliation.request': { vi: 'Yêu cầu đối chiếu', en: 'Reconciliation requested' },
  'run.start': { vi: 'Chạy tính toán cuối ngày', en: 'Nightly run started' },
  'receipt.match': { vi: 'Gán khoản thu cho đơn vị', en: 'Receipt matched' },
  'receipt.unmatch': { vi: 'Bỏ gán khoản thu', en: 'Receipt unmatched' },
  'receipt.forward': { vi: 'Chuyển khoản thu', en: 'Receipt forwarded' },
  'flag.close': { vi: 'Đóng cảnh báo', en: 'Flag closed' },
  'case.open': { vi: 'Mở hồ sơ thanh tra', en: 'Case opened' },
  'case.assign': { vi: 'Giao hồ sơ', en: 'Case assigned' },
  'case.transition': { vi: 'Chuyển bước hồ sơ', en: 'Case step' },
  'case.note': { vi: 'Ghi chú hồ sơ', en: 'Case note' },
  'case.reminder': { vi: 'Gửi thư nhắc', en: 'Reminder letter sent' },
  'case.sanction': { vi: 'Ghi nhận xử phạt', en: 'Sanction recorded' },
};

/** `auth.login-failed` → `Đăng nhập không thành công` (vi) / `Failed sign-in` (en); unknown → the code. */
export function auditActionText(action: string, lang: 'vi' | 'en'): string {
  return AUDIT_ACTIONS[action]?.[lang] ?? action;
}
