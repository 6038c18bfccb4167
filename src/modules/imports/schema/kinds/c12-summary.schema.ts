import { parseSignedMoney, parseThousandths } from '../values.js';
import { column, indexColumns, type SheetSchema } from '../column-schema.js';
import type { C12SummaryRecord } from '../records.js';
import { textColumn, unitCodeColumn } from './common.js';

/** Officers' C12 summary export (domain.md §11): the columns of shared/fixtures/c12-summary. */
const columns = [
  unitCodeColumn({ required: true }),
  textColumn('name', ['tendvi', 'Tên đơn vị']),
  textColumn('address', ['diachi', 'Địa chỉ'], { passive: true }),
  textColumn('phone', ['dienthoai', 'Điện thoại'], { passive: true }),
  textColumn('contact', ['nguoilh', 'Người liên hệ'], { passive: true }),
  column('opening', ['tiền đầu kỳ'], parseSignedMoney),
  column('closing', ['tiền cuối kỳ'], parseSignedMoney, { required: true, allowBlank: true }),
  column('adjustment', ['số tiền điều chỉnh kỳ trước'], parseSignedMoney),
  column('payable', ['số tiền phải nộp'], parseSignedMoney),
  column('paid', ['tiền đã nộp'], parseSignedMoney),
  column('difference', ['số tiền lệch'], parseSignedMoney),
  column('monthsOfDebt', ['tyleno', 'tỷ lệ nợ', 'số tháng nợ'], parseThousandths),
] as const;
const I = indexColumns(columns);

export const c12SummarySheet: SheetSchema<C12SummaryRecord> = {
  role: 'c12-summary',
  requiredAnyOf: [['unitCode', 'closing']],
  columns,
  needsPeriod: true,
  build: (v, at, ctx) => ({
    sheet: at.sheet,
    row: at.row,
    unitCode: v[I.unitCode!] as string,
    name: v[I.name!] as string | null,
    period: ctx.period!,
    opening: v[I.opening!] as number | null,
    closing: v[I.closing!] as number | null,
    adjustment: v[I.adjustment!] as number | null,
    payable: v[I.payable!] as number | null,
    paid: v[I.paid!] as number | null,
    difference: v[I.difference!] as number | null,
    monthsOfDebtMilli: v[I.monthsOfDebt!] as number | null,
  }),
};
