import { parseMoney, parseSiNumber, parseText, type ValueParser } from '../values.js';
import { ProblemCode } from '../../../../infrastructure/excel/problem.js';
import { column, indexColumns, type SheetSchema } from '../column-schema.js';
import type { DeclaredTotalRecord, EmployerPaymentRecord, RosterLineRecord } from '../records.js';
import { FUND_KEYS } from '../value-lists.js';
import {
  fundAmounts,
  fundColumns,
  parseBirthDate,
  parseBusinessDate,
  parsePeriod,
  textColumn,
  unitCodeColumn,
} from './common.js';

/** ID card numbers (CCCD, 12 digits) typed as numbers lose their leading zeros: put them back. */
const parseIdNumber: ValueParser<string> = (v, ctx) => {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) {
    const s = String(v);
    return s.length === 10 || s.length === 11 ? s.padStart(12, '0') : s;
  }
  return parseText(v, ctx);
};

const lineColumns = [
  unitCodeColumn(),
  textColumn('rowNo', ['STT', 'Số thứ tự'], { passive: true }),
  column('siNumber', ['Mã số BHXH', 'Số sổ BHXH'], parseSiNumber, { required: true }),
  textColumn('name', ['Họ và tên', 'Họ tên'], { required: true }),
  column('birthDate', ['Ngày sinh'], parseBirthDate),
  textColumn('sex', ['Giới tính']),
  column('idNumber', ['Số CCCD', 'Số CMND/CCCD', 'CCCD'], parseIdNumber),
  textColumn('position', ['Chức vụ', 'Chức danh']),
  column('salary', ['Mức lương', 'Tiền lương'], parseMoney, { required: true }),
  column(
    'allowance',
    [
      'Phụ cấp',
      'Phụ cấp chức vụ',
      'Phụ cấp thâm niên VK',
      'Phụ cấp thâm niên nghề',
      'Phụ cấp lương',
      'Các khoản bổ sung',
    ],
    parseMoney,
    { sum: true },
  ),
  column('fromMonth', ['Từ tháng'], parsePeriod, { required: true }),
  column('toMonth', ['Đến tháng'], parsePeriod),
  textColumn('note', ['Ghi chú']),
] as const;
const L = indexColumns(lineColumns);

/** The employee list (D02-LT style); the unit code is a column or a cell above the header. */
export const rosterLinesSheet: SheetSchema<RosterLineRecord> = {
  role: 'line',
  requiredAnyOf: [['siNumber', 'name', 'salary', 'fromMonth']],
  columns: lineColumns,
  unitCodeAbove: true,
  build: (v, at, ctx) => {
    const unitCode = (v[L.unitCode!] as string | null) ?? ctx.unitCode;
    if (unitCode === null) {
      ctx.fail(
        'unitCode',
        ProblemCode.REQUIRED,
        'the unit code is blank and none is given above the header',
      );
      return undefined;
    }
    const fromMonth = v[L.fromMonth!] as string;
    const toMonth = v[L.toMonth!] as string | null;
    if (toMonth !== null && toMonth < fromMonth) {
      ctx.fail(
        'toMonth',
        ProblemCode.PERIOD_ORDER,
        `the to-month ${toMonth} is before the from-month ${fromMonth}`,
      );
      return undefined;
    }
    return {
      sheet: at.sheet,
      row: at.row,
      type: 'line',
      unitCode,
      siNumber: v[L.siNumber!] as string,
      name: v[L.name!] as string,
      salary: v[L.salary!] as number,
      allowances: (v[L.allowance!] as number | null) ?? 0,
      fromMonth,
      toMonth,
      birthDate: v[L.birthDate!] as string | null,
      sex: v[L.sex!] as string | null,
      idNumber: v[L.idNumber!] as string | null,
      position: v[L.position!] as string | null,
      note: v[L.note!] as string | null,
    };
  },
};

const totalColumns = [
  unitCodeColumn(),
  column('period', ['Kỳ', 'Tháng', 'Kỳ kê khai'], parsePeriod, { required: true }),
  ...fundColumns(),
  column('total', ['Tổng cộng', 'Tổng', 'Tổng số'], parseMoney),
];
const T = indexColumns(totalColumns);

/** Optional sheet: the employer's own totals per period (Kỳ + a column per fund and/or Tổng cộng). */
export const declaredTotalsSheet: SheetSchema<DeclaredTotalRecord> = {
  role: 'declaredTotal',
  requiredAnyOf: [...FUND_KEYS.map((f) => ['period', f]), ['period', 'total']],
  columns: totalColumns,
  unitCodeAbove: true,
  build: (v, at, ctx) => {
    const amounts = fundAmounts(v, T);
    const total = v[T.total!] as number | null;
    if (amounts === null && total === null) {
      ctx.fail('total', ProblemCode.REQUIRED, 'the row has a period but no amount');
      return undefined;
    }
    return {
      sheet: at.sheet,
      row: at.row,
      type: 'declaredTotal',
      unitCode: (v[T.unitCode!] as string | null) ?? ctx.unitCode,
      period: v[T.period!] as string,
      amounts: amounts ?? {},
      total,
    };
  },
};

const paymentColumns = [
  unitCodeColumn(),
  column('paidOn', ['Ngày nộp'], parseBusinessDate, { required: true }),
  column('amount', ['Số tiền'], parseMoney, { required: true }),
  textColumn('orderNo', ['Số ủy nhiệm chi', 'Số UNC']),
  textColumn('note', ['Ghi chú']),
] as const;
const P = indexColumns(paymentColumns);

/** Optional sheet: payments the employer says it made. */
export const employerPaymentsSheet: SheetSchema<EmployerPaymentRecord> = {
  role: 'payment',
  requiredAnyOf: [['paidOn', 'amount']],
  columns: paymentColumns,
  unitCodeAbove: true,
  build: (v, at, ctx) => ({
    sheet: at.sheet,
    row: at.row,
    type: 'payment',
    unitCode: (v[P.unitCode!] as string | null) ?? ctx.unitCode,
    paidOn: v[P.paidOn!] as string,
    amount: v[P.amount!] as number,
    orderNo: v[P.orderNo!] as string | null,
    note: v[P.note!] as string | null,
  }),
};
