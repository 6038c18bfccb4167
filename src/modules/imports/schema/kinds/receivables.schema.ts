import { parseMoney } from '../values.js';
import { ProblemCode } from '../../../../infrastructure/excel/problem.js';
import { column, indexColumns, type SheetSchema } from '../column-schema.js';
import type { ReceivableRecord } from '../records.js';
import { FUND_KEYS, parseFund, type FundKey } from '../value-lists.js';
import {
  fundAmounts,
  fundColumns,
  parseBusinessDate,
  parsePeriod,
  textColumn,
  unitCodeColumn,
} from './common.js';

const columns = [
  unitCodeColumn({ required: true }),
  column('period', ['Kỳ', 'Tháng'], parsePeriod, { required: true }),
  column('fund', ['Quỹ'], parseFund),
  column('amount', ['Số tiền', 'Số phải thu'], parseMoney),
  ...fundColumns(),
  column('dueDate', ['Hạn nộp'], parseBusinessDate),
  textColumn('reason', ['Lý do']),
];
const I = indexColumns(columns);

/** Agency ledger lines: a fund column + an amount column, or one amount column per fund. */
export const receivablesSheet: SheetSchema<ReceivableRecord> = {
  role: 'receivables',
  requiredAnyOf: [
    ['unitCode', 'period', 'fund', 'amount'],
    ...FUND_KEYS.map((f) => ['unitCode', 'period', f]),
  ],
  columns,
  build: (v, at, ctx) => {
    const base = {
      sheet: at.sheet,
      row: at.row,
      unitCode: v[I.unitCode!] as string,
      period: v[I.period!] as string,
      dueDate: v[I.dueDate!] as string | null,
      reason: v[I.reason!] as string | null,
    };
    const out: ReceivableRecord[] = [];
    const fund = v[I.fund!] as FundKey | null;
    const amount = v[I.amount!] as number | null;
    if (fund !== null || amount !== null) {
      if (fund === null)
        ctx.fail('fund', ProblemCode.REQUIRED, 'the row has an amount but no fund');
      else if (amount === null)
        ctx.fail('amount', ProblemCode.REQUIRED, 'the row has a fund but no amount');
      else out.push({ ...base, fund, amount });
    }
    const perFund = fundAmounts(v, I);
    if (perFund)
      for (const f of FUND_KEYS)
        if (perFund[f] !== undefined) out.push({ ...base, fund: f, amount: perFund[f] });
    if (out.length === 0) {
      if (fund === null && amount === null)
        ctx.fail('amount', ProblemCode.REQUIRED, 'the row has no amount');
      return undefined;
    }
    return out;
  },
};
