/** One D02-LT roster workbook per employer, with its declared totals and stated payments sheets. */
import { FUNDS, FUND_NAMES } from '../contributions.js';
import { rngFor } from '../prng.js';
import type { DeclaredTotal, Employer, Person, Province, RosterInterval, StatedPayment } from '../types.js';
import { DATE_FMT, date, money, period } from './formats.js';
import type { MoneyStyle, PeriodStyle } from './formats.js';
import { openWorkbook } from './xlsx.js';

export const ROSTER_HEADERS = [
  'STT',
  'Mã số BHXH',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Chức vụ',
  'Mức lương',
  'Phụ cấp chức vụ',
  'Phụ cấp thâm niên VK',
  'Các khoản bổ sung',
  'Từ tháng',
  'Đến tháng',
  'Ghi chú',
] as const;

/** Alternative spellings product.md accepts, used by some files. */
const HEADER_VARIANTS: Readonly<Record<string, string>> = {
  'Mã số BHXH': 'Số sổ BHXH',
  'Họ và tên': 'Họ tên',
  'Mức lương': 'Tiền lương',
};

export const DECLARED_HEADERS = ['Kỳ', ...FUNDS.map((f) => FUND_NAMES[f]), 'Tổng cộng'] as const;
export const STATED_PAYMENT_HEADERS = ['Ngày nộp', 'Số tiền', 'Số ủy nhiệm chi', 'Ghi chú'] as const;

/** Per-unit views of the province, built once for writing many roster files. */
export interface RosterIndex {
  persons: ReadonlyMap<string, Person>;
  lines: ReadonlyMap<string, RosterInterval[]>;
  declared: ReadonlyMap<string, DeclaredTotal[]>;
  stated: ReadonlyMap<string, StatedPayment[]>;
}

function groupBy<T extends { unitCode: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const list = out.get(x.unitCode);
    if (list) list.push(x);
    else out.set(x.unitCode, [x]);
  }
  return out;
}

export function indexProvince(province: Province): RosterIndex {
  return {
    persons: new Map(province.persons.map((p) => [p.siNumber, p])),
    lines: groupBy(province.roster),
    declared: groupBy(province.declared),
    stated: groupBy(province.statedPayments),
  };
}

export function rosterFileName(unitCode: string): string {
  return `roster-${unitCode}.xlsx`;
}

export async function writeEmployerRoster(
  province: Province,
  employer: Employer,
  filename: string,
  index: RosterIndex = indexProvince(province),
): Promise<void> {
  const rng = rngFor(province.options.seed, `fmt:roster:${employer.unitCode}`);
  const lines = index.lines.get(employer.unitCode) ?? [];
  const moneyStyle: MoneyStyle = rng.weighted<MoneyStyle>([
    ['number', 70],
    ['dots', 20],
    ['commas', 10],
  ]);
  const periodStyle: PeriodStyle = rng.weighted<PeriodStyle>([
    ['mm/yyyy', 60],
    ['m/yyyy', 10],
    ['yyyy-mm', 15],
    ['cell', 15],
  ]);
  const variantHeaders = rng.chance(0.3);
  const wb = openWorkbook(filename);
  const sheet = wb.sheet('D02-LT', [6, 14, 26, 12, 9, 14, 14, 13, 13, 13, 13, 10, 10, 18]);
  await sheet.add(['DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN, BHTNLĐ-BNN (Mẫu D02-LT)']);
  await sheet.add([`Tên đơn vị: ${employer.name}`]);
  await sheet.add(rng.chance(0.7) ? [`Mã đơn vị: ${employer.unitCode}`] : ['Mã đơn vị:', employer.unitCode]);
  await sheet.add([]);
  await sheet.add(ROSTER_HEADERS.map((h) => (variantHeaders ? (HEADER_VARIANTS[h] ?? h) : h)));
  const periodFmt: Record<number, string> = periodStyle === 'cell' ? { 12: 'mm/yyyy', 13: 'mm/yyyy' } : {};
  let stt = 0;
  for (const l of lines) {
    const p = index.persons.get(l.siNumber);
    stt++;
    const birth = p ? date(p.birthDate, rng.chance(0.5) ? 'cell' : 'dmy') : null;
    const numFmt: Record<number, string> = { ...periodFmt };
    if (birth instanceof Date) numFmt[4] = DATE_FMT;
    await sheet.add(
      [
        stt,
        l.siNumber,
        p?.name ?? '',
        birth,
        p ? (p.sex === 'M' ? 'Nam' : 'Nữ') : null,
        p?.idNumber ?? null,
        l.position,
        money(l.salary, moneyStyle),
        l.allowances.position ? money(l.allowances.position, moneyStyle) : null,
        l.allowances.seniority ? money(l.allowances.seniority, moneyStyle) : null,
        l.allowances.supplement ? money(l.allowances.supplement, moneyStyle) : null,
        period(l.fromMonth, periodStyle),
        l.toMonth === null ? null : period(l.toMonth, periodStyle),
        l.note || null,
      ],
      { numFmt },
    );
  }
  sheet.commit();

  const declared = index.declared.get(employer.unitCode) ?? [];
  if (declared.length > 0) {
    const totals = wb.sheet('Tổng hợp', [10, 16, 16, 14, 14, 14, 16]);
    await totals.add([`BẢNG TỔNG HỢP SỐ PHẢI ĐÓNG - ${employer.unitCode}`]);
    await totals.add([...DECLARED_HEADERS]);
    const byPeriod = new Map<string, Map<string, number>>();
    for (const d of declared) {
      const m = byPeriod.get(d.period) ?? new Map<string, number>();
      m.set(d.fund, d.amount);
      byPeriod.set(d.period, m);
    }
    for (const [p, m] of [...byPeriod.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const amounts = FUNDS.map((f) => m.get(f) ?? 0);
      await totals.add([period(p, 'mm/yyyy'), ...amounts, amounts.reduce((s, x) => s + x, 0)]);
    }
    totals.commit();
  }

  const stated = index.stated.get(employer.unitCode) ?? [];
  if (stated.length > 0) {
    const pays = wb.sheet('Đã nộp', [12, 16, 16, 40]);
    await pays.add([...STATED_PAYMENT_HEADERS]);
    for (const s of stated) {
      await pays.add([date(s.date, 'cell'), s.amount, s.orderNumber, s.note], { numFmt: { 1: DATE_FMT } });
    }
    pays.commit();
  }
  await wb.close();
}
