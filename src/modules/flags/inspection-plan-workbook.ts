import type { Writable } from 'node:stream';
import {
  reportWorkbook,
  tableSheet,
  type ReportColumn,
} from '../../infrastructure/excel/report-workbook.js';
import { labelVi } from '../../domain/labels-vi.js';
import type { QueueRow } from './inspection-queue.service.js';

interface PlanRow {
  rank: number;
  row: QueueRow;
}

const COLUMNS: ReportColumn<PlanRow>[] = [
  { header: 'STT', kind: 'integer', width: 7, value: (r) => r.rank },
  { header: 'Mã đơn vị', width: 12, value: (r) => r.row.unitCode },
  { header: 'Tên đơn vị', width: 40, value: (r) => r.row.name },
  { header: 'Cơ quan BHXH', width: 10, value: (r) => r.row.officeCode },
  {
    header: 'Mức độ cao nhất',
    width: 14,
    value: (r) => labelVi('severity', r.row.severity) || null,
  },
  {
    header: 'Dấu hiệu',
    width: 50,
    value: (r) =>
      r.row.flags
        .map((f) => `${labelVi('flagCode', f.code)} (${labelVi('severity', f.severity)})`)
        .join('; '),
  },
  { header: 'Nợ quá hạn (đồng)', kind: 'money', width: 18, value: (r) => r.row.overduePrincipal },
  { header: 'Số tháng nợ', kind: 'decimal', width: 12, value: (r) => r.row.monthsOfDebt },
  {
    header: 'Phân loại nợ',
    width: 14,
    value: (r) => labelVi('debtClass', r.row.debtClass) || null,
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
  const wb = await reportWorkbook(out);
  const sheet = tableSheet(wb, 'Kế hoạch thanh tra', COLUMNS, [title]);
  let rank = 0;
  for await (const rows of pages) for (const row of rows) sheet.add({ rank: ++rank, row });
  sheet.commit();
  await wb.commit();
}
