/** Bank receipts from each employer's behaviour profile, with memos in the styles of domain.md §8. */
import { addDays, addMonths, firstDayOf, lastDayOf, maxDate, toMmYyyy } from './calendar.js';
import type { IsoDate, Period } from './calendar.js';
import { SUSPENSE_UNIT } from './identifiers.js';
import { foldDiacritics, normaliseName, payerSpelling, personName, typoName } from './names.js';
import type { Rng } from './prng.js';
import type { Employer, MatchMethod, Receipt, Receivable } from './types.js';

interface DueGroup {
  periods: Period[];
  amount: number;
  due: IsoDate;
}

interface Planned {
  valueDate: IsoDate;
  amount: number;
  meantFor: Receipt['meantFor'];
}

/** Receivable totals grouped by due date (a quarterly payer's three months share one). */
function dueGroups(receivables: readonly Receivable[]): DueGroup[] {
  const byDue = new Map<IsoDate, DueGroup>();
  for (const r of receivables) {
    const g = byDue.get(r.dueDate) ?? { periods: [], amount: 0, due: r.dueDate };
    if (!g.periods.includes(r.period)) g.periods.push(r.period);
    g.amount += r.amount;
    byDue.set(r.dueDate, g);
  }
  return [...byDue.values()].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

function onTimeDate(rng: Rng, g: DueGroup): IsoDate {
  const lastPeriod = g.periods[g.periods.length - 1] as Period;
  return maxDate(addDays(g.due, -rng.int(0, 18)), addDays(firstDayOf(lastPeriod), rng.int(5, 15)));
}

function plan(rng: Rng, employer: Employer, groups: DueGroup[], endPeriod: Period): Planned[] {
  const out: Planned[] = [];
  const regular = (g: DueGroup, late: boolean): void => {
    out.push({
      valueDate: late ? addDays(g.due, rng.int(3, 45)) : onTimeDate(rng, g),
      amount: g.amount,
      meantFor: { kind: 'periods', periods: g.periods },
    });
  };
  const profile = employer.profile;
  if (profile === 'arrears-3' || profile === 'arrears-12' || profile === 'stopped') {
    // Regular (often late) payments up to a cutoff, then at most one partial payment of the next month:
    // the unpaid overdue months from the newest back then number at least 3 (or 12).
    // A hard-to-collect unit stopped paying a few months before its last receivable (its roster may end early).
    const lastGroup = groups[groups.length - 1];
    const lastOwed = lastGroup ? (lastGroup.periods[lastGroup.periods.length - 1] as Period) : endPeriod;
    const cutoff =
      profile === 'arrears-3'
        ? addMonths(endPeriod, -rng.int(6, 9))
        : profile === 'arrears-12'
          ? addMonths(endPeriod, -rng.int(16, 18))
          : addMonths(lastOwed < endPeriod ? lastOwed : endPeriod, -rng.int(2, 10));
    const paid = groups.filter((g) => (g.periods[g.periods.length - 1] as Period) <= cutoff);
    const unpaid = groups.filter((g) => (g.periods[g.periods.length - 1] as Period) > cutoff);
    for (const g of paid) regular(g, rng.chance(0.6));
    const firstUnpaid = unpaid[0];
    if (firstUnpaid && profile !== 'stopped' && rng.chance(0.7)) {
      out.push({
        valueDate: addDays(firstUnpaid.due, rng.int(20, 60)),
        amount: Math.floor((firstUnpaid.amount * rng.int(30, 60)) / 100),
        meantFor: { kind: 'partial', periods: firstUnpaid.periods },
      });
    }
    return out;
  }
  if (profile === 'lumps') {
    let acc: DueGroup[] = [];
    let size = rng.int(3, 4);
    for (const g of groups) {
      acc.push(g);
      if (acc.length >= size) {
        const last = acc[acc.length - 1] as DueGroup;
        out.push({
          valueDate: addDays(last.due, rng.int(0, 20)),
          amount: acc.reduce((s, x) => s + x.amount, 0),
          meantFor: { kind: 'lump', periods: acc.flatMap((x) => x.periods) },
        });
        acc = [];
        size = rng.int(3, 4);
      }
    }
    return out;
  }
  if (profile === 'overpays') {
    for (const g of groups) {
      if (rng.chance(0.15)) {
        // Pays next month too, in advance.
        out.push({
          valueDate: onTimeDate(rng, g),
          amount: g.amount * 2,
          meantFor: { kind: 'advance', periods: [...g.periods, addMonths(g.periods[g.periods.length - 1] as Period, 1)] },
        });
      } else {
        out.push({
          valueDate: onTimeDate(rng, g),
          amount: Math.ceil((g.amount * 1.03) / 500_000) * 500_000,
          meantFor: { kind: 'periods', periods: g.periods },
        });
      }
    }
    return out;
  }
  if (profile === 'usually-late') {
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] as DueGroup;
      const next = groups[i + 1];
      if (next && rng.chance(0.15)) {
        // Catches up two months at once, late.
        out.push({
          valueDate: addDays(next.due, rng.int(1, 30)),
          amount: g.amount + next.amount,
          meantFor: { kind: 'catch-up', periods: [...g.periods, ...next.periods] },
        });
        i++;
      } else {
        regular(g, rng.chance(0.75));
      }
    }
    return out;
  }
  for (const g of groups) regular(g, rng.chance(0.03));
  return out;
}

export type MemoStyle = 'reference' | 'unit-code' | 'tax-code' | 'name' | 'typo' | 'column';

function monthsText(periods: readonly Period[]): string {
  const first = periods[0] as Period;
  const last = periods[periods.length - 1] as Period;
  if (first === last) return `T${toMmYyyy(first)}`;
  if (first.slice(0, 4) === last.slice(0, 4)) return `T${first.slice(5, 7)}-T${toMmYyyy(last)}`;
  return `T${toMmYyyy(first)}-T${toMmYyyy(last)}`;
}

/** A unit code with a digit 0 typed as letter O (or a character dropped): never a real code. */
function typoCode(rng: Rng, code: string): string {
  const zero = code.indexOf('0', 2);
  if (zero > 0 && rng.chance(0.7)) return `${code.slice(0, zero)}O${code.slice(zero + 1)}`;
  return code.slice(0, 3) + code.slice(4);
}

export interface MemoContext {
  /** Normalised employer names of the province: a typo must not land on one of them. */
  normalisedNames: ReadonlySet<string>;
  /** Unit codes of the province: a typo must not be one of them. */
  unitCodes: ReadonlySet<string>;
}

function describe(
  rng: Rng,
  employer: Employer,
  style: MemoStyle,
  periods: readonly Period[],
  ctx: MemoContext,
): { memo: string; payerName: string; column: string | null; method: MatchMethod; expected: string } {
  const when = monthsText(periods);
  const person = (): string => foldDiacritics(personName(rng, rng.chance(0.5) ? 'M' : 'F')).toUpperCase();
  const payer = (): string => (rng.chance(0.7) ? payerSpelling(rng, employer.name) : person());
  switch (style) {
    case 'reference': {
      const prefix = rng.pick(['', '', 'IBFT ', 'CK ', 'TT ']);
      return {
        memo: `${prefix}+BHXH+103+00+${employer.unitCode}+${employer.officeCode}+NOP BHXH ${when}+`,
        payerName: payer(),
        column: null,
        method: 'reference',
        expected: employer.unitCode,
      };
    }
    case 'unit-code': {
      const code = rng.chance(0.2) ? employer.unitCode.toLowerCase() : employer.unitCode;
      const memo = rng.pick([
        `${code} nop BHXH ${when}`,
        `Nop tien BHXH, BHYT, BHTN ${when} ma DV ${code}`,
        `${code} dong bao hiem ${when}`,
        `DV ${code}-nop BHXH ${when}`,
      ]);
      return { memo, payerName: payer(), column: null, method: 'unit-code', expected: employer.unitCode };
    }
    case 'tax-code': {
      const tax = employer.taxCode.length > 10 && rng.chance(0.4) ? employer.taxCode.replace('-', '') : employer.taxCode;
      const memo = rng.pick([`MST ${tax} nop BHXH ${when}`, `Nop BHXH ${when} MST: ${tax}`, `ma so thue ${tax} dong BH ${when}`]);
      return { memo, payerName: payer(), column: null, method: 'tax-code', expected: employer.unitCode };
    }
    case 'name': {
      const memo = rng.pick([`Nop tien BHXH ${when}`, `Chuyen tien dong bao hiem ${when}`, `Dong BHXH BHYT ${when}`]);
      let payerName = payerSpelling(rng, employer.name);
      if (normaliseName(payerName) !== normaliseName(employer.name)) payerName = employer.name;
      return { memo, payerName, column: null, method: 'name', expected: employer.unitCode };
    }
    case 'typo': {
      let code = typoCode(rng, employer.unitCode);
      if (ctx.unitCodes.has(code)) code = `${employer.unitCode.slice(0, 2)}O${employer.unitCode.slice(3)}`;
      const memo = `${code} nop BHXH ${when}`;
      // Half the time the payer's name is a typo too: nothing to go on, suspense.
      if (rng.chance(0.5)) {
        const typo = typoName(rng, employer.name);
        if (!ctx.normalisedNames.has(normaliseName(typo))) {
          return { memo, payerName: typo, column: null, method: 'none', expected: SUSPENSE_UNIT };
        }
      }
      let payerName = payerSpelling(rng, employer.name);
      if (normaliseName(payerName) !== normaliseName(employer.name)) payerName = employer.name;
      return { memo, payerName, column: null, method: 'name', expected: employer.unitCode };
    }
    case 'column':
      return {
        memo: rng.pick([`Thanh toan BHXH ky ${when}`, `Nop BH ${when}`, 'Chuyen tien']),
        payerName: payer(),
        column: employer.unitCode,
        method: 'column',
        expected: employer.unitCode,
      };
  }
}

function chooseStyle(rng: Rng, habit: MemoStyle): MemoStyle {
  if (rng.chance(0.65)) return habit;
  return rng.weighted<MemoStyle>([
    ['reference', 35],
    ['unit-code', 25],
    ['tax-code', 12],
    ['name', 12],
    ['typo', 8],
    ['column', 8],
  ]);
}

export type ReceiptDraft = Omit<Receipt, 'bankRef'>;

export function employerReceipts(
  rng: Rng,
  employer: Employer,
  receivables: readonly Receivable[],
  endPeriod: Period,
  ctx: MemoContext,
): ReceiptDraft[] {
  const habit = rng.weighted<MemoStyle>([
    ['reference', 40],
    ['unit-code', 25],
    ['tax-code', 12],
    ['name', 13],
    ['typo', 3],
    ['column', 7],
  ]);
  const groups = dueGroups(receivables);
  const lastDay = lastDayOf(endPeriod);
  const out: ReceiptDraft[] = [];
  for (const p of plan(rng, employer, groups, endPeriod)) {
    if (p.valueDate > lastDay || p.amount <= 0) continue;
    const style = chooseStyle(rng, habit);
    const d = describe(rng, employer, style, p.meantFor.periods, ctx);
    out.push({
      valueDate: p.valueDate,
      amount: p.amount,
      memo: d.memo,
      payerName: d.payerName,
      unitCodeColumn: d.column,
      intendedUnitCode: employer.unitCode,
      expectedMethod: d.method,
      expectedUnitCode: d.expected,
      meantFor: p.meantFor,
      memoStyle: style,
    });
  }
  return out;
}

/** Money from outside the province's employers (a person, a wrong account): always suspense. */
export function strayReceipt(rng: Rng, periods: readonly Period[], endPeriod: Period): ReceiptDraft {
  const p = rng.pick(periods);
  const valueDate = addDays(firstDayOf(p), rng.int(0, 27));
  const payerName = foldDiacritics(personName(rng, rng.chance(0.5) ? 'M' : 'F')).toUpperCase();
  return {
    valueDate: valueDate > lastDayOf(endPeriod) ? lastDayOf(endPeriod) : valueDate,
    amount: rng.int(5, 300) * 10_000,
    memo: rng.pick(['Chuyen tien', `${payerName} chuyen khoan`, 'Nop tien', 'TT hoa don']),
    payerName,
    unitCodeColumn: null,
    intendedUnitCode: null,
    expectedMethod: 'none',
    expectedUnitCode: SUSPENSE_UNIT,
    meantFor: { kind: 'unknown', periods: [] },
    memoStyle: 'unidentifiable',
  };
}

