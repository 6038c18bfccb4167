/**
 * The combined "big roster" for benchmarks: one workbook, a unit-code column and exactly N lines,
 * spread over the province's employers. Lines are made on the fly from the seed, never held in memory.
 */
import { addMonths } from '../calendar.js';
import { regionalMinimumWage } from '../contributions.js';
import { foldDiacritics, personName } from '../names.js';
import { rngFor } from '../prng.js';
import type { Province } from '../types.js';
import { openWorkbook } from './xlsx.js';

export const BIG_ROSTER_HEADERS = [
  'Mã đơn vị',
  'STT',
  'Mã số BHXH',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Mức lương',
  'Phụ cấp',
  'Từ tháng',
  'Đến tháng',
] as const;

/** SI numbers of big-roster persons: `9` + 9 digits, apart from the province's persons. */
export const BIG_ROSTER_SI_PREFIX = '9';

export interface BigRosterSummary {
  file: string;
  lines: number;
  units: number;
  /** Σ (salary + allowance) over all lines, for a cheap end-to-end check. */
  totalSalary: number;
  /** Lines without a to-month (continuing). */
  openLines: number;
  firstSiNumber: string | null;
  lastSiNumber: string | null;
}

export interface BigRosterProgress {
  (written: number): void;
}

export async function writeBigRoster(
  province: Province,
  filename: string,
  lines: number,
  onProgress?: BigRosterProgress,
): Promise<BigRosterSummary> {
  if (!Number.isInteger(lines) || lines < 0) throw new Error('lines must be a non-negative integer');
  if (lines > 999_999_999) throw new Error('at most 999,999,999 lines');
  const employers = province.employers;
  if (employers.length === 0) throw new Error('no employers to spread the lines over');
  const rng = rngFor(province.options.seed, 'big-roster');
  const periods = province.periods;
  const start = periods[0] as string;
  const months = periods.length;
  // A pool of names, so a million lines do not cost a million name draws and strings.
  const names: string[] = [];
  for (let i = 0; i < 512; i++) names.push(personName(rng, i % 2 === 0 ? 'M' : 'F'));
  const plainNames = names.map(foldDiacritics);

  const wb = openWorkbook(filename, false);
  const sheet = wb.sheet('Danh sách');
  await sheet.add([...BIG_ROSTER_HEADERS]);
  const perUnit = Math.floor(lines / employers.length);
  const extra = lines % employers.length;
  let written = 0;
  let totalSalary = 0;
  let openLines = 0;
  let units = 0;
  for (let u = 0; u < employers.length && written < lines; u++) {
    const e = employers[u];
    if (!e) continue;
    const count = perUnit + (u < extra ? 1 : 0);
    if (count === 0) continue;
    units++;
    const floor = regionalMinimumWage(start, e.region);
    for (let k = 0; k < count; k++) {
      written++;
      const si = BIG_ROSTER_SI_PREFIX + String(written).padStart(9, '0');
      const nameIdx = rng.int(0, names.length - 1);
      const name = rng.chance(0.1) ? (plainNames[nameIdx] as string) : (names[nameIdx] as string);
      const year = rng.int(1966, 2006);
      const birth = `${String(rng.int(1, 28)).padStart(2, '0')}/${String(rng.int(1, 12)).padStart(2, '0')}/${year}`;
      const salary = Math.round((floor * (1 + rng.next() * 2.5)) / 10_000) * 10_000;
      const allowance = rng.chance(0.25) ? rng.int(3, 20) * 100_000 : 0;
      const fromIdx = rng.chance(0.7) ? 0 : rng.int(1, months - 1);
      const from = addMonths(start, fromIdx);
      const open = rng.chance(0.75);
      const to = open ? null : addMonths(from, rng.int(0, months - 1 - fromIdx));
      totalSalary += salary + allowance;
      if (open) openLines++;
      await sheet.add([
        e.unitCode,
        k + 1,
        si,
        name,
        birth,
        rng.chance(0.5) ? 'Nam' : 'Nữ',
        salary,
        allowance || null,
        `${from.slice(5, 7)}/${from.slice(0, 4)}`,
        to === null ? null : `${to.slice(5, 7)}/${to.slice(0, 4)}`,
      ]);
      if (onProgress && written % 100_000 === 0) onProgress(written);
    }
  }
  sheet.commit();
  await wb.close();
  return {
    file: filename,
    lines: written,
    units,
    totalSalary,
    openLines,
    firstSiNumber: written > 0 ? BIG_ROSTER_SI_PREFIX + '1'.padStart(9, '0') : null,
    lastSiNumber: written > 0 ? BIG_ROSTER_SI_PREFIX + String(written).padStart(9, '0') : null,
  };
}
