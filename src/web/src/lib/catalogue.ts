/**
 * Messages from codes (product.md "Messages"): every API error and every import problem carries a
 * stable `code` and the values its text needs in `details`; the console words it from this catalogue,
 * Vietnamese first, English beside (typed: an English entry missing is a type error), never from the
 * server's English `message`. `test/message-codes.spec.ts` fails when a code the server can emit
 * (`src/infrastructure/messages/codes.ts`) has no entry here, or an entry needs a value the server
 * does not send. Pure: no React.
 */
import { formatDate, formatDateTime, formatPeriod } from './format.js';
import { type Lang, translateEnum } from './messages.js';

/** `{name}` placeholders are filled from `details`; `enums` names the dictionary prefix a value is read with. */
export type Entry = string | { text: string; enums?: Record<string, string> };

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

const cellEnums = { expected: 'kind', found: 'kind', hint: 'kind', kind: 'kind' };

export const problemVi = {
  FILE_TOO_LARGE: 'Tệp quá lớn (tối đa {limit}); chia thành các tệp nhỏ hơn.',
  UNCOMPRESSED_TOO_LARGE: 'Tệp khi mở ra quá lớn (tối đa {limit}); chia thành các tệp nhỏ hơn.',
  TOO_MANY_ROWS: 'Trang tính có quá {limit} dòng; chia thành các tệp nhỏ hơn.',
  COLUMN_BEYOND_XFD: 'Có ô nằm ngoài cột cuối cùng của Excel (XFD); lưu lại tệp bằng Excel.',
  ROW_BEYOND_LIMIT: 'Có dòng nằm ngoài dòng cuối cùng của Excel; lưu lại tệp bằng Excel.',
  TOO_MANY_CELLS_IN_ROW: 'Một dòng có quá nhiều ô.',
  TOO_MANY_CELLS: 'Tệp có quá nhiều ô; chia thành các tệp nhỏ hơn.',
  NOT_A_WORKBOOK: 'Tệp không phải bảng tính Excel (.xlsx hoặc .xls).',
  CORRUPT_FILE: 'Tệp bị hỏng, không đọc được; mở bằng Excel và lưu lại dạng .xlsx.',
  ENCRYPTED_FILE: 'Tệp có mật khẩu; bỏ mật khẩu trong Excel rồi tải lên lại.',
  NO_HEADER_ROW: 'Không tìm thấy dòng tiêu đề của loại tệp này; chọn đúng loại hoặc tải mẫu về.',
  WRONG_KIND: {
    text: 'Tệp này là "{found}", không phải "{expected}"; chọn đúng loại hoặc tải đúng tệp.',
    enums: cellEnums,
  },
  MISSING_COLUMN: 'Thiếu cột bắt buộc {header}.',
  MISSING_UNIT_CODE:
    'Không có mã đơn vị: thêm cột "Mã đơn vị" hoặc ô "Mã đơn vị: …" phía trên dòng tiêu đề.',
  MISSING_PERIOD:
    'Chưa biết tháng của bảng C12: chọn kỳ khi tải lên hoặc ghi kỳ (YYYY-MM) trong tên tệp.',
  EXTRA_COLUMN: 'Cột "{header}" không dùng cho loại tệp này và đã bỏ qua.',
  DUPLICATE_COLUMN: 'Cột "{header}" lặp lại một cột trước và đã bỏ qua.',
  SHEET_IGNORED: 'Trang tính không có dòng tiêu đề của loại tệp này và đã bỏ qua.',
  KIND_HINT_IGNORED: {
    text: 'Đã nhập như "{kind}" theo dòng tiêu đề, không phải "{hint}" đã chọn.',
    enums: cellEnums,
  },
  REQUIRED: '{header}: cần có giá trị.',
  FORMULA_NO_RESULT: '{header}: ô có công thức chưa có kết quả; mở bằng Excel, tính lại và lưu.',
  CELL_ERROR: '{header}: ô đang báo lỗi của Excel.',
  NOT_A_NUMBER: '{header}: "{value}" không phải số tiền (đồng).',
  MONEY_FRACTION: '{header}: "{value}" có phần lẻ của đồng.',
  NEGATIVE_AMOUNT: '{header}: "{value}" là số âm.',
  AMOUNT_TOO_LARGE: '{header}: "{value}" quá lớn.',
  INVALID_DATE: '{header}: "{value}" không phải ngày (dùng dd/mm/yyyy).',
  DATE_OUT_OF_RANGE: '{header}: ngày "{value}" nằm ngoài khoảng hợp lý.',
  INVALID_PERIOD: '{header}: "{value}" không phải tháng (dùng MM/YYYY).',
  INVALID_SI_NUMBER: '{header}: "{value}" không phải mã số BHXH (10 chữ số).',
  INVALID_UNIT_CODE: '"{value}" không phải mã đơn vị (5–10 chữ hoặc số).',
  INVALID_TAX_CODE: '{header}: "{value}" không phải mã số thuế.',
  INVALID_OFFICE_CODE: '{header}: "{value}" không phải mã cơ quan BHXH.',
  INVALID_RATE: '{header}: "{value}" không phải tỷ lệ (ví dụ 0,5%).',
  INVALID_REGION: '{header}: "{value}" không phải vùng lương (I–IV).',
  INVALID_CYCLE: '{header}: "{value}" không phải phương thức đóng.',
  INVALID_STATUS: '{header}: "{value}" không phải trạng thái đơn vị.',
  INVALID_FUND: '{header}: "{value}" không phải tên quỹ.',
  INVALID_DECIMAL: '{header}: "{value}" không phải số.',
  TEXT_TOO_LONG: '{header}: nội dung dài quá 1.000 ký tự.',
  PERIOD_ORDER: '{header}: tháng kết thúc trước tháng bắt đầu.',
  UNKNOWN_UNIT: 'Mã đơn vị không có trong danh mục đơn vị.',
  UNKNOWN_OFFICE: 'Mã cơ quan BHXH không có trong hệ thống.',
  UNIT_NOT_REGISTERED: 'Đơn vị chưa có trong danh mục; nhập danh sách đơn vị trước.',
  SUSPENSE_UNIT: 'Dòng của đơn vị tạm thu không được nhập.',
  DUPLICATE_BANK_REF: 'Số tham chiếu ngân hàng đã có (trùng giấy báo có).',
  DUPLICATE_KEY: 'Dòng trùng với một dòng khác của cùng tệp.',
  ROSTER_OVERLAP: 'Thời gian tham gia trùng với một dòng khác của người lao động này.',
  AMBIGUOUS_UNIT: 'Không xác định được đơn vị của dòng.',
  OUTSIDE_OFFICE_SCOPE: 'Đơn vị thuộc cơ quan ngoài phạm vi của bạn.',
} as const satisfies Record<string, Entry>;

export type ProblemCode = keyof typeof problemVi;

export const problemEn: Record<ProblemCode, Entry> = {
  FILE_TOO_LARGE: 'The file is too large (at most {limit}); split it into smaller files.',
  UNCOMPRESSED_TOO_LARGE:
    'The file expands too much when opened (at most {limit}); split it into smaller files.',
  TOO_MANY_ROWS: 'A sheet has more than {limit} rows; split it into smaller files.',
  COLUMN_BEYOND_XFD:
    "A cell lies beyond Excel's last column (XFD); save the file again from Excel.",
  ROW_BEYOND_LIMIT: "A row lies beyond Excel's last row; save the file again from Excel.",
  TOO_MANY_CELLS_IN_ROW: 'A row has too many cells.',
  TOO_MANY_CELLS: 'The file has too many cells; split it into smaller files.',
  NOT_A_WORKBOOK: 'The file is not an Excel workbook (.xlsx or .xls).',
  CORRUPT_FILE: 'The file is damaged and cannot be read; open it in Excel and save it as .xlsx.',
  ENCRYPTED_FILE: 'The file has a password; remove it in Excel and upload again.',
  NO_HEADER_ROW:
    'No header row of this kind was found; choose the right kind or download the template.',
  WRONG_KIND: {
    text: 'This file is a "{found}", not a "{expected}"; choose the right kind or upload the right file.',
    enums: cellEnums,
  },
  MISSING_COLUMN: 'Required column {header} not found.',
  MISSING_UNIT_CODE:
    'No unit code: add a "Mã đơn vị" column, or a cell "Mã đơn vị: …" above the header row.',
  MISSING_PERIOD:
    'The month of this C12 summary is unknown: give the period with the upload or put it (YYYY-MM) in the file name.',
  EXTRA_COLUMN: 'Column "{header}" is not used by this kind and was ignored.',
  DUPLICATE_COLUMN: 'Column "{header}" repeats an earlier column and was ignored.',
  SHEET_IGNORED: 'The sheet has no header row of this kind and was ignored.',
  KIND_HINT_IGNORED: {
    text: 'Imported as "{kind}", as its header row shows, not as the "{hint}" chosen.',
    enums: cellEnums,
  },
  REQUIRED: '{header}: a value is required.',
  FORMULA_NO_RESULT: '{header}: the formula has no computed result; recalculate and save in Excel.',
  CELL_ERROR: '{header}: the cell shows an Excel error.',
  NOT_A_NUMBER: '{header}: "{value}" is not an amount in đồng.',
  MONEY_FRACTION: '{header}: "{value}" has a fraction of a đồng.',
  NEGATIVE_AMOUNT: '{header}: "{value}" is negative.',
  AMOUNT_TOO_LARGE: '{header}: "{value}" is too large.',
  INVALID_DATE: '{header}: "{value}" is not a date (use dd/mm/yyyy).',
  DATE_OUT_OF_RANGE: '{header}: the date "{value}" is out of range.',
  INVALID_PERIOD: '{header}: "{value}" is not a month (use MM/YYYY).',
  INVALID_SI_NUMBER: '{header}: "{value}" is not an SI number (10 digits).',
  INVALID_UNIT_CODE: '"{value}" is not a unit code (5–10 letters or digits).',
  INVALID_TAX_CODE: '{header}: "{value}" is not a tax code.',
  INVALID_OFFICE_CODE: '{header}: "{value}" is not an office code.',
  INVALID_RATE: '{header}: "{value}" is not a rate (e.g. 0,5%).',
  INVALID_REGION: '{header}: "{value}" is not a wage region (I–IV).',
  INVALID_CYCLE: '{header}: "{value}" is not a payment cycle.',
  INVALID_STATUS: '{header}: "{value}" is not an employer status.',
  INVALID_FUND: '{header}: "{value}" is not a fund.',
  INVALID_DECIMAL: '{header}: "{value}" is not a number.',
  TEXT_TOO_LONG: '{header}: the text is longer than 1,000 characters.',
  PERIOD_ORDER: '{header}: the end month is before the start month.',
  UNKNOWN_UNIT: 'The unit code is not in the employer registry.',
  UNKNOWN_OFFICE: 'The office code does not exist.',
  UNIT_NOT_REGISTERED: 'The employer is not registered yet; import the employer registry first.',
  SUSPENSE_UNIT: 'Rows of the suspense unit are not imported.',
  DUPLICATE_BANK_REF: 'The bank reference exists already (a duplicate receipt).',
  DUPLICATE_KEY: 'The row repeats another row of the same file.',
  ROSTER_OVERLAP: 'The participation overlaps another row of this employee.',
  AMBIGUOUS_UNIT: "The row's employer cannot be told.",
  OUTSIDE_OFFICE_SCOPE: 'The employer belongs to an office outside your scope.',
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
  vi: {
    error: errorVi as Record<ErrorCode, Entry>,
    problem: problemVi as Record<ProblemCode, Entry>,
  },
  en: { error: errorEn, problem: problemEn },
} as const;

function enumText(lang: Lang, prefix: string, value: string): string {
  return localEnums[lang][`${prefix}_${value}`] ?? translateEnum(lang, prefix, value);
}

/** One value as a person reads it: dates `dd/mm/yyyy`, periods `MM/YYYY`, lists joined, enums labelled. */
export function detailText(lang: Lang, value: unknown, enumPrefix?: string): string {
  if (Array.isArray(value)) return value.map((v) => detailText(lang, v, enumPrefix)).join(', ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  if (typeof value !== 'string') return typeof value === 'object' ? '' : String(value);
  if (enumPrefix) return enumText(lang, enumPrefix, value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (/^\d{4}-\d{2}$/.test(value)) return formatPeriod(value);
  return value;
}

function render(lang: Lang, entry: Entry, details: unknown): string {
  const text = typeof entry === 'string' ? entry : entry.text;
  const enums = typeof entry === 'string' ? {} : (entry.enums ?? {});
  const d = (
    details && typeof details === 'object' && !Array.isArray(details) ? details : {}
  ) as Record<string, unknown>;
  return text.replace(/\{(\w+)\}/g, (m, k: string) =>
    k in d ? detailText(lang, d[k], enums[k]) : m,
  );
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

export interface ProblemLike {
  code: string;
  message?: string;
  details?: unknown;
}

/** The text of an import problem from its code and details (the place is shown beside it). */
export function problemText(lang: Lang, p: ProblemLike): string {
  const cat = CATALOGUES[lang].problem;
  if (Object.hasOwn(problemVi, p.code)) return render(lang, cat[p.code as ProblemCode], p.details);
  return lang === 'vi' ? 'Dòng có lỗi chưa xác định.' : 'The row has a problem of an unknown kind.';
}

/** A 4xx other than a timeout or a rate limit will answer the same again: no "Retry". */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
