import type { Writable } from 'node:stream';
import {
  reportWorkbook,
  tableSheet,
  type ReportColumn,
} from '../../infrastructure/excel/report-workbook.js';
import type { QueueRow } from './inspection-queue.service.js';

/** Vietnamese labels of flag codes, severities and debt classes (what an inspector reads in the plan). */
export const FLAG_CODE_LABELS: Record<string, string> = {
  PROLONGED_ARREARS: 'Nợ kéo dài',
  EVASION_SUSPECTED: 'Dấu hiệu trốn đóng',
  UNDER_DECLARATION: 'Đóng thấp hơn lương tối thiểu',
  DECLARATION_MISMATCH: 'Kê khai lệch số phải thu',
  CRIMINAL_THRESHOLD: 'Dấu hiệu tội phạm (Đ.216)',
  REPEAT_LATE: 'Chậm đóng lặp lại',
  PROLONGED_IMMINENT: 'Sắp nợ kéo dài',
};
export const SEVERITY_LABELS: Record<string, string> = {
  low: 'Thấp',
  medium: 'Trung bình',
  high: 'Cao',
  critical: 'Nghiêm trọng',
};
export const DEBT_CLASS_LABELS: Record<string, string> = {
  late: 'Chậm đóng',
  overdue: 'Nợ đọng',
  prolonged: 'Nợ kéo dài',
  'hard-to-collect': 'Khó thu',
};

interface PlanRow {
  rank: number;
  row: QueueRow;
}

const COLUMNS: ReportColumn<PlanRow>[] = [
  { header: 'STT', kind: 'integer', width: 7, value: (r) => r.rank },
  { header: 'Mã đơn vị', width: 12, value: (r) => r.row.unitCode },
  { header: 'Tên đơn vị', width: 40, value: (r) => r.row.name },
  { header: 'Cơ quan BHXH', width: 10, value: (r) => r.row.officeCode },
  { header: 'Mức độ cao nhất', width: 14, value: (r) => SEVERITY_LABELS[r.row.severity] ?? null },
  {
    header: 'Dấu hiệu',
    width: 50,
    value: (r) =>
      r.row.flags
        .map((f) => `${FLAG_CODE_LABELS[f.code] ?? f.code} (${SEVERITY_LABELS[f.severity]})`)
        .join('; '),
  },
  { header: 'Nợ quá hạn (đồng)', kind: 'money', width: 18, value: (r) => r.row.overduePrincipal },
  { header: 'Số tháng nợ', kind: 'decimal', width: 12, value: (r) => r.row.monthsOfDebt },
  {
    header: 'Phân loại nợ',
    width: 14,
    value: (r) => (r.row.debtClass ? (DEBT_CLASS_LABELS[r.row.debtClass] ?? null) : null),
  },
  { header: 'Điểm rủi ro', kind: 'integer', width: 18, value: (r) => r.row.riskScore },
  {
    header: 'Giấy báo có chờ xác nhận (số)',
    kind: 'integer',
    width: 14,
    value: (r) => r.row.suggestedReceipts.count,
  },
  {
    header: 'Giấy báo có chờ xác nhận (đồng)',
    kind: 'money',
    width: 18,
    value: (r) => r.row.suggestedReceipts.total,
  },
  { header: 'Hồ sơ đang mở', width: 10, value: (r) => (r.row.caseOpen ? 'Có' : 'Không') },
  {
    header: 'Ngày sẽ nợ kéo dài',
    width: 14,
    value: (r) => r.row.imminent?.prolongedOn.split('-').reverse().join('/') ?? null,
  },
  {
    header: 'Số tiền cần nộp để tránh (đồng)',
    kind: 'money',
    width: 18,
    value: (r) => r.row.imminent?.preventingAmount ?? null,
  },
];

/** `inspection-plan.xlsx`: the inspection queue (filtered) in its order, one row per employer. */
export async function writeQueuePlan(
  pages: AsyncIterable<QueueRow[]>,
  out: Writable,
  title: string,
): Promise<void> {
  const wb = reportWorkbook(out);
  const sheet = tableSheet(wb, 'Kế hoạch thanh tra', COLUMNS, [title]);
  let rank = 0;
  for await (const rows of pages) for (const row of rows) sheet.add({ rank: ++rank, row });
  sheet.commit();
  await wb.commit();
}
