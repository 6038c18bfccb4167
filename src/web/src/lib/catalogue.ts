/**
 * Messages from codes (product.md "Messages"): every API error and every import problem carries a
 * stable `code` and the values its text needs in `details`; the console words it from this catalogue,
 * Vietnamese first, English beside (typed: an English entry missing is a type error), never from the
 * server's English `message`. `test/message-codes.spec.ts` fails when a code the server can emit
 * (`src/infrastructure/messages/codes.ts`) has no entry here, or an entry needs a value the server
 * does not send. Pure: no React.
 */
import {
  type Entry,
  fillEntry,
  detailText as sharedDetailText,
  problemEn,
  problemText,
  problemVi,
} from '../../../shared/problems.js';
import { type Lang, translateEnum } from './messages.js';

export type { Entry, ProblemCode, ProblemLike } from '../../../shared/problems.js';
/** The import problems' catalogue is shared with the server's errors workbook (`src/shared/problems.ts`). */
export { problemEn, problemText, problemVi };

const caseEnums = { from: 'caseStatus', to: 'caseStatus', allowed: 'caseStatus' };

export const errorVi = {
  BAD_REQUEST: 'Yêu cầu không hợp lệ: kiểm tra lại các ô đã nhập.',
  UNAUTHENTICATED: 'Cần đăng nhập (phiên đăng nhập đã hết hạn hoặc chưa đăng nhập).',
  FORBIDDEN: 'Vai trò của bạn không được làm việc này.',
  NOT_FOUND: 'Không tìm thấy dữ liệu được yêu cầu.',
  METHOD_NOT_ALLOWED: 'Thao tác này không được hỗ trợ.',
  CONFLICT: 'Dữ liệu vừa được thay đổi; tải lại rồi thử lại.',
  PAYLOAD_TOO_LARGE: 'Tệp hoặc dữ liệu gửi lên quá lớn.',
  UNSUPPORTED_MEDIA_TYPE: 'Loại tệp này không được nhận.',
  UNPROCESSABLE: 'Dữ liệu không xử lý được.',
  TOO_MANY_REQUESTS: 'Quá nhiều yêu cầu trong thời gian ngắn; chờ một lát rồi thử lại.',
  UNAVAILABLE: 'Hệ thống tạm thời không phục vụ được; thử lại sau ít phút.',
  INTERNAL: 'Có lỗi phía máy chủ; lỗi đã được ghi lại. Thử lại sau hoặc báo quản trị viên.',
  INVALID_ARGUMENT: 'Giá trị không hợp lệ.',
  INVALID_DATE: 'Ngày không hợp lệ (dùng dd/mm/yyyy).',
  INVALID_PERIOD: 'Kỳ không hợp lệ (dùng MM/YYYY).',
  INVALID_AMOUNT: 'Số tiền không hợp lệ.',
  UNSAFE_INTEGER: 'Số tiền vượt quá giới hạn tính toán.',
  REFERENCE_DATA_MISSING:
    'Thiếu tham số tham chiếu (tỷ lệ, mức lương tối thiểu vùng, mức tham chiếu…) cho ngày cần tính.',
  REFERENCE_DATA_INVALID: 'Tham số tham chiếu không hợp lệ.',
  ROSTER_OVERLAP: 'Thời gian tham gia của người lao động bị trùng nhau.',
  NEGATIVE_AMOUNT: 'Số tiền không được âm.',
  CURSOR_INVALID: 'Trang danh sách không còn hợp lệ; tải lại từ đầu.',
  QUEUE_UNAVAILABLE:
    'Hàng đợi công việc (Redis) không hoạt động nên chưa có gì thay đổi; thử lại sau hoặc báo quản trị viên.',
  IMPORT_WORKBOOK_REJECTED: 'Tệp bị từ chối; xem các lỗi của tệp.',
  OFFICE_FORBIDDEN: 'Bạn không có quyền xem dữ liệu của cơ quan {office}.',
  INVALID_CREDENTIALS: 'Thư điện tử hoặc mật khẩu không đúng.',
  ACCOUNT_LOCKED: 'Đăng nhập sai quá nhiều lần: tài khoản tạm khoá đến {lockedUntil}.',
  USER_EXISTS: 'Đã có người dùng {email}.',
  PASSWORD_CHANGE_REQUIRED:
    'Quản trị viên đã đặt lại mật khẩu của bạn: hãy chọn mật khẩu mới trước khi tiếp tục.',
  CURRENT_PASSWORD_WRONG: 'Mật khẩu hiện tại không đúng.',
  USER_OWN_ACCOUNT:
    'Không thể khoá hay đặt lại mật khẩu của chính tài khoản bạn đang đăng nhập.',
  WEAK_PASSWORD: {
    text: 'Mật khẩu chưa đạt: {reason} (từ {min} đến {max} ký tự, không chứa tên thư điện tử).',
    enums: { reason: 'pwReason' },
  },
  USER_SCOPE_INVALID: {
    text: 'Phạm vi cơ quan không hợp lệ: {reason}.',
    enums: { reason: 'scopeReason' },
  },
  OFFICE_EXISTS: 'Đã có cơ quan mã {code}.',
  EMPLOYER_NOT_FOUND: 'Không có đơn vị {unitCode} trong danh mục (hoặc đơn vị thuộc cơ quan khác).',
  RECEIPT_NOT_FOUND: 'Không tìm thấy giấy báo có số {id}.',
  UNKNOWN_UNIT: 'Mã đơn vị {unitCode} không có trong danh mục đơn vị.',
  UNKNOWN_OFFICE: 'Không có cơ quan {office}.',
  RECEIPT_ALREADY_MATCHED:
    'Giấy báo có {id} đã khớp với đơn vị {unitCode}; bỏ khớp trước khi chuyển sang cơ quan khác.',
  RECEIPT_CHANGED: {
    text: 'Giấy báo có {id} vừa được người khác thay đổi (nay: {status}); tải lại rồi quyết định lại.',
    enums: { status: 'receiptStatus' },
  },
  IMPORT_KIND_UNKNOWN: 'Không có loại tệp nhập "{kind}".',
  IMPORT_FILE_MISSING: 'Chưa chọn tệp nào để tải lên.',
  IMPORT_NOT_COMMITTABLE: {
    text: 'Lô nhập đang ở trạng thái "{status}"; chỉ ghi được lô đã kiểm tra xong.',
    enums: { status: 'status' },
  },
  IMPORT_NOT_RETRYABLE: {
    text: 'Lô nhập đang ở trạng thái "{status}"; chỉ thử lại được lô bị lỗi do sự cố.',
    enums: { status: 'status' },
  },
  IMPORT_CHECK_UNFINISHED:
    'Việc kiểm tra tệp chưa xong do sự cố: bấm "Thử lại" để kiểm tra lại tệp trước khi ghi.',
  IMPORT_ALREADY_UPLOADED:
    'Tệp này đã được người dùng khác tải lên; hỏi họ hoặc quản trị viên về lô nhập đó.',
  IMPORT_CURSOR_INVALID: 'Trang danh sách không còn hợp lệ; tải lại từ đầu.',
  IMPORT_SET_NOT_READY: 'Còn {busy} tệp đang kiểm tra; ghi khi mọi tệp đã kiểm tra xong.',
  IMPORT_TOO_MANY_FILES: 'Mỗi lần tải lên tối đa {max} tệp; gửi phần còn lại ở lần sau.',
  IMPORT_HINTS_MISMATCH:
    'Đã chọn {hints} loại cho {files} tệp: chọn một loại cho tất cả hoặc mỗi tệp một loại.',
  RECONCILIATION_SCOPE: 'Chọn một đơn vị hoặc một cơ quan, không chọn cả hai.',
  RECONCILIATION_NOTHING: 'Không có đơn vị nào để đối chiếu cho {what}.',
  REFERENCE_RATE_MISSING:
    'Thiếu hệ số lãi k của năm cần tính: tiền lãi chưa được ghi cho tháng đó.',
  NO_SNAPSHOT: 'Chưa có số liệu đối chiếu tính đến ngày {day}; chạy đối chiếu cho ngày đó trước.',
  SCOPE_CODE_REQUIRED: { text: 'Phạm vi "{scope}" cần chọn mã.', enums: { scope: 'scope' } },
  RANGE_INVALID: 'Từ kỳ {from} sau đến kỳ {to}.',
  RANGE_TOO_LONG: 'Khoảng thời gian quá dài ({months} tháng).',
  PERIOD_NOT_ENDED:
    'Thông báo C12-TS kỳ {period} lập vào ngày cuối tháng, chưa đến (hôm nay {today}).',
  REPORT_NOT_FOUND: 'Không tìm thấy báo cáo {id}.',
  REPORT_NOT_READY: {
    text: 'Báo cáo chưa xong ({status}); tải về khi đã xong.',
    enums: { status: 'reportStatus' },
  },
  NO_EMPLOYERS: 'Chưa chọn đơn vị nào (chọn một cơ quan hoặc các mã đơn vị).',
  NOTICE_FAILED: 'Không lập được thông báo của đơn vị {unitCode} ({cause}).',
  NO_RUN_FOR_DAY:
    'Chưa chạy đối chiếu cho ngày này; chạy ngày đó trước (Quản trị › Chạy đối chiếu).',
  FLAG_CURSOR_INVALID: 'Trang danh sách không còn hợp lệ; tải lại từ đầu.',
  FLAG_NOT_CLOSABLE: {
    text: 'Cảnh báo {id} đang "{status}"; chỉ đóng được cảnh báo mà điều kiện đã hết.',
    enums: { status: 'flagStatus' },
  },
  FLAG_IN_ACTIVE_CASE: 'Cảnh báo này đã thuộc một hồ sơ đang xử lý.',
  CASE_CLOSED: {
    text: 'Hồ sơ {caseId} đã kết thúc ({from}); không chuyển bước được nữa.',
    enums: caseEnums,
  },
  CASE_TRANSITION_NOT_ALLOWED: {
    text: 'Hồ sơ {caseId} không chuyển được từ "{from}" sang "{to}"; các bước được phép: {allowed}.',
    enums: caseEnums,
  },
  CASE_NOTE_REQUIRED: {
    text: 'Chuyển hồ sơ {caseId} từ "{from}" sang "{to}" cần ghi lý do.',
    enums: caseEnums,
  },
  CASE_DATE_REQUIRED: { text: 'Bước "{to}" của hồ sơ {caseId} cần ngày.', enums: caseEnums },
  CASE_INSPECTION_TOO_EARLY:
    'Chỉ đề nghị thanh tra hồ sơ {caseId} sau 30 ngày kể từ biên bản đối chiếu C05-TS.',
  CASE_CHANGED: 'Hồ sơ {caseId} vừa được người khác thay đổi; tải lại rồi thử lại.',
  CASE_DATE_IN_FUTURE: 'Ngày {date} sau hôm nay ({today}).',
  CASE_FLAGS_NOT_FOUND: 'Không tìm thấy cảnh báo {missing}.',
  CASE_FLAGS_MIXED_EMPLOYERS: 'Một hồ sơ chỉ về một đơn vị; các cảnh báo đã chọn thuộc {units}.',
  CASE_FLAGS_CLOSED: 'Cảnh báo {closed} đã đóng.',
  MINUTES_RANGE_INVALID:
    'Biên bản từ ngày {from} đến ngày {to}: ngày bắt đầu phải trước ngày kết thúc.',
  POLICY_UNKNOWN: 'Không có chính sách "{key}".',
  POLICY_INVALID: 'Giá trị của chính sách "{key}" không hợp lệ.',
  REFERENCE_KIND_UNKNOWN: 'Không có loại tham số "{kind}".',
  REFERENCE_VALUE_INVALID: 'Giá trị tham số "{kind}" không hợp lệ.',
  REFERENCE_VALUE_EXISTS:
    'Tham số {kind} {key} đã có giá trị {value} từ ngày {effectiveFrom}; muốn sửa thì nhập với ngày hiệu lực sau.',
  BAD_AS_OF: 'Ngày tính không hợp lệ.',
  BAD_DATE: 'Ngày không hợp lệ.',
  BAD_DAY: 'Ngày chạy không hợp lệ.',
  IMPORT_NOT_FOUND: 'Lô nhập không còn tồn tại.',
  IMPORT_SET_NOT_FOUND: 'Bộ tệp nhập không còn tồn tại.',
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof errorVi;

export const errorEn: Record<ErrorCode, Entry> = {
  BAD_REQUEST: 'The request is not valid: check what was entered.',
  UNAUTHENTICATED: 'Sign in first (the session ended or you are not signed in).',
  FORBIDDEN: 'Your role may not do this.',
  NOT_FOUND: 'What was asked for was not found.',
  METHOD_NOT_ALLOWED: 'This action is not supported.',
  CONFLICT: 'The data was just changed; reload and try again.',
  PAYLOAD_TOO_LARGE: 'The file or data sent is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'This kind of file is not accepted.',
  UNPROCESSABLE: 'The data cannot be processed.',
  TOO_MANY_REQUESTS: 'Too many requests in a short time; wait a moment and try again.',
  UNAVAILABLE: 'The service is unavailable for now; try again in a few minutes.',
  INTERNAL:
    'Something went wrong on the server; it has been logged. Try again later or tell an administrator.',
  INVALID_ARGUMENT: 'A value is not valid.',
  INVALID_DATE: 'The date is not valid (use dd/mm/yyyy).',
  INVALID_PERIOD: 'The period is not valid (use MM/YYYY).',
  INVALID_AMOUNT: 'The amount is not valid.',
  UNSAFE_INTEGER: 'The amount is beyond what can be computed.',
  REFERENCE_DATA_MISSING:
    'Reference data (rates, regional minimum wage, reference level…) is missing for the day computed.',
  REFERENCE_DATA_INVALID: 'Reference data is not valid.',
  ROSTER_OVERLAP: "An employee's participation periods overlap.",
  NEGATIVE_AMOUNT: 'An amount may not be negative.',
  CURSOR_INVALID: 'The list page is no longer valid; reload from the start.',
  QUEUE_UNAVAILABLE:
    'The job queue (Redis) is down, so nothing changed; try again later or tell an administrator.',
  IMPORT_WORKBOOK_REJECTED: "The file was refused; see the file's problems.",
  OFFICE_FORBIDDEN: 'You may not see the data of office {office}.',
  INVALID_CREDENTIALS: 'The email or password is not right.',
  ACCOUNT_LOCKED: 'Too many failed sign-ins: the account is locked until {lockedUntil}.',
  USER_EXISTS: 'A user {email} already exists.',
  PASSWORD_CHANGE_REQUIRED:
    'An administrator reset your password: choose a new one before going on.',
  CURRENT_PASSWORD_WRONG: 'The current password is not right.',
  USER_OWN_ACCOUNT: 'You cannot deactivate or reset the account you are signed in with.',
  WEAK_PASSWORD: {
    text: 'The password is not accepted: {reason} ({min} to {max} characters, not containing the email name).',
    enums: { reason: 'pwReason' },
  },
  USER_SCOPE_INVALID: {
    text: 'The office scope is not valid: {reason}.',
    enums: { reason: 'scopeReason' },
  },
  OFFICE_EXISTS: 'Office {code} already exists.',
  EMPLOYER_NOT_FOUND: 'Employer {unitCode} is not in the registry (or belongs to another office).',
  RECEIPT_NOT_FOUND: 'Receipt {id} was not found.',
  UNKNOWN_UNIT: 'Unit code {unitCode} is not in the employer registry.',
  UNKNOWN_OFFICE: 'There is no office {office}.',
  RECEIPT_ALREADY_MATCHED:
    'Receipt {id} is matched to {unitCode}; unmatch it before sending it to another office.',
  RECEIPT_CHANGED: {
    text: 'Receipt {id} was just changed by someone else (now: {status}); reload it and decide again.',
    enums: { status: 'receiptStatus' },
  },
  IMPORT_KIND_UNKNOWN: 'There is no import kind "{kind}".',
  IMPORT_FILE_MISSING: 'No file was chosen for upload.',
  IMPORT_NOT_COMMITTABLE: {
    text: 'The import is "{status}"; only a checked import can be committed.',
    enums: { status: 'status' },
  },
  IMPORT_NOT_RETRYABLE: {
    text: 'The import is "{status}"; only an import that failed on a fault can be tried again.',
    enums: { status: 'status' },
  },
  IMPORT_CHECK_UNFINISHED:
    'Checking the file did not finish because of a fault: use "Try again" to check it before committing.',
  IMPORT_ALREADY_UPLOADED:
    'This file was already uploaded by another user; ask them or an administrator for its import.',
  IMPORT_CURSOR_INVALID: 'The list page is no longer valid; reload from the start.',
  IMPORT_SET_NOT_READY: '{busy} files are still being checked; commit once every file is checked.',
  IMPORT_TOO_MANY_FILES: 'At most {max} files go in one upload; send the rest in another.',
  IMPORT_HINTS_MISMATCH:
    '{hints} kinds were given for {files} files: give one kind for all, or one per file.',
  RECONCILIATION_SCOPE: 'Give one employer or one office, not both.',
  RECONCILIATION_NOTHING: 'There are no employers to reconcile for {what}.',
  REFERENCE_RATE_MISSING:
    "The year's interest factor k is missing: the interest of that month is not booked.",
  NO_SNAPSHOT: 'Nothing was reconciled as of {day}; run the reconciliation for that day first.',
  SCOPE_CODE_REQUIRED: { text: 'The scope "{scope}" needs a code.', enums: { scope: 'scope' } },
  RANGE_INVALID: 'From {from} is after to {to}.',
  RANGE_TOO_LONG: 'The range is too long ({months} months).',
  PERIOD_NOT_ENDED:
    "The C12-TS notice of {period} is struck on the month's last day, which has not come yet (today {today}).",
  REPORT_NOT_FOUND: 'Report {id} was not found.',
  REPORT_NOT_READY: {
    text: 'The report is not ready ({status}); download it once done.',
    enums: { status: 'reportStatus' },
  },
  NO_EMPLOYERS: 'No employer chosen (give an office or unit codes).',
  NOTICE_FAILED: 'The notice of {unitCode} cannot be made ({cause}).',
  NO_RUN_FOR_DAY:
    'No reconciliation has run for this day; run that day first (Administration › Runs).',
  FLAG_CURSOR_INVALID: 'The list page is no longer valid; reload from the start.',
  FLAG_NOT_CLOSABLE: {
    text: 'Flag {id} is "{status}"; only a flag whose condition cleared can be closed.',
    enums: { status: 'flagStatus' },
  },
  FLAG_IN_ACTIVE_CASE: 'This flag is already in an active case.',
  CASE_CLOSED: {
    text: 'Case {caseId} is closed ({from}); it takes no more steps.',
    enums: caseEnums,
  },
  CASE_TRANSITION_NOT_ALLOWED: {
    text: 'Case {caseId} cannot go from "{from}" to "{to}"; the steps allowed: {allowed}.',
    enums: caseEnums,
  },
  CASE_NOTE_REQUIRED: {
    text: 'Moving case {caseId} from "{from}" to "{to}" needs a reason.',
    enums: caseEnums,
  },
  CASE_DATE_REQUIRED: { text: 'The step "{to}" of case {caseId} needs a date.', enums: caseEnums },
  CASE_INSPECTION_TOO_EARLY:
    'An inspection of case {caseId} can be proposed only 30 days after the C05-TS minutes.',
  CASE_CHANGED: 'Case {caseId} was just changed by someone else; reload and try again.',
  CASE_DATE_IN_FUTURE: 'The date {date} is after today ({today}).',
  CASE_FLAGS_NOT_FOUND: 'Flags {missing} were not found.',
  CASE_FLAGS_MIXED_EMPLOYERS: 'A case is about one employer; the flags chosen are of {units}.',
  CASE_FLAGS_CLOSED: 'Flags {closed} are closed already.',
  MINUTES_RANGE_INVALID:
    'The minutes run from {from} to {to}: the start must be on or before the end.',
  POLICY_UNKNOWN: 'There is no policy "{key}".',
  POLICY_INVALID: 'The value of policy "{key}" is not valid.',
  REFERENCE_KIND_UNKNOWN: 'There is no reference data kind "{kind}".',
  REFERENCE_VALUE_INVALID: 'The "{kind}" value is not valid.',
  REFERENCE_VALUE_EXISTS:
    '{kind} {key} already has the value {value} from {effectiveFrom}; enter a correction with a later date.',
  BAD_AS_OF: 'The as-of date is not valid.',
  BAD_DATE: 'The date is not valid.',
  BAD_DAY: 'The run day is not valid.',
  IMPORT_NOT_FOUND: 'The import no longer exists.',
  IMPORT_SET_NOT_FOUND: 'The import set no longer exists.',
};

/** Small enums a message's values are read with, beyond the console dictionary's own prefixes. */
const localEnums: Record<Lang, Record<string, string>> = {
  vi: {
    'pwReason_too-short': 'quá ngắn',
    'pwReason_too-long': 'quá dài',
    'pwReason_too-few-characters': 'quá ít ký tự khác nhau',
    'pwReason_contains-email': 'chứa tên thư điện tử',
    'scopeReason_admin-scoped': 'quản trị viên xem mọi cơ quan, không chọn cơ quan hay tỉnh',
    'scopeReason_scope-required': 'cần chọn ít nhất một cơ quan hoặc tỉnh',
    scopeReason_unknown: 'có cơ quan hoặc tỉnh chưa có trong hệ thống',
    scope_office: 'cơ quan',
    scope_province: 'tỉnh',
    scope_employer: 'đơn vị',
    scope_all: 'toàn hệ thống',
  },
  en: {
    'pwReason_too-short': 'too short',
    'pwReason_too-long': 'too long',
    'pwReason_too-few-characters': 'too few different characters',
    'pwReason_contains-email': 'it contains the email name',
    'scopeReason_admin-scoped': 'an administrator sees every office: give no office or province',
    'scopeReason_scope-required': 'give at least one office or province',
    scopeReason_unknown: 'some offices or provinces are unknown',
    scope_office: 'office',
    scope_province: 'province',
    scope_employer: 'employer',
    scope_all: 'whole system',
  },
};

const CATALOGUES = {
  vi: { error: errorVi as Record<ErrorCode, Entry> },
  en: { error: errorEn },
} as const;

function enumText(lang: Lang, prefix: string, value: string): string {
  return localEnums[lang][`${prefix}_${value}`] ?? translateEnum(lang, prefix, value);
}

/** One value as a person reads it: dates `dd/mm/yyyy`, periods `MM/YYYY`, lists joined, enums labelled. */
export function detailText(lang: Lang, value: unknown, enumPrefix?: string): string {
  return sharedDetailText(lang, value, enumPrefix, (prefix, v) => enumText(lang, prefix, v));
}

function render(lang: Lang, entry: Entry, details: unknown): string {
  return fillEntry(lang, entry, details, (prefix, v) => enumText(lang, prefix, v));
}

export function hasErrorText(code: string): code is ErrorCode {
  return Object.hasOwn(errorVi, code);
}

/**
 * The text of an API error: its code's catalogue entry filled from `details`; an unknown code gets the
 * entry of its HTTP status (never the server's English), and a network failure says so.
 */
export function errorText(lang: Lang, code: string, details?: unknown, status?: number): string {
  if (code === 'NETWORK')
    return lang === 'vi'
      ? 'Không kết nối được máy chủ; kiểm tra mạng rồi thử lại.'
      : 'The server cannot be reached; check the network and try again.';
  const cat = CATALOGUES[lang].error;
  if (hasErrorText(code)) return render(lang, cat[code], details);
  const byStatus: Record<number, ErrorCode> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    422: 'UNPROCESSABLE',
    429: 'TOO_MANY_REQUESTS',
    503: 'UNAVAILABLE',
  };
  const fallback = (status && byStatus[status]) || 'INTERNAL';
  return render(lang, cat[fallback], {});
}

/** A 4xx other than a timeout or a rate limit will answer the same again: no "Retry". */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
