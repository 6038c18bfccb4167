import type { Writable } from 'node:stream';
import {
  reportWorkbook,
  tableSheet,
  type ReportColumn,
} from '../../infrastructure/excel/report-workbook.js';
import { dateVi, evidenceVi, labelVi } from '../../domain/labels-vi.js';
import type { EmployerDirectory } from '../employers/index.js';
import type { Flag } from './flag.entity.js';

interface PlanRow {
  rank: number;
  flag: Flag;
  name: string | null;
}

const money = (e: Record<string, unknown>, k: string) =>
  typeof e[k] === 'number' ? (e[k] as number) : null;

const COLUMNS: ReportColumn<PlanRow>[] = [
  { header: 'STT', kind: 'integer', width: 7, value: (r) => r.rank },
  { header: 'Mã đơn vị', width: 12, value: (r) => r.flag.unitCode },
  { header: 'Tên đơn vị', width: 40, value: (r) => r.name },
  { header: 'Cơ quan BHXH', width: 10, value: (r) => r.flag.officeCode },
  { header: 'Dấu hiệu', width: 28, value: (r) => labelVi('flagCode', r.flag.code) },
  { header: 'Mức độ', width: 12, value: (r) => labelVi('severity', r.flag.severity) },
  { header: 'Trạng thái', width: 18, value: (r) => labelVi('flagStatus', r.flag.status) },
  { header: 'Điểm rủi ro (risk score)', kind: 'money', width: 20, value: (r) => r.flag.riskScore },
  {
    header: 'Số tháng nợ (tyleno)',
    kind: 'decimal',
    width: 12,
    value: (r) => r.flag.monthsOfDebtMilli / 1000,
  },
  {
    header: 'Nợ quá hạn (overdue principal)',
    kind: 'money',
    width: 20,
    value: (r) => money(r.flag.evidence, 'overduePrincipal'),
  },
  { header: 'Ngày phát hiện', width: 12, value: (r) => dateVi(r.flag.raisedOn) },
  { header: 'Đánh giá lần cuối', width: 12, value: (r) => dateVi(r.flag.evaluatedOn) },
  { header: 'Số hồ sơ', kind: 'integer', width: 10, value: (r) => r.flag.caseId ?? null },
  { header: 'Căn cứ', width: 80, value: (r) => evidenceVi(r.flag.evidence) },
];

/** The inspection plan: flags in queue order, one row each, with the employer's name. */
export async function writeInspectionPlan(
  employers: EmployerDirectory,
  pages: AsyncIterable<Flag[]>,
  out: Writable,
  title: string,
): Promise<void> {
  const wb = await reportWorkbook(out);
  const sheet = tableSheet(wb, 'Kế hoạch thanh tra', COLUMNS, [title]);
  let rank = 0;
  for await (const flags of pages) {
    const units = [...new Set(flags.map((f) => f.unitCode))];
    const names = new Map((await employers.byUnits(units)).map((e) => [e.unitCode, e.name]));
    for (const flag of flags)
      sheet.add({ rank: ++rank, flag, name: names.get(flag.unitCode) ?? null });
  }
  sheet.commit();
  await wb.commit();
}
