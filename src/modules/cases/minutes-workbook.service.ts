import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { lineCovers } from '../../domain/assessment.js';
import { addDays, periodOf, periodRange, isValidDate } from '../../domain/dates.js';
import type { Ledger, LedgerInput } from '../../domain/ledger.js';
import { AppError, NotFoundError } from '../../infrastructure/http/app-error.js';
import {
  reportWorkbook,
  tableSheet,
  VND_FORMAT,
} from '../../infrastructure/excel/report-workbook.js';
import { setSafeValue } from '../../infrastructure/excel/safe-cell.util.js';
import type { EmployerRecord } from '../employers/index.js';
import { Clock } from '../../infrastructure/clock.js';
import { LEDGER_READER, type LedgerReader } from './ledger.port.js';
import { dateVi, periodVi } from '../../domain/labels-vi.js';

/** The C05-TS figures of one employer between two days (domain.md §11). */
export interface MinutesFigures {
  unitCode: string;
  from: string;
  to: string;
  workers: number;
  salaryFund: number;
  payableArising: number;
  adjustments: number;
  previousDebt: number;
  previousCredit: number;
  charges: number;
  paid: number;
  stillOwed: number;
  stillOwedCharges: number;
  creditCarriedForward: number;
  months: {
    period: string;
    workers: number;
    salaryFund: number;
    receivable: number;
    adjustments: number;
    paid: number;
    balance: number;
    charge: number;
  }[];
}

export class MinutesRangeError extends AppError {
  constructor(from: string, to: string) {
    super(
      'MINUTES_RANGE_INVALID',
      `The minutes run from ${from} to ${to}: from must be a day on or before to`,
      422,
      { from, to },
    );
  }
}

/**
 * Numbers of the C05-TS reconciliation minutes from the ledger: the position as of the day before
 * `from` (previous debt / credit) and as of `to` (still owed, credit carried forward); what arose,
 * was adjusted, charged and paid in between from the ledger as of `to`.
 */
export function minutesFigures(
  input: LedgerInput,
  before: Ledger,
  at: Ledger,
  from: string,
  to: string,
): MinutesFigures {
  const fromMonth = periodOf(from);
  const toMonth = periodOf(to);
  const inRange = (p: string) => p >= fromMonth && p <= toMonth;
  const live = at.receivables.filter((r) => !r.superseded && inRange(r.period));
  const roster = input.rosterLines ?? [];
  const monthStaff = (p: string) => {
    const lines = roster.filter((l) => lineCovers(l, p, toMonth));
    return {
      workers: new Set(lines.map((l) => l.siNumber)).size,
      salaryFund: lines.reduce(
        (s, l) => s + l.salary + (l.allowances ?? []).reduce((a, b) => a + b, 0),
        0,
      ),
    };
  };
  const months = periodRange(fromMonth, toMonth).map((period) => {
    const p = at.periods.find((x) => x.period === period);
    return {
      period,
      ...monthStaff(period),
      receivable: live
        .filter((r) => r.period === period && r.source !== 'adjustment')
        .reduce((s, r) => s + r.amount, 0),
      adjustments: live
        .filter((r) => r.period === period && r.source === 'adjustment')
        .reduce((s, r) => s + r.amount, 0),
      paid: at.payments
        .filter((x) => !x.superseded && periodOf(x.valueDate) === period)
        .reduce((s, x) => s + x.amount, 0),
      balance: p?.balance ?? 0,
      charge: p?.charge ?? 0,
    };
  });
  const chargesOwed = (l: Ledger) => l.totals.chargesBooked + l.totals.chargesAccrued;
  return {
    unitCode: at.unitCode,
    from,
    to,
    ...monthStaff(toMonth),
    payableArising: months.reduce((s, m) => s + m.receivable, 0),
    adjustments: months.reduce((s, m) => s + m.adjustments, 0),
    previousDebt: before.totals.principalOutstanding + before.totals.chargesUnpaid,
    previousCredit: before.totals.credit,
    charges: Math.max(0, chargesOwed(at) - chargesOwed(before)),
    paid: at.payments
      .filter((x) => !x.superseded && x.valueDate >= from && x.valueDate <= to)
      .reduce((s, x) => s + x.amount, 0),
    stillOwed: at.totals.principalOutstanding + at.totals.chargesUnpaid,
    stillOwedCharges: at.totals.chargesUnpaid,
    creditCarriedForward: at.totals.credit,
    months,
  };
}

/** `GET /api/employers/{code}/minutes.xlsx`: the C05-TS workbook. */
@Injectable()
export class MinutesWorkbookService {
  constructor(
    @Inject(LEDGER_READER) private readonly ledgers: LedgerReader,
    private readonly clock: Clock,
  ) {}

  async figures(
    unitCode: string,
    from?: string,
    to?: string,
  ): Promise<{ employer: EmployerRecord; figures: MinutesFigures }> {
    const end = to ?? this.clock.today();
    const start = from ?? `${end.slice(0, 4)}-01-01`;
    if (!isValidDate(start) || !isValidDate(end) || start > end)
      throw new MinutesRangeError(start, end);
    const found = await this.ledgers.ledgers(unitCode.toUpperCase(), [addDays(start, -1), end]);
    if (!found) throw new NotFoundError('Employer', unitCode);
    const [before, at] = found.ledgers as [Ledger, Ledger];
    const { employer, input } = found.inputs;
    return { employer, figures: minutesFigures(input, before, at, start, end) };
  }

  /** Writes the workbook of figures computed by `figures` (first, so a refusal can still be JSON). */
  async write(
    { employer, figures: f }: { employer: EmployerRecord; figures: MinutesFigures },
    out: Writable,
  ): Promise<void> {
    const wb = await reportWorkbook(out);
    const ws = wb.addWorksheet('C05-TS');
    ws.columns = [{ width: 6 }, { width: 52 }, { width: 22 }];
    const lines: [string, string, unknown, boolean?][] = [
      ['', 'BIÊN BẢN ĐỐI CHIẾU THU BHXH, BHYT, BHTN (Mẫu C05-TS)', null],
      ['', `Đơn vị: ${employer.name}`, null],
      ['', `Mã đơn vị: ${employer.unitCode} — Cơ quan BHXH: ${employer.officeCode}`, null],
      ['', `Từ ngày ${dateVi(f.from)} đến ngày ${dateVi(f.to)}`, null],
      ['', '', null],
      ['STT', 'Chỉ tiêu', 'Số liệu'],
      ['1', 'Số lao động', f.workers],
      ['2', 'Quỹ tiền lương', f.salaryFund, true],
      ['3', 'Số phải đóng', null],
      ['3.1', 'Phát sinh', f.payableArising, true],
      ['3.2', 'Điều chỉnh ±', f.adjustments, true],
      ['3.3', 'Kỳ trước chuyển sang: thiếu', f.previousDebt, true],
      ['3.4', 'Kỳ trước chuyển sang: thừa', f.previousCredit, true],
      ['3.5', 'Tiền chậm đóng', f.charges, true],
      ['4', 'Số đã đóng', f.paid, true],
      ['5', 'Số còn phải đóng', f.stillOwed, true],
      ['5.1', 'trong đó: tiền chậm đóng', f.stillOwedCharges, true],
      ['6', 'Số thừa chuyển kỳ sau', f.creditCarriedForward, true],
    ];
    lines.forEach(([no, label, value, isMoney], i) => {
      const row = ws.getRow(i + 1);
      setSafeValue(row.getCell(1), no);
      setSafeValue(row.getCell(2), label);
      setSafeValue(row.getCell(3), value);
      if (isMoney) row.getCell(3).numFmt = VND_FORMAT;
      if (i === 0 || no === 'STT') row.font = { bold: true };
      row.commit();
    });
    ws.commit();
    const months = tableSheet(wb, 'Chi tiết theo tháng', [
      { header: 'Kỳ', value: (m: MinutesFigures['months'][number]) => periodVi(m.period) },
      { header: 'Số lao động', kind: 'integer', value: (m) => m.workers },
      { header: 'Quỹ lương', kind: 'money', value: (m) => m.salaryFund },
      { header: 'Phải đóng', kind: 'money', value: (m) => m.receivable },
      { header: 'Điều chỉnh', kind: 'money', value: (m) => m.adjustments },
      { header: 'Đã đóng (nộp trong tháng)', kind: 'money', value: (m) => m.paid },
      { header: 'Còn nợ kỳ này', kind: 'money', value: (m) => m.balance },
      { header: 'Tiền chậm đóng', kind: 'money', value: (m) => m.charge },
    ]);
    for (const m of f.months) months.add(m);
    months.commit();
    await wb.commit();
  }
}
