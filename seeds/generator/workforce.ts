/** Insured persons and their roster intervals: joiners, leavers, raises, allowances, under-floor pay. */
import { addDays, addMonths, monthIndex } from './calendar.js';
import type { Period } from './calendar.js';
import { regionalMinimumWage } from './contributions.js';
import { siNumber } from './identifiers.js';
import { personName } from './names.js';
import type { Rng } from './prng.js';
import type { Allowances, Employer, Person, RosterInterval } from './types.js';

const POSITIONS = ['Nhân viên', 'Công nhân', 'Kế toán', 'Tổ trưởng', 'Trưởng phòng', 'Giám đốc', 'Lái xe', 'Bảo vệ'];
const BASE_SALARY_2024 = 2_340_000;

interface Segment {
  from: Period;
  salary: number;
  allowances: Allowances;
}

interface Employment {
  person: Person;
  from: Period;
  /** Last month, or null while still employed at the end period. */
  to: Period | null;
  segments: Segment[];
  position: string;
}

export class PersonPool {
  private serial = 0;
  readonly persons: Person[] = [];
  /** People who left a unit and may be hired by another, with the last month they were insured. */
  readonly leavers: { person: Person; lastMonth: Period }[] = [];

  private readonly prefix: string;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  create(rng: Rng, endPeriod: Period): Person {
    this.serial += 1;
    const sex = rng.chance(0.52) ? 'F' : 'M';
    const age = rng.int(19, 58);
    const year = Number(endPeriod.slice(0, 4)) - age;
    const birthDate = addDays(`${year}-01-01`, rng.int(0, 364));
    const person: Person = {
      siNumber: siNumber(this.serial, this.prefix),
      name: personName(rng, sex),
      birthDate,
      sex,
      idNumber: `0${rng.digits(2)}${sex === 'F' ? '3' : '2'}${rng.digits(8)}`.slice(0, 12),
    };
    this.persons.push(person);
    return person;
  }

  /** A former employee free since before `from`, or null. */
  rehire(rng: Rng, from: Period): Person | null {
    if (!rng.chance(0.35)) return null;
    // Look at the oldest few leavers only: a linear scan of all of them is quadratic at bench scale.
    const idx = this.leavers.slice(0, 64).findIndex((l) => l.lastMonth < from);
    if (idx < 0) return null;
    const [found] = this.leavers.splice(idx, 1);
    return found ? found.person : null;
  }
}

function roundTo(n: number, step: number): number {
  return Math.round(n / step) * step;
}

function initialPay(rng: Rng, employer: Employer, from: Period): { salary: number; allowances: Allowances; atFloor: boolean } {
  const floor = regionalMinimumWage(from, employer.region);
  const allowances: Allowances = { position: 0, seniority: 0, supplement: 0 };
  let salary: number;
  let atFloor = false;
  if (employer.block === 'HC') {
    // Public pay: coefficient × base salary, hence the odd amounts.
    const coefficient = rng.pick([2.1, 2.34, 2.67, 3.0, 3.33, 3.66, 4.0, 4.4]);
    salary = Math.round(coefficient * BASE_SALARY_2024);
    if (rng.chance(0.6)) allowances.seniority = roundTo(salary * rng.int(5, 20) / 100, 1);
  } else {
    const band = rng.weighted<'floor' | 'under' | 'normal' | 'high' | 'top'>([
      ['floor', employer.block === 'CC' ? 40 : 18],
      ['under', employer.block === 'CC' || employer.block === 'HT' ? 6 : 2],
      ['normal', 55],
      ['high', 15],
      ['top', employer.block === 'NQ' ? 25 : 3],
    ]);
    switch (band) {
      case 'floor':
        salary = floor;
        atFloor = true;
        break;
      case 'under':
        salary = roundTo(floor * (0.75 + rng.next() * 0.2), 10_000);
        break;
      case 'normal':
        salary = roundTo(floor * (1.05 + rng.next() * 1.6), 10_000);
        break;
      case 'high':
        salary = roundTo(floor * (2.6 + rng.next() * 4), 100_000);
        break;
      case 'top':
        salary = roundTo(floor * (8 + rng.next() * 14), 1_000_000);
        break;
    }
    if (rng.chance(0.3)) allowances.supplement = roundTo(300_000 + rng.next() * 1_700_000, 50_000);
  }
  if (rng.chance(0.12)) allowances.position = roundTo(floor * (0.1 + rng.next() * 0.4), 1_000);
  return { salary, allowances, atFloor };
}

function headcount(rng: Rng, employer: Employer, average: number): number {
  const factor: Record<Employer['block'], number> = { TC: 1, HC: 1.5, CC: 0.25, HT: 1.2, NQ: 0.15, TZ: 0.6 };
  const mean = Math.max(1, average * factor[employer.block]);
  return Math.max(1, Math.round(mean * (0.4 + rng.next() * 1.2)));
}

/** Salary history of one employment: yearly raises on a random month, floor catch-up on a wage decree. */
function segmentsFor(rng: Rng, employer: Employer, from: Period, to: Period): Segment[] {
  const first = initialPay(rng, employer, from);
  const segments: Segment[] = [{ from, salary: first.salary, allowances: first.allowances }];
  let salary = first.salary;
  let atFloor = first.atFloor;
  const raiseEvery = rng.int(10, 16);
  let nextRaise = addMonths(from, raiseEvery);
  for (let p = addMonths(from, 1); p <= to; p = addMonths(p, 1)) {
    const floorNow = regionalMinimumWage(p, employer.region);
    const floorBefore = regionalMinimumWage(addMonths(p, -1), employer.region);
    let changed = false;
    if (floorNow !== floorBefore && atFloor) {
      // Most units follow a wage decree; the rest keep the old pay and fall under the floor.
      if (rng.chance(0.75)) {
        salary = floorNow;
        changed = true;
      } else {
        atFloor = false;
      }
    } else if (p === nextRaise && rng.chance(0.45) && !atFloor) {
      salary = roundTo(salary * (1.04 + rng.next() * 0.12), 10_000);
      changed = true;
    }
    if (p === nextRaise) nextRaise = addMonths(p, rng.int(10, 16));
    if (changed) {
      const prev = segments[segments.length - 1] as Segment;
      segments.push({ from: p, salary, allowances: { ...prev.allowances } });
    }
  }
  return segments;
}

export function makeWorkforce(
  rng: Rng,
  employer: Employer,
  rosterEnd: Period | null,
  endPeriod: Period,
  averageEmployees: number,
  pool: PersonPool,
): RosterInterval[] {
  const lastPeriod = rosterEnd ?? endPeriod;
  const slots = headcount(rng, employer, averageEmployees);
  const employments: Employment[] = [];
  for (let s = 0; s < slots; s++) {
    let from: Period = s === 0 || rng.chance(0.85) ? employer.firstPeriod : addMonths(employer.firstPeriod, rng.int(1, 8));
    while (from <= lastPeriod) {
      const person = pool.rehire(rng, from) ?? pool.create(rng, endPeriod);
      // Each month a person leaves with a small probability.
      let to: Period | null = null;
      for (let p = from; p <= lastPeriod; p = addMonths(p, 1)) {
        if (p > from && rng.chance(0.015)) {
          to = p;
          break;
        }
      }
      if (to === null && rosterEnd !== null) to = rosterEnd;
      const segTo = to ?? endPeriod;
      employments.push({
        person,
        from,
        to,
        segments: segmentsFor(rng, employer, from, segTo),
        position: s === 0 && slots > 3 ? 'Giám đốc' : rng.pick(POSITIONS),
      });
      if (to === null || to >= lastPeriod) break;
      pool.leavers.push({ person, lastMonth: to });
      // The slot is refilled after a gap, or the unit shrinks.
      if (rng.chance(0.2)) break;
      from = addMonths(to, rng.int(1, 4));
    }
  }
  const lines: RosterInterval[] = [];
  for (const e of employments) {
    e.segments.forEach((seg, i) => {
      const next = e.segments[i + 1];
      const toMonth = next ? addMonths(next.from, -1) : e.to;
      const allowanceSum = seg.allowances.position + seg.allowances.seniority + seg.allowances.supplement;
      lines.push({
        unitCode: employer.unitCode,
        siNumber: e.person.siNumber,
        fromMonth: seg.from,
        toMonth,
        salary: seg.salary,
        allowances: seg.allowances,
        salaryTotal: seg.salary + allowanceSum,
        position: e.position,
        note: i > 0 ? 'Điều chỉnh lương' : e.from > employer.firstPeriod ? 'Tăng mới' : '',
      });
    });
  }
  lines.sort(
    (a, b) => a.siNumber.localeCompare(b.siNumber) || monthIndex(a.fromMonth) - monthIndex(b.fromMonth),
  );
  return lines;
}
