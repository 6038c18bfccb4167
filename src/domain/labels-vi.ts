/**
 * The Vietnamese labels every workbook the service writes uses (ledger, arrears, flags, cases,
 * inspection plan, errors, C12-TS notices, ratio series and league): one place, so a fund, a method, a
 * status or an evidence key reads the same in every sheet and as on the console's screens. Pure data.
 * An unknown value is written as it is (never dropped).
 */

import { formatDateTime } from '../shared/format.js';

export const LABELS_VI = {
  /** Fund tags (§2, OPENING §5) and late-charge tags (§6: SI, UI, HI). */
  fund: {
    SI_SICK: 'Ốm đau–thai sản',
    SI_RETIRE: 'Hưu trí–tử tuất',
    SI_OA: 'TNLĐ–BNN',
    HI: 'BHYT',
    UI: 'BHTN',
    OPENING: 'Số dư đầu kỳ',
    SI: 'BHXH',
    SI_HI: 'BHXH, BHYT',
  },
  /** How a receipt was tied to its employer (domain.md §8). */
  method: {
    column: 'Cột mã đơn vị',
    reference: 'Mã tham chiếu VSS',
    'unit-code': 'Mã đơn vị trong nội dung',
    'tax-code': 'Mã số thuế',
    name: 'Tên đơn vị (gợi ý)',
    officer: 'Cán bộ khớp',
    none: 'Chưa khớp (tạm thu)',
  },
  receiptStatus: { unmatched: 'Chưa khớp', suggested: 'Có gợi ý', matched: 'Đã khớp' },
  importStatus: {
    queued: 'Đang chờ',
    parsing: 'Đang đọc và kiểm tra',
    validated: 'Đã kiểm tra',
    committing: 'Đang ghi',
    committed: 'Đã ghi vào hệ thống',
    rejected: 'Bị từ chối',
    failed: 'Thất bại',
  },
  problemLevel: { structural: 'Lỗi tệp', row: 'Lỗi dòng', info: 'Cảnh báo' },
  flagStatus: {
    open: 'Đang mở',
    'condition-cleared': 'Điều kiện đã hết',
    closed: 'Đã đóng',
    case: 'Đã lập hồ sơ',
  },
  caseStatus: {
    open: 'Mới lập',
    reminded: 'Đã gửi văn bản đôn đốc',
    reconciled: 'Đã lập biên bản đối chiếu C05-TS',
    'inspection-proposed': 'Đề nghị thanh tra',
    inspecting: 'Đang thanh tra',
    paid: 'Đã nộp đủ',
    'instalment-plan': 'Có kế hoạch trả dần',
    dismissed: 'Đã dừng',
    referred: 'Đã chuyển cơ quan có thẩm quyền',
  },
  runStatus: { running: 'Đang chạy', completed: 'Đã xong', failed: 'Lỗi' },
  severity: { low: 'Thấp', medium: 'Trung bình', high: 'Cao', critical: 'Nghiêm trọng' },
  debtClass: {
    none: 'Không nợ',
    late: 'Chậm đóng',
    overdue: 'Nợ đọng',
    prolonged: 'Nợ kéo dài',
    'hard-to-collect': 'Khó thu',
  },
  flagCode: {
    PROLONGED_ARREARS: 'Nợ kéo dài',
    EVASION_SUSPECTED: 'Nghi trốn đóng',
    UNDER_DECLARATION: 'Khai lương thấp hơn mức tối thiểu',
    DECLARATION_MISMATCH: 'Kê khai lệch số phải thu',
    CRIMINAL_THRESHOLD: 'Đủ ngưỡng xử lý hình sự',
    REPEAT_LATE: 'Thường xuyên chậm đóng',
    PROLONGED_IMMINENT: 'Sắp nợ kéo dài',
  },
  /** Keys of a flag's evidence (domain.md §9). */
  evidence: {
    monthsOfDebt: 'Số tháng nợ',
    monthsOfDebtMilli: 'Số tháng nợ (phần nghìn)',
    overduePrincipal: 'Gốc quá hạn',
    oldestUnpaidDaysPastDue: 'Số ngày quá hạn của khoản nợ cũ nhất',
    lastReminder: 'Văn bản đôn đốc gần nhất',
    persons: 'Số người',
    months: 'Các tháng',
    personMonths: 'Số lượt người-tháng',
    shortfall: 'Số tiền đóng thiếu',
    periods: 'Các kỳ kê khai lệch',
    clause: 'Khoản (Điều 216 BLHS)',
    lastSanction: 'Quyết định xử phạt gần nhất',
    onTimeShare: 'Tỷ lệ đóng đúng hạn',
    settledOnTime: 'Số đã đóng đúng hạn',
    receivable: 'Số phải thu',
    monthsOfDebtAtHorizon: 'Số tháng nợ nếu không nộp thêm',
    horizon: 'Xét đến ngày',
    prolongedOn: 'Ngày sẽ thành nợ kéo dài',
    preventingAmount: 'Số tiền cần nộp để tránh',
    period: 'Kỳ',
    declared: 'Đơn vị kê khai',
    difference: 'Chênh lệch',
  },
  allocationKind: { principal: 'D.1 Tiền đóng', charge: 'D.2 Lãi chậm đóng' },
  chargeRegime: {
    daily: 'Lãi theo ngày (từ 01/07/2025)',
    'monthly-interest': 'Lãi tháng (trước 01/07/2025)',
  },
  scope: { all: 'Toàn hệ thống', province: 'Tỉnh', office: 'Cơ quan', employer: 'Đơn vị' },
  employerStatus: {
    active: 'Đang hoạt động',
    suspended: 'Tạm dừng đóng',
    absconded: 'Chủ bỏ trốn',
    dissolving: 'Đang giải thể',
    dissolved: 'Đã giải thể',
    bankrupt: 'Phá sản',
    'debt-frozen': 'Khoanh nợ',
  },
} as const satisfies Record<string, Record<string, string>>;

export type LabelKind = keyof typeof LABELS_VI;

/** The Vietnamese label of an API value (`labelVi('fund', 'SI_SICK')` → `Ốm đau–thai sản`); unknown as is. */
export function labelVi(kind: LabelKind, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const table = LABELS_VI[kind] as Record<string, string>;
  return Object.hasOwn(table, value) ? table[value]! : value;
}

/** A period as people write it: `2025-10` → `10/2025` (anything else as is). */
export function periodVi(period: string | null | undefined): string {
  if (!period) return '';
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[2]}/${m[1]}` : period;
}

/** A day as people write it: `2025-10-31` → `31/10/2025` (anything else as is). */
export function dateVi(day: string | null | undefined): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/**
 * A moment as people read it, in the business time zone: `2026-04-15T03:04:05Z` → `15/04/2026 10:04`
 * (with `seconds`, `15/04/2026 10:04:05`); null → ''.
 */
export function dateTimeVi(
  at: Date | string | null | undefined,
  options: { timeZone?: string; seconds?: boolean } = {},
): string {
  if (at === null || at === undefined || at === '') return '';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  const tz = options.timeZone ?? 'Asia/Ho_Chi_Minh';
  const minutes = formatDateTime(d.toISOString(), tz);
  if (!options.seconds) return minutes;
  const ss = String(d.getUTCSeconds()).padStart(2, '0'); // zones differ by whole minutes
  return `${minutes}:${ss}`;
}

/** A flag's evidence as a person reads it: `Số tháng nợ: 3,132; Gốc quá hạn: 93.875.520 ₫`. */
export function evidenceVi(evidence: Record<string, unknown> | null | undefined): string {
  if (!evidence) return '';
  const money = new Set([
    'overduePrincipal',
    'shortfall',
    'settledOnTime',
    'receivable',
    'preventingAmount',
    'declared',
    'difference',
  ]);
  const show = (k: string, v: unknown): string => {
    if (Array.isArray(v)) return v.map((x) => show(k, x)).join(', ');
    if (typeof v === 'number') {
      if (money.has(k)) return `${groupVi(v)} ₫`;
      return Number.isInteger(v) ? groupVi(v) : String(v).replace('.', ',');
    }
    if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? dateVi(v) : periodVi(v);
    if (v && typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  return Object.entries(evidence)
    .map(([k, v]) => `${labelVi('evidence', k)}: ${show(k, v)}`)
    .join('; ');
}

function groupVi(n: number): string {
  const s = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${s}` : s;
}
