import { addMonths, periodIndex, periodRange, type Period } from './dates.js';
import type { OaRate, Region } from './employer.js';
import { DomainError } from './errors.js';
import { CONTRIBUTION_FUNDS, zeroFundAmounts, type FundAmounts } from './funds.js';
import { roundHalfUpDiv, assertSafeMoney, ExactSum } from './money.js';
import type { ReferenceData } from './reference-data.js';

/** One participation interval of an employee (dòng D02-LT). Months inclusive; no `toMonth` = open-ended. */
export interface RosterLine {
  /** SI number (mã số BHXH), 10 digits as text. */
  siNumber: string;
  name?: string;
  /** Declared salary (mức lương). */
  salary: number;
  /** Every allowance/supplement column (phụ cấp, các khoản bổ sung); all are added to the salary. */
  allowances?: readonly number[];
  fromMonth: Period;
  toMonth?: Period | null;
}

/** A person-month whose salary is below the regional floor (khai thấp hơn lương tối thiểu vùng). */
export interface UnderDeclaredMonth {
  siNumber: string;
  period: Period;
  salary: number;
  floor: number;
}

/** Under-declaration finding (§3): the receivable is not corrected; this is an evasion signal. */
export interface UnderDeclarationFinding {
  persons: string[];
  months: Period[];
  personMonths: UnderDeclaredMonth[];
  /** Σ (floor − salary) × total rate, rounded half-up once. */
  shortfall: number;
}

export interface RosterOverlap {
  siNumber: string;
  period: Period;
  /** Indexes of the overlapping lines in the input. */
  lines: number[];
}

export interface AssessedPeriod {
  period: Period;
  /** Receivable per fund, rounded once per employer-period-fund. */
  amounts: FundAmounts;
  total: number;
  /** Distinct insured persons with a line covering the period. */
  persons: string[];
  /** Σ capped bases (before rates). */
  bases: { siHi: number; ui: number };
  underDeclaration: UnderDeclarationFinding;
  /** Two lines of one person covering this month: a validation error for the importer (§3). */
  overlaps: RosterOverlap[];
}

export interface AssessPeriodInput {
  period: Period;
  region: Region;
  oaRate: OaRate;
  lines: readonly RosterLine[];
  /** D's month: open-ended lines run to it. */
  asOfMonth: Period;
  /** `indexRoster(lines)`, when the caller assesses several periods of the same lines (else made here). */
  index?: RosterIndex;
}

/**
 * What assessing any period of a roster needs to know of the whole roster, made once for all its
 * periods (an employer of 100k lines had them sorted and grouped again for each of its periods).
 */
export interface RosterIndex {
  /** Persons (SI numbers) on two or more lines: no one else can have overlapping lines. */
  severalLines: ReadonlySet<string>;
  /** The lines' indexes ordered by SI number (as `Array.prototype.sort` orders strings). */
  bySiNumber: readonly number[];
}

export function indexRoster(lines: readonly RosterLine[]): RosterIndex {
  const severalLines = personsOnSeveralLines(lines);
  const bySiNumber = lines.map((_, i) => i);
  bySiNumber.sort((a, b) => {
    const x = lines[a]!.siNumber;
    const y = lines[b]!.siNumber;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  return { severalLines, bySiNumber };
}

function personsOnSeveralLines(lines: readonly RosterLine[]): Set<string> {
  const seen = new Set<string>();
  const several = new Set<string>();
  for (const l of lines) (seen.has(l.siNumber) ? several : seen).add(l.siNumber);
  return several;
}

/** Salary + every allowance: what the floor and the caps are compared with (§3). */
export function lineSalary(line: RosterLine): number {
  let s = assertSafeMoney(line.salary, 'salary');
  for (const a of line.allowances ?? []) s += assertSafeMoney(a, 'allowance');
  if (s < 0)
    throw new DomainError('NEGATIVE_AMOUNT', 'salary must not be negative', {
      siNumber: line.siNumber,
    });
  return assertSafeMoney(s, 'salary');
}

/** Whether the line covers month `p` (inclusive bounds; open-ended lines run to `asOfMonth`). */
export function lineCovers(line: RosterLine, p: Period, asOfMonth: Period): boolean {
  const to = line.toMonth ?? asOfMonth;
  return line.fromMonth <= p && p <= to;
}

/**
 * Same person on two lines of one employer in one month (§3 validation error). `severalLines`: the
 * persons on two or more lines of these (or of lines these are some of), when the caller knows them.
 */
export function findRosterOverlaps(
  lines: readonly RosterLine[],
  asOfMonth: Period,
  severalLines: ReadonlySet<string> = personsOnSeveralLines(lines),
): RosterOverlap[] {
  // a person on one line cannot overlap: only those on two or more are grouped (a large employer's
  // roster is mostly one line a person)
  if (severalLines.size === 0) return [];
  const byPerson = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (!severalLines.has(l.siNumber)) return;
    const idx = byPerson.get(l.siNumber);
    if (idx) idx.push(i);
    else byPerson.set(l.siNumber, [i]);
  });
  const out: RosterOverlap[] = [];
  for (const [siNumber, idx] of [...byPerson.entries()].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (idx.length < 2) continue;
    const months = new Map<Period, number[]>();
    for (const i of idx) {
      const l = lines[i]!;
      const to = l.toMonth ?? asOfMonth;
      if (periodIndex(to) < periodIndex(l.fromMonth)) continue;
      for (const p of periodRange(l.fromMonth, to)) {
        const at = months.get(p);
        if (at) at.push(i);
        else months.set(p, [i]);
      }
    }
    for (const [period, ls] of [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (ls.length > 1) out.push({ siNumber, period, lines: ls });
    }
  }
  return out;
}

/**
 * Assesses one employer-period from its roster (§3): per person base = min(salary, cap) (SI/HI cap
 * 20 × reference level, UI cap 20 × regional minimum wage); per fund amount = round_half_up(Σ base ×
 * rate_bp / 10000), rounded once per employer-period-fund, never per employee. Reference data in force
 * on the 1st of the period applies. Salaries below the floor are not corrected; they become an
 * under-declaration finding. Overlapping lines are reported and each line is assessed as registered.
 */
export function assessPeriod(input: AssessPeriodInput, ref: ReferenceData): AssessedPeriod {
  const { period, region, oaRate, asOfMonth } = input;
  const { date } = ref.forPeriod(period);
  const { rates, siHiCap, uiCap, floor } = forAssessing(period, () => ({
    rates: ref.ratesOn(date, oaRate),
    siHiCap: ref.siHiCapOn(date),
    uiCap: ref.uiCapOn(date, region),
    floor: ref.minimumWageOn(date, region),
  }));
  const totalBp = CONTRIBUTION_FUNDS.reduce((s, f) => s + rates[f], 0);

  const { lines } = input;
  const index = input.index ?? indexRoster(lines);
  const siHi = new ExactSum();
  const ui = new ExactSum();
  const under: UnderDeclaredMonth[] = [];
  const covering: RosterLine[] = [];
  const coveringAt: number[] = []; // each covering line's index in lines
  const covers = new Uint8Array(lines.length);
  lines.forEach((l, i) => {
    if (!lineCovers(l, period, asOfMonth)) return;
    covering.push(l);
    coveringAt.push(i);
    covers[i] = 1;
  });
  // distinct persons, in order: the lines already are, once for every period
  const persons: string[] = [];
  for (const i of index.bySiNumber) {
    const si = lines[i]!.siNumber;
    if (covers[i] && si !== persons[persons.length - 1]) persons.push(si);
  }
  for (const l of covering) {
    const salary = lineSalary(l);
    siHi.add(Math.min(salary, siHiCap));
    ui.add(Math.min(salary, uiCap));
    if (salary < floor) under.push({ siNumber: l.siNumber, period, salary, floor });
  }
  const siHiBase = siHi.value;
  const uiBase = ui.value;
  const amounts = zeroFundAmounts();
  for (const f of CONTRIBUTION_FUNDS) {
    const base = f === 'UI' ? uiBase : siHiBase;
    amounts[f] = roundHalfUpDiv(base * BigInt(rates[f]), 10_000n);
  }
  return {
    period,
    amounts,
    total: CONTRIBUTION_FUNDS.reduce((s, f) => s + amounts[f], 0),
    persons,
    bases: { siHi: Number(siHiBase), ui: Number(uiBase) },
    underDeclaration: summarizeUnderDeclaration(under, totalBp),
    overlaps: findRosterOverlaps(covering, asOfMonth, index.severalLines).map((o) => ({
      ...o,
      lines: o.lines.map((i) => coveringAt[i]!),
    })),
  };
}

/**
 * Runs the reference lookups of one period's assessment: a value missing there cannot be skipped (the
 * receivable itself depends on it), so the error stays, naming kind, key and date and now the period.
 */
function forAssessing<T>(period: Period, lookups: () => T): T {
  try {
    return lookups();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'REFERENCE_DATA_MISSING') {
      throw new DomainError(e.code, `${e.message} (assessing ${period})`, { ...e.details, period });
    }
    throw e;
  }
}

function summarizeUnderDeclaration(
  months: readonly UnderDeclaredMonth[],
  totalBp: number,
): UnderDeclarationFinding {
  let num = 0n;
  for (const m of months) num += BigInt(m.floor - m.salary) * BigInt(totalBp);
  return {
    persons: [...new Set(months.map((m) => m.siNumber))].sort(),
    months: [...new Set(months.map((m) => m.period))].sort(),
    personMonths: [...months],
    shortfall: roundHalfUpDiv(num, 10_000n),
  };
}

/**
 * Under-declaration over several periods (e.g. the 12 up to D's month for the flag, §9): the
 * person-months below the floor, and the shortfall Σ (floor − salary) × the employer's total rate
 * (32 %, or 31.8 % at OA 0.3 %) rounded half-up once over all of them.
 */
export function underDeclarationOver(
  periods: readonly Period[],
  lines: readonly RosterLine[],
  region: Region,
  oaRate: OaRate,
  asOfMonth: Period,
  ref: ReferenceData,
): UnderDeclarationFinding {
  let num = 0n;
  const all: UnderDeclaredMonth[] = [];
  for (const period of [...periods].sort()) {
    const covering = lines.filter((l) => lineCovers(l, period, asOfMonth));
    // a period no line covers needs no reference data (the window may start before the data does)
    if (covering.length === 0) continue;
    const { date } = ref.forPeriod(period);
    const { totalBp, floor } = forAssessing(period, () => {
      const rates = ref.ratesOn(date, oaRate);
      return {
        totalBp: CONTRIBUTION_FUNDS.reduce((s, f) => s + rates[f], 0),
        floor: ref.minimumWageOn(date, region),
      };
    });
    for (const l of covering) {
      const salary = lineSalary(l);
      if (salary < floor) {
        all.push({ siNumber: l.siNumber, period, salary, floor });
        num += BigInt(floor - salary) * BigInt(totalBp);
      }
    }
  }
  all.sort((a, b) =>
    a.period < b.period ? -1 : a.period > b.period ? 1 : a.siNumber < b.siNumber ? -1 : 1,
  );
  return {
    persons: [...new Set(all.map((m) => m.siNumber))].sort(),
    months: [...new Set(all.map((m) => m.period))].sort(),
    personMonths: all,
    shortfall: roundHalfUpDiv(num, 10_000n),
  };
}

/** The 12 periods up to and including `month`. */
export function twelvePeriodsTo(month: Period): Period[] {
  return periodRange(addMonths(month, -11), month);
}
