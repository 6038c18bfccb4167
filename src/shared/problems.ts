/**
 * Import problems in words (product.md "Messages"): one catalogue, Vietnamese and English, that the web
 * console (`src/web/src/lib/catalogue.ts`) and the server's errors workbook (`errors.xlsx`) both read, so
 * an officer sees the same sentence on the screen and in the workbook. Each entry is keyed by the
 * problem's stable code; `{name}` placeholders are filled from the problem's `details`, values read as
 * people write them (numbers grouped, dates dd/mm/yyyy, periods MM/YYYY, import kinds by their label).
 * Pure: imports only src/shared.
 */
import { formatDate, formatDateTime, formatPeriod } from './format.js';

export type Lang = 'vi' | 'en';

/** `{name}` placeholders are filled from `details`; `enums` names the dictionary prefix a value is read with. */
export type Entry = string | { text: string; enums?: Record<string, string> };

/** The import kinds as people name them (the console's `kind_…` texts and the problems' `{kind}` values). */
export const kindLabelsVi = {
  kind_employers: 'Danh sách đơn vị (đăng ký)',
  kind_roster: 'Danh sách lao động tham gia (D02-LT)',
  kind_receipts: 'Sao kê giấy báo có của ngân hàng',
  kind_receivables: 'Sổ phải thu',
  'kind_c12-summary': 'Bảng tổng hợp C12-TS (số dư đầu kỳ)',
} as const;

export const kindLabelsEn: Record<keyof typeof kindLabelsVi, string> = {
  kind_employers: 'Employer registry',
  kind_roster: 'Employee roster (D02-LT)',
  kind_receipts: 'Bank receipt statement',
  kind_receivables: 'Receivables ledger',
  'kind_c12-summary': 'C12-TS summary export (opening balances)',
};

const SHARED_ENUMS: Record<Lang, Record<string, string>> = { vi: kindLabelsVi, en: kindLabelsEn };

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

/** How an enum value reads: `(prefix, value)` → label, the value itself when unknown. */
export type EnumText = (prefix: string, value: string) => string;

/** The shared enums (import kinds); any other prefix reads as the value itself. */
export function sharedEnumText(lang: Lang): EnumText {
  return (prefix, value) => SHARED_ENUMS[lang][`${prefix}_${value}`] ?? value;
}

/** One value as a person reads it: dates `dd/mm/yyyy`, periods `MM/YYYY`, numbers grouped, lists joined, enums labelled. */
export function detailText(
  lang: Lang,
  value: unknown,
  enumPrefix?: string,
  enumText: EnumText = sharedEnumText(lang),
): string {
  if (Array.isArray(value))
    return value.map((v) => detailText(lang, v, enumPrefix, enumText)).join(', ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  if (typeof value !== 'string') return typeof value === 'object' ? '' : String(value);
  if (enumPrefix) return enumText(enumPrefix, value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (/^\d{4}-\d{2}$/.test(value)) return formatPeriod(value);
  return value;
}

/** An entry's text with its `{placeholders}` filled from `details` (an absent value keeps its placeholder). */
export function fillEntry(
  lang: Lang,
  entry: Entry,
  details: unknown,
  enumText: EnumText = sharedEnumText(lang),
): string {
  const text = typeof entry === 'string' ? entry : entry.text;
  const enums = typeof entry === 'string' ? {} : (entry.enums ?? {});
  const d = (
    details && typeof details === 'object' && !Array.isArray(details) ? details : {}
  ) as Record<string, unknown>;
  return text.replace(/\{(\w+)\}/g, (m, k: string) =>
    k in d ? detailText(lang, d[k], enums[k], enumText) : m,
  );
}

const PROBLEMS: Record<Lang, Record<ProblemCode, Entry>> = { vi: problemVi, en: problemEn };

export interface ProblemLike {
  code: string;
  message?: string;
  details?: unknown;
}

export function hasProblemText(code: string): code is ProblemCode {
  return Object.hasOwn(problemVi, code);
}

/** The text of an import problem from its code and details (the place is shown beside it); never the server's English. */
export function problemText(lang: Lang, p: ProblemLike): string {
  if (hasProblemText(p.code)) return fillEntry(lang, PROBLEMS[lang][p.code], p.details);
  return lang === 'vi' ? 'Dòng có lỗi chưa xác định.' : 'The row has a problem of an unknown kind.';
}
