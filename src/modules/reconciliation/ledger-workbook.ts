import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../infrastructure/heavy-libraries.js';
import type { Writable } from 'node:stream';
import type { Ledger } from '../../domain/ledger.js';
import { explainLedger } from '../../domain/ledger-explained.js';
import { dateVi, labelVi, periodVi } from '../../domain/labels-vi.js';
import { setSafeValue } from '../../infrastructure/excel/safe-cell.util.js';

const VND = '#,##0 "₫"';

/**
 * The reconciliation sheet an officer downloads: one row per period (C12 sections B.3 payable, C paid,
 * Đ balance split overdue / not yet due, B.5 charge), live SUM formulas for the totals, frozen header,
 * VND format, a note on each period a C12 opening balance carries; a sheet with each payment's
 * allocation (D.1 contributions / D.2 charges) and one with each late charge and the payment event that
 * booked it. Periods are written MM/YYYY, dates dd/mm/yyyy, funds by name, in every sheet.
 */
export async function writeLedgerWorkbook(
  ledger: Ledger,
  employerName: string,
  out: Writable,
): Promise<void> {
  const x = explainLedger(ledger);
  const wb: ExcelJS.Workbook = new (await loadExcelJs()).Workbook();
  wb.creator = 'sothu';
  const ws = wb.addWorksheet('Đối chiếu (C12)', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.getCell('A1').value = 'BẢNG ĐỐI CHIẾU THU BHXH, BHYT, BHTN';
  ws.getCell('A1').font = { bold: true, size: 13 };
  setSafeValue(ws.getCell('A2'), `${ledger.unitCode} — ${employerName}`);
  ws.getCell('A3').value = `Đến ngày ${dateVi(ledger.asOf)}`;
  const headers = [
    'Kỳ',
    'Hạn nộp',
    'B.3 Phải nộp',
    'Tự kê khai',
    'C. Đã nộp',
    'Đ. Còn thiếu',
    'Số ngày chậm',
    'B.5 Lãi chậm đóng ghi trong tháng',
    'Trong đó quá hạn',
    'Chưa đến hạn',
    'Ghi chú',
  ];
  const head = ws.getRow(4);
  headers.forEach((h, i) => (head.getCell(i + 1).value = h));
  head.font = { bold: true };
  x.periods.forEach((p, i) => {
    const r = ws.getRow(5 + i);
    r.values = [
      periodVi(p.period),
      dateVi(p.dueDate),
      p.receivable,
      p.declared,
      p.paid,
      p.balance,
      p.daysLate,
      p.charge,
      p.overdue,
      p.notYetDue,
      periodNote(p),
    ];
  });
  const first = 5;
  const last = 4 + ledger.periods.length;
  const total = ws.getRow(last + 1);
  total.getCell(1).value = 'Tổng cộng';
  for (const col of ['C', 'D', 'E', 'F', 'H', 'I', 'J']) {
    const c = ws.getCell(`${col}${last + 1}`);
    c.value = ledger.periods.length ? { formula: `SUM(${col}${first}:${col}${last})` } : 0;
  }
  total.font = { bold: true };
  for (const col of ['C', 'D', 'E', 'F', 'H', 'I', 'J']) ws.getColumn(col).numFmt = VND;
  ws.columns.forEach((c) => (c.width = 18));
  ws.getColumn('K').width = 60;
  const t = x.totals;
  const summary: [string, number][] = [
    ['Còn thiếu (nợ gốc)', t.principalOutstanding],
    ['  trong đó nợ gốc quá hạn', t.overduePrincipal],
    ['  trong đó chưa đến hạn', t.notYetDuePrincipal],
    ['Lãi chậm đóng chưa nộp', t.chargesUnpaid],
    ['Số nộp thừa', t.credit],
  ];
  summary.forEach(([label, v], i) => {
    const r = ws.getRow(last + 3 + i);
    r.getCell(1).value = label;
    r.getCell(3).value = v;
    r.getCell(3).numFmt = VND;
  });
  ws.getRow(last + 3 + summary.length).values = ['Số tháng nợ', null, ledger.monthsOfDebt];
  ws.getCell(`C${last + 3 + summary.length}`).numFmt = '0.000';
  const how = ws.getRow(last + 4 + summary.length);
  how.getCell(1).value = CHARGE_NOTE;
  how.font = { italic: true };
  if (ledger.rateMissing.length) {
    const note = ws.getRow(last + 5 + summary.length);
    note.getCell(1).value =
      `Chưa tính ${ledger.rateMissing.length} khoản lãi chậm đóng do thiếu tham số: ` +
      ledger.missingReference
        .map((m) =>
          m.kind === 'old-regime-k'
            ? `k_${m.key} năm ${m.year}`
            : `lãi suất ngày ${dateVi(m.date)}`,
        )
        .join(', ') +
      ' (xem trang "Thiếu tham số")';
    note.font = { italic: true, color: { argb: 'FF9C5700' } };
  }

  const ps = wb.addWorksheet('Phân bổ (D)', { views: [{ state: 'frozen', ySplit: 1 }] });
  ps.getRow(1).values = [
    'Ngày giá trị',
    'Số tham chiếu',
    'Số tiền',
    'Kỳ',
    'Quỹ',
    'D.1/D.2',
    'Phân bổ',
    'Lãi ghi khi nộp khoản này',
    'Ghi chú',
  ];
  ps.getRow(1).font = { bold: true };
  let row = 2;
  for (const p of x.payments) {
    for (const a of p.allocations.length ? p.allocations : [null]) {
      const r = ps.getRow(row++);
      r.getCell(1).value = dateVi(p.valueDate);
      setSafeValue(r.getCell(2), p.bankRef);
      r.getCell(3).value = p.amount;
      if (a) {
        r.getCell(4).value = periodVi(a.period);
        r.getCell(5).value = labelVi('fund', a.fund);
        r.getCell(6).value = labelVi('allocationKind', a.kind);
        r.getCell(7).value = a.amount;
      }
      r.getCell(8).value = p.chargesBooked;
      if (p.carriedInto)
        r.getCell(9).value = `Đã tính trong số dư đầu kỳ C12 tháng ${periodVi(p.carriedInto)}`;
    }
  }
  for (const col of ['C', 'G', 'H']) ps.getColumn(col).numFmt = VND;
  ps.columns.forEach((c) => (c.width = 16));

  // §6: each charge with the payment event that booked it (old-regime interest: the 1st of the month)
  const cs = wb.addWorksheet('Lãi chậm đóng (B.5)', { views: [{ state: 'frozen', ySplit: 1 }] });
  cs.getRow(1).values = [
    'Ngày ghi',
    'Ghi khi nộp (ngày, số tham chiếu)',
    'Kỳ ghi',
    'Kỳ gây lãi',
    'Quỹ',
    'Cách tính',
    'Số tiền lãi',
    'Đã nộp',
  ];
  cs.getRow(1).font = { bold: true };
  x.charges.forEach((c, i) => {
    const r = cs.getRow(2 + i);
    r.values = [
      dateVi(c.bookedOn),
      null,
      periodVi(c.period),
      periodVi(c.causingPeriod),
      labelVi('fund', c.tag),
      labelVi('chargeRegime', c.regime),
      c.amount,
      c.paid,
    ];
    setSafeValue(
      r.getCell(2),
      c.bookedBy ? `${dateVi(c.bookedBy.valueDate)} · ${c.bookedBy.bankRef}` : 'Ngày 01 của tháng',
    );
  });
  for (const col of ['G', 'H']) cs.getColumn(col).numFmt = VND;
  cs.columns.forEach((c) => (c.width = 20));
  cs.getColumn('B').width = 36;

  if (ledger.rateMissing.length) {
    // §6 "A k not yet known": the charges not booked, each with the base it would have been charged on
    const ms = wb.addWorksheet('Thiếu tham số', { views: [{ state: 'frozen', ySplit: 1 }] });
    ms.getRow(1).values = [
      'Tham số',
      'Khoá',
      'Năm / ngày',
      'Ngày tính',
      'Quỹ',
      'Kỳ gây lãi',
      'Căn cứ tính (đồng hoặc đồng × ngày)',
    ];
    ms.getRow(1).font = { bold: true };
    ledger.rateMissing.forEach((m, i) => {
      ms.getRow(2 + i).values =
        m.kind === 'old-regime-k'
          ? [
              'Hệ số k (lãi tháng)',
              m.key,
              m.year,
              dateVi(m.on),
              labelVi('fund', m.tag),
              periodVi(m.causingPeriod),
              m.base,
            ]
          : [
              'Lãi suất ngày',
              'rate',
              dateVi(m.on),
              dateVi(m.on),
              labelVi('fund', m.tag),
              periodVi(m.causingPeriod),
              m.dongDays,
            ];
    });
    ms.getColumn('G').numFmt = '#,##0';
    ms.columns.forEach((c) => (c.width = 20));
  }
  await wb.xlsx.write(out);
}

/** How late charges come to be (domain.md §6), for the reader of the sheet. */
export const CHARGE_NOTE =
  'Lãi chậm đóng được ghi tại mỗi lần đơn vị nộp tiền (tính trên số gốc BHXH, BHTN quá hạn chưa nộp, 0,03%/ngày, ' +
  'đến ngày trước ngày nộp); giữa hai lần nộp lãi chỉ tạm tính. Cột B.5 là lãi ghi trong tháng, không phải lãi do kỳ đó gây ra ' +
  '(xem trang "Lãi chậm đóng (B.5)"). Trước 01/07/2025 lãi tính ngày 01 hằng tháng theo hệ số k.';

function periodNote(p: ReturnType<typeof explainLedger>['periods'][number]): string | null {
  const notes: string[] = [];
  if (p.opening > 0 && p.carriedInto)
    notes.push(`Số dư đầu kỳ chuyển từ C12 tháng ${periodVi(p.carriedInto)}`);
  else if (p.carriedInto)
    notes.push(
      `Đã tính trong số dư đầu kỳ C12 tháng ${periodVi(p.carriedInto)} (phải nộp, đã nộp của kỳ nằm trong số dư đó)`,
    );
  if (p.chargeAccrued > 0)
    notes.push(`Lãi tạm tính chưa ghi: ${p.chargeAccrued.toLocaleString('vi-VN')} ₫`);
  return notes.length ? notes.join('; ') : null;
}
