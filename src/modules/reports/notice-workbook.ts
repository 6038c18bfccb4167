import type { Writable } from 'node:stream';
import type { C12Notice, NoticeCharge, NoticePayment } from '../../domain/c12-notice.js';
import {
  reportWorkbook,
  tableSheet,
  type ReportColumn,
} from '../../infrastructure/excel/report-workbook.js';
import {
  dmy,
  FUND_HEADERS,
  mmyyyy,
  noticeColumns,
  noticeLines,
  noticeTitle,
  percent,
  TAG_LABELS,
  type NoticeLine,
  type NoticeParty,
} from './notice-layout.js';

function partyLines(n: C12Notice, p: NoticeParty): string[] {
  return [
    noticeTitle(n),
    `Cơ quan BHXH: ${p.officeName} (${p.officeCode})`,
    `Đơn vị: ${p.name} — Mã đơn vị: ${p.unitCode}${p.taxCode ? ` — MST: ${p.taxCode}` : ''}`,
    `Kỳ: ${mmyyyy(n.period)} (từ ${dmy(n.opening.asOf)} đến ${dmy(n.closing.asOf)}); đơn vị tính: đồng`,
  ];
}

/** The notice as a workbook: the C12-TS table, then B.5's charges and C's payments in detail. */
export async function writeNoticeWorkbook(
  n: C12Notice,
  party: NoticeParty,
  out: Writable,
): Promise<void> {
  const wb = await reportWorkbook(out);
  const funds = noticeColumns(n);
  const cols: ReportColumn<NoticeLine>[] = [
    { header: 'Mục', value: (l) => l.code, width: 8 },
    { header: 'Chỉ tiêu', value: (l) => l.label, width: 44 },
    ...funds.map((f): ReportColumn<NoticeLine> => ({
      header: FUND_HEADERS[f],
      kind: 'money',
      value: (l) => (l.kind === 'row' ? l.row[f] : null),
    })),
    {
      header: 'Tổng cộng',
      kind: 'money',
      value: (l) => (l.kind === 'row' ? l.row.total : l.kind === 'total' ? l.amount : null),
    },
  ];
  const main = tableSheet(wb, 'C12-TS', cols, partyLines(n, party));
  for (const l of noticeLines(n)) main.add(l);
  main.commit();

  const charges = tableSheet<NoticeCharge>(
    wb,
    'B.5 Tiền chậm đóng',
    [
      { header: 'Ngày ghi nhận', value: (c) => dmy(c.bookedOn) },
      { header: 'Loại', value: (c) => TAG_LABELS[c.tag] },
      { header: 'Kỳ chậm đóng', value: (c) => mmyyyy(c.causingPeriod) },
      {
        header: 'Cách tính',
        value: (c) => (c.regime === 'daily' ? 'Theo ngày (đồng × ngày)' : 'Lãi tháng (đồng)'),
        width: 24,
      },
      { header: 'Số tiền tính', kind: 'integer', value: (c) => c.base, width: 20 },
      {
        header: 'Tỷ lệ',
        value: (c) => `${percent(c.rate)}/${c.regime === 'daily' ? 'ngày' : 'tháng'}`,
      },
      { header: 'Số tiền chậm đóng', kind: 'money', value: (c) => c.amount },
    ],
    [noticeTitle(n), 'B.5 — Tiền chậm đóng phát sinh trong kỳ'],
  );
  for (const c of n.charges) charges.add(c);
  charges.commit();

  const payments = tableSheet<NoticePayment>(
    wb,
    'C-D Số tiền đã nộp',
    [
      { header: 'Ngày nộp', value: (p) => dmy(p.valueDate) },
      { header: 'Số ủy nhiệm chi', value: (p) => p.bankRef, width: 22 },
      { header: 'Số tiền', kind: 'money', value: (p) => p.amount },
      { header: 'D.1 Tiền đóng', kind: 'money', value: (p) => p.contributions.total },
      { header: 'D.2 Tiền chậm đóng', kind: 'money', value: (p) => p.charges.total },
      { header: 'Chuyển thành số thừa', kind: 'money', value: (p) => p.toCredit },
    ],
    [noticeTitle(n), 'C — Số tiền đã nộp trong kỳ và phân bổ (D)'],
  );
  for (const p of n.payments) payments.add(p);
  payments.commit();
  await wb.commit();
}
