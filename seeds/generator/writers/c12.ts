/** c12-summary-YYYY-MM.xlsx: the officers' monthly export, columns as the shared fixture's .xls. */
import type { Province } from '../types.js';
import { openWorkbook } from './xlsx.js';

export const C12_HEADERS = [
  'madvi',
  'tendvi',
  'diachi',
  'dienthoai',
  'nguoilh',
  'tiền đầu kỳ',
  'tiền cuối kỳ',
  'số tiền điều chỉnh kỳ trước',
  'số tiền phải nộp',
  'tiền đã nộp',
  'số tiền lệch',
  'tyleno',
] as const;

export function c12FileName(province: Province): string {
  return `c12-summary-${province.c12.period}.xlsx`;
}

export async function writeC12Summary(province: Province, filename: string): Promise<void> {
  const wb = openWorkbook(filename);
  // The real export names its sheet after the office; a province-wide file gets the province's code.
  const sheet = wb.sheet(province.offices.length === 1 ? (province.offices[0]?.code ?? 'C12') : `0${province.provinceCode}00`);
  await sheet.add([...C12_HEADERS]);
  for (const r of province.c12.rows) {
    await sheet.add([
      r.unitCode,
      r.name,
      '',
      '',
      '',
      r.opening,
      r.closing,
      r.adjustment,
      r.payable,
      r.paid,
      r.difference,
      r.tyleno,
    ]);
  }
  sheet.commit();
  await wb.close();
}
