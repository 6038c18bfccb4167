import { parseMoney } from '../values.js';
import { column, indexColumns, type SheetSchema } from '../column-schema.js';
import type { ReceiptRecord } from '../records.js';
import { parseBusinessDate, textColumn, unitCodeColumn } from './common.js';

const columns = [
  column('valueDate', ['Ngày giá trị', 'Ngày hạch toán', 'Ngày giao dịch'], parseBusinessDate, {
    required: true,
  }),
  column('amount', ['Số tiền', 'Ghi có'], parseMoney, { required: true }),
  textColumn('memo', ['Nội dung', 'Diễn giải'], { required: true, allowBlank: true }),
  textColumn('payerName', ['Tên người nộp', 'Đơn vị nộp', 'Người chuyển']),
  textColumn('bankRef', ['Số tham chiếu', 'Số bút toán', 'Mã giao dịch'], { required: true }),
  unitCodeColumn(),
] as const;
const I = indexColumns(columns);

/** A bank receipt statement line. */
export const receiptsSheet: SheetSchema<ReceiptRecord> = {
  role: 'receipts',
  requiredAnyOf: [['valueDate', 'amount', 'memo', 'bankRef']],
  columns,
  build: (v, at) => ({
    sheet: at.sheet,
    row: at.row,
    valueDate: v[I.valueDate!] as string,
    amount: v[I.amount!] as number,
    memo: (v[I.memo!] as string | null) ?? '',
    payerName: v[I.payerName!] as string | null,
    bankRef: v[I.bankRef!] as string,
    unitCode: v[I.unitCode!] as string | null,
  }),
};
