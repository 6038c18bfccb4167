import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Ledger } from '../../domain/ledger.js';
import { setSafeValue } from '../../infrastructure/excel/safe-cell.util.js';

const VND = '#,##0 "₫"';

/**
 * The reconciliation sheet an officer downloads: one row per period (C12 sections B.3 payable, C paid,
 * Đ balance, B.5 charge), live SUM formulas for the totals, frozen header, VND format; a second sheet
 * with each payment's allocation (D.1 contributions / D.2 charges).
 */
export async function writeLedgerWorkbook(
  ledger: Ledger,
  employerName: string,
  out: Writable,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sothu';
  const ws = wb.addWorksheet('Đối chiếu (C12)', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.getCell('A1').value = 'BẢNG ĐỐI CHIẾU THU BHXH, BHYT, BHTN';
  ws.getCell('A1').font = { bold: true, size: 13 };
  setSafeValue(ws.getCell('A2'), `${ledger.unitCode} — ${employerName}`);
  ws.getCell('A3').value = `Đến ngày (as of) ${ledger.asOf.split('-').reverse().join('/')}`;
  const headers = [
    'Kỳ (period)',
    'Hạn nộp (due)',
    'B.3 Phải nộp (receivable)',
    'Tự kê khai (declared)',
    'C. Đã nộp (paid)',
    'Đ. Còn thiếu (balance)',
    'Số ngày chậm (days late)',
    'B.5 Lãi chậm đóng (charge)',
  ];
  const head = ws.getRow(4);
  headers.forEach((h, i) => (head.getCell(i + 1).value = h));
  head.font = { bold: true };
  ledger.periods.forEach((p, i) => {
    const r = ws.getRow(5 + i);
    r.values = [
      p.period.slice(5) + '/' + p.period.slice(0, 4),
      p.dueDate.split('-').reverse().join('/'),
      p.receivable,
      p.declared,
      p.paid,
      p.balance,
      p.daysLate,
      p.charge,
    ];
  });
  const first = 5;
  const last = 4 + ledger.periods.length;
  const total = ws.getRow(last + 1);
  total.getCell(1).value = 'Tổng cộng (total)';
  for (const col of ['C', 'D', 'E', 'F', 'H']) {
    const c = ws.getCell(`${col}${last + 1}`);
    c.value = ledger.periods.length ? { formula: `SUM(${col}${first}:${col}${last})` } : 0;
  }
  total.font = { bold: true };
  for (const col of ['C', 'D', 'E', 'F', 'H']) ws.getColumn(col).numFmt = VND;
  ws.columns.forEach((c) => (c.width = 18));
  const t = ledger.totals;
  const summary: [string, number][] = [
    ['Nợ gốc quá hạn (overdue principal)', t.overduePrincipal],
    ['Lãi chậm đóng chưa nộp (charges unpaid)', t.chargesUnpaid],
    ['Thừa (credit)', t.credit],
  ];
  summary.forEach(([label, v], i) => {
    const r = ws.getRow(last + 3 + i);
    r.getCell(1).value = label;
    r.getCell(3).value = v;
    r.getCell(3).numFmt = VND;
  });
  ws.getRow(last + 3 + summary.length).values = [
    'Số tháng nợ (months of debt)',
    null,
    ledger.monthsOfDebt,
  ];
  if (ledger.rateMissing.length) {
    const note = ws.getRow(last + 4 + summary.length);
    note.getCell(1).value =
      `Chưa tính ${ledger.rateMissing.length} khoản lãi chậm đóng do thiếu tham số: ` +
      ledger.missingReference
        .map((m) =>
          m.kind === 'old-regime-k' ? `k_${m.key} năm ${m.year}` : `lãi suất ngày ${m.date}`,
        )
        .join(', ') +
      ' (xem trang "Thiếu tham số"; rate missing)';
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
  ];
  ps.getRow(1).font = { bold: true };
  let row = 2;
  for (const p of ledger.payments) {
    for (const a of p.allocations.length ? p.allocations : [null]) {
      const r = ps.getRow(row++);
      r.getCell(1).value = p.valueDate.split('-').reverse().join('/');
      setSafeValue(r.getCell(2), p.bankRef);
      r.getCell(3).value = p.amount;
      if (a) {
        r.getCell(4).value = a.period;
        r.getCell(5).value = a.fund;
        r.getCell(6).value = a.kind === 'principal' ? 'D.1' : 'D.2';
        r.getCell(7).value = a.amount;
      }
    }
  }
  for (const col of ['C', 'G']) ps.getColumn(col).numFmt = VND;
  ps.columns.forEach((c) => (c.width = 16));

  if (ledger.rateMissing.length) {
    // §6 "A k not yet known": the charges not booked, each with the base it would have been charged on
    const ms = wb.addWorksheet('Thiếu tham số', { views: [{ state: 'frozen', ySplit: 1 }] });
    ms.getRow(1).values = [
      'Tham số (kind)',
      'Khoá (key)',
      'Năm / ngày (year / date)',
      'Ngày tính (on)',
      'Quỹ (tag)',
      'Kỳ gây lãi (causing period)',
      'Căn cứ tính (base, đồng or đồng·ngày)',
    ];
    ms.getRow(1).font = { bold: true };
    ledger.rateMissing.forEach((m, i) => {
      ms.getRow(2 + i).values =
        m.kind === 'old-regime-k'
          ? [m.kind, m.key, m.year, m.on, m.tag, m.causingPeriod, m.base]
          : [m.kind, 'rate', m.on, m.on, m.tag, m.causingPeriod, m.dongDays];
    });
    ms.getColumn('G').numFmt = '#,##0';
    ms.columns.forEach((c) => (c.width = 20));
  }
  await wb.xlsx.write(out);
}
