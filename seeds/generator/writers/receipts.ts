/** receipts-YYYY-MM.xlsx: bank statements, one per month of value date, formats varying row by row. */
import type { Period } from '../calendar.js';
import { lastDayOf, periodOf, toDmy } from '../calendar.js';
import { rngFor } from '../prng.js';
import type { Province, Receipt } from '../types.js';
import { DATE_FMT, date, money } from './formats.js';
import type { DateStyle, MoneyStyle } from './formats.js';
import { openWorkbook } from './xlsx.js';

export const RECEIPT_HEADERS = ['STT', 'Ngày giá trị', 'Số tham chiếu', 'Số tiền', 'Nội dung', 'Tên người nộp', 'Mã đơn vị'] as const;
/** Odd months use the other accepted names, as another bank would. */
export const RECEIPT_HEADERS_ALT = ['STT', 'Ngày hạch toán', 'Số bút toán', 'Ghi có', 'Diễn giải', 'Người chuyển', 'Mã ĐV'] as const;

export function receiptsFileName(p: Period): string {
  return `receipts-${p}.xlsx`;
}

export function receiptsByMonth(province: Province): Map<Period, Receipt[]> {
  const out = new Map<Period, Receipt[]>();
  for (const r of province.receipts) {
    const p = periodOf(r.valueDate);
    const list = out.get(p) ?? [];
    list.push(r);
    out.set(p, list);
  }
  return out;
}

export async function writeReceiptsStatement(
  province: Province,
  month: Period,
  receipts: readonly Receipt[],
  filename: string,
): Promise<void> {
  const rng = rngFor(province.options.seed, `fmt:receipts:${month}`);
  const alt = Number(month.slice(5, 7)) % 2 === 1;
  const wb = openWorkbook(filename);
  const sheet = wb.sheet('Sao kê', [6, 14, 20, 16, 60, 40, 12]);
  if (!alt) {
    await sheet.add(['SAO KÊ TÀI KHOẢN CHUYÊN THU BHXH']);
    await sheet.add([`Từ ngày ${toDmy(`${month}-01`)} đến ngày ${toDmy(lastDayOf(month))}`]);
    await sheet.add([]);
  }
  await sheet.add([...(alt ? RECEIPT_HEADERS_ALT : RECEIPT_HEADERS)]);
  let stt = 0;
  for (const r of receipts) {
    stt++;
    const ds = rng.weighted<DateStyle>([
      ['cell', 50],
      ['dmy', 40],
      ['iso', 5],
      ['serial', 5],
    ]);
    const ms = rng.weighted<MoneyStyle>([
      ['number', 50],
      ['dots', 25],
      ['commas', 15],
      ['plain', 10],
    ]);
    await sheet.add([stt, date(r.valueDate, ds), r.bankRef, money(r.amount, ms), r.memo, r.payerName, r.unitCodeColumn], {
      numFmt: ds === 'cell' ? { 2: DATE_FMT } : {},
    });
  }
  sheet.commit();
  await wb.close();
}
