/** employers.xlsx: one row per unit, values spelled the ways officers spell them. */
import type { PaymentCycle } from '../calendar.js';
import type { Region } from '../contributions.js';
import { rngFor } from '../prng.js';
import type { Rng } from '../prng.js';
import type { EmployerStatus, Province } from '../types.js';
import { openWorkbook } from './xlsx.js';

export const EMPLOYER_HEADERS = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Mã số thuế',
  'Mã cơ quan BHXH',
  'Vùng lương',
  'Phương thức đóng',
  'Tỷ lệ đóng TNLĐ-BNN',
  'Trạng thái',
] as const;

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const STATUS_LABELS: Readonly<Record<EmployerStatus, string>> = {
  active: 'Đang hoạt động',
  suspended: 'Tạm dừng đóng',
  absconded: 'Chủ bỏ trốn',
  dissolving: 'Đang giải thể',
  dissolved: 'Đã giải thể',
  bankrupt: 'Phá sản',
  'debt-frozen': 'Khoanh nợ',
};

const CYCLE_LABELS: Readonly<Record<PaymentCycle, readonly string[]>> = {
  monthly: ['Hằng tháng', 'Hàng tháng', 'monthly'],
  quarterly: ['Hằng quý', '3 tháng', 'quarterly'],
  semiannual: ['6 tháng', '6 tháng một lần', 'semiannual'],
};

function region(rng: Rng, r: Region): string {
  const roman = ROMAN[r - 1] as string;
  return rng.pick([roman, roman, `Vùng ${roman}`, String(r)]);
}

function oaRate(rng: Rng, bp: number): string | number {
  const pct = bp / 100; // 0.5 or 0.3
  const style = rng.int(0, 3);
  if (style === 0) return `${String(pct).replace('.', ',')}%`;
  if (style === 1) return String(pct);
  if (style === 2) return bp / 10_000;
  return `${pct}%`;
}

export async function writeEmployers(province: Province, filename: string): Promise<void> {
  const rng = rngFor(province.options.seed, 'fmt:employers');
  const wb = openWorkbook(filename);
  const sheet = wb.sheet('Đơn vị', [12, 60, 18, 16, 12, 18, 20, 18]);
  await sheet.add([...EMPLOYER_HEADERS]);
  for (const e of province.employers) {
    await sheet.add([
      e.unitCode,
      e.name,
      e.taxCode,
      e.officeCode,
      region(rng, e.region),
      rng.pick(CYCLE_LABELS[e.cycle]),
      oaRate(rng, e.oaRateBp),
      rng.chance(0.9) ? STATUS_LABELS[e.status] : e.status,
    ]);
  }
  sheet.commit();
  await wb.close();
}
