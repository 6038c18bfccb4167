/** receivables.xlsx: the agency's ledger lines, long format (one row per unit, period and fund). */
import { FUND_NAMES } from '../contributions.js';
import { rngFor } from '../prng.js';
import type { Province } from '../types.js';
import { DATE_FMT, date, period } from './formats.js';
import { openWorkbook } from './xlsx.js';

export const RECEIVABLE_HEADERS = ['Mã đơn vị', 'Kỳ', 'Quỹ', 'Số tiền', 'Hạn nộp', 'Lý do'] as const;

export async function writeReceivables(province: Province, filename: string): Promise<void> {
  const rng = rngFor(province.options.seed, 'fmt:receivables');
  const wb = openWorkbook(filename);
  const sheet = wb.sheet('Phải thu', [12, 10, 20, 16, 12, 44]);
  await sheet.add([...RECEIVABLE_HEADERS]);
  for (const l of province.ledger) {
    await sheet.add(
      [
        l.unitCode,
        period(l.period, rng.chance(0.8) ? 'mm/yyyy' : 'yyyy-mm'),
        rng.chance(0.7) ? FUND_NAMES[l.fund] : l.fund,
        l.amount,
        l.dueDate === null ? null : date(l.dueDate, 'cell'),
        l.reason,
      ],
      { numFmt: l.dueDate === null ? {} : { 5: DATE_FMT } },
    );
  }
  sheet.commit();
  await wb.close();
}
