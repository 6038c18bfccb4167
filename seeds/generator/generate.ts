/** generateProvince: the whole synthetic province, a pure function of its options. */
import { addDays, addMonths, dueDate, lastDayOf, periodOf, periodRange } from './calendar.js';
import type { IsoDate, Period } from './calendar.js';
import { FUNDS, assessPeriod, regionalMinimumWage, totalRateBp, divRoundHalfUp } from './contributions.js';
import type { FundKey } from './contributions.js';
import { confuseUnmatched } from './confusions.js';
import { makeEmployers, makeOffices } from './employers.js';
import { SUSPENSE_UNIT } from './identifiers.js';
import { normaliseName } from './names.js';
import { employerReceipts, strayReceipt } from './payments.js';
import type { ReceiptDraft } from './payments.js';
import { Rng, rngFor } from './prng.js';
import type {
  C12Row,
  DeclaredTotal,
  Employer,
  GeneratorOptions,
  LedgerLine,
  Province,
  Receipt,
  Receivable,
  RosterInterval,
  StatedPayment,
  UnderFloorFinding,
} from './types.js';
import { PersonPool, makeWorkforce } from './workforce.js';

export type ScaleMode = GeneratorOptions['scale'];

/** Presets; explicit options override them. `bench` is the nightly-run benchmark's 10k employers. */
export const SCALE_PRESETS: Readonly<Record<ScaleMode, Omit<GeneratorOptions, 'seed' | 'endPeriod' | 'scale' | 'provinceCode'>>> = {
  small: { offices: 2, employersPerOffice: 12, months: 24, averageEmployees: 5 },
  demo: { offices: 3, employersPerOffice: 40, months: 24, averageEmployees: 12 },
  bench: { offices: 20, employersPerOffice: 500, months: 24, averageEmployees: 8 },
};

export function resolveOptions(options: Partial<GeneratorOptions> = {}): Required<GeneratorOptions> {
  const scale = options.scale ?? 'demo';
  const preset = SCALE_PRESETS[scale];
  const endPeriod = options.endPeriod ?? '2026-10';
  const months = options.months ?? preset.months;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(endPeriod)) throw new Error(`end period must be YYYY-MM: ${endPeriod}`);
  if (!Number.isInteger(months) || months < 3 || months > 120) throw new Error('months must be 3..120');
  const startPeriod = addMonths(endPeriod, -(months - 1));
  if (startPeriod < '2019-07') throw new Error('the window must start at 2019-07 or later (reference data)');
  const resolved: Required<GeneratorOptions> = {
    seed: (options.seed ?? 1) >>> 0,
    provinceCode: options.provinceCode ?? '67',
    offices: options.offices ?? preset.offices,
    employersPerOffice: options.employersPerOffice ?? preset.employersPerOffice,
    months,
    endPeriod,
    averageEmployees: options.averageEmployees ?? preset.averageEmployees,
    c12Period: options.c12Period ?? addMonths(endPeriod, -Math.min(12, months - 2)),
    scale,
  };
  if (resolved.employersPerOffice < 1) throw new Error('employers per office must be ≥ 1');
  if (resolved.averageEmployees < 1) throw new Error('average employees must be ≥ 1');
  if (resolved.c12Period < startPeriod || resolved.c12Period > endPeriod) {
    throw new Error(`c12 period must lie in ${startPeriod}..${endPeriod}`);
  }
  return resolved;
}

function coversPeriod(line: RosterInterval, p: Period, endPeriod: Period): boolean {
  return line.fromMonth <= p && p <= (line.toMonth ?? endPeriod);
}

function assessEmployer(employer: Employer, lines: readonly RosterInterval[], periods: readonly Period[], endPeriod: Period): {
  assessed: Receivable[];
  underFloor: UnderFloorFinding[];
} {
  const assessed: Receivable[] = [];
  const underFloor: UnderFloorFinding[] = [];
  for (const p of periods) {
    const active = lines.filter((l) => coversPeriod(l, p, endPeriod));
    if (active.length === 0) continue;
    const floor = regionalMinimumWage(p, employer.region);
    for (const l of active) {
      if (l.salaryTotal < floor) {
        underFloor.push({ unitCode: employer.unitCode, siNumber: l.siNumber, period: p, salaryTotal: l.salaryTotal, floor });
      }
    }
    const amounts = assessPeriod(
      active.map((l) => l.salaryTotal),
      p,
      employer.region,
      employer.oaRateBp,
    );
    const due = dueDate(p, employer.cycle);
    for (const fund of FUNDS) {
      assessed.push({ unitCode: employer.unitCode, period: p, fund, amount: amounts[fund], dueDate: due, source: 'assessed' });
    }
  }
  return { assessed, underFloor };
}

const ADJUSTMENT_REASONS = [
  'Truy thu do điều chỉnh tăng lương',
  'Truy đóng thời gian chưa báo tăng',
  'Bổ sung phụ cấp chức vụ',
  'Điều chỉnh theo biên bản đối chiếu C05-TS',
];

/** Agency ledger lines: a few employer-periods defined by the agency (differing by a few thousand đồng
 * from the assessment, within the declaration tolerance), and adjustments with a reason. */
function ledgerFor(rng: Rng, employer: Employer, assessed: readonly Receivable[]): LedgerLine[] {
  const periods = [...new Set(assessed.map((r) => r.period))];
  if (periods.length < 4) return [];
  const out: LedgerLine[] = [];
  if (rng.chance(0.12)) {
    const n = rng.int(1, 3);
    const chosen = rng.shuffle([...periods]).slice(0, n).sort();
    for (const p of chosen) {
      const explicitDue = rng.chance(0.3);
      for (const r of assessed.filter((x) => x.period === p)) {
        const delta = r.fund === 'SI_RETIRE' ? rng.int(-5, 5) * 1_000 : 0;
        out.push({
          unitCode: employer.unitCode,
          period: p,
          fund: r.fund,
          amount: Math.max(0, r.amount + delta),
          dueDate: explicitDue ? r.dueDate : null,
          reason: null,
        });
      }
    }
  }
  if (rng.chance(0.1)) {
    const p = rng.pick(periods.slice(1));
    const fund = rng.pick<FundKey>(['SI_RETIRE', 'SI_SICK', 'HI', 'UI']);
    out.push({
      unitCode: employer.unitCode,
      period: p,
      fund,
      amount: rng.int(2, 80) * 10_000,
      dueDate: rng.chance(0.5) ? addDays(lastDayOf(p), rng.int(15, 45)) : null,
      reason: rng.pick(ADJUSTMENT_REASONS),
    });
  }
  return out;
}

/** What the agency holds: a period with any regular ledger line is defined by the ledger alone. */
function effectiveReceivables(employer: Employer, assessed: readonly Receivable[], ledger: readonly LedgerLine[]): Receivable[] {
  const ledgerPeriods = new Set(ledger.filter((l) => l.reason === null).map((l) => l.period));
  const out: Receivable[] = assessed.filter((r) => !ledgerPeriods.has(r.period));
  for (const l of ledger) {
    const due = l.dueDate ?? dueDate(l.period, employer.cycle);
    if (l.reason === null) {
      out.push({ unitCode: l.unitCode, period: l.period, fund: l.fund, amount: l.amount, dueDate: due, source: 'ledger' });
    } else {
      out.push({
        unitCode: l.unitCode,
        period: l.period,
        fund: l.fund,
        amount: l.amount,
        dueDate: due,
        source: 'adjustment',
        reason: l.reason,
      });
    }
  }
  return out.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : FUNDS.indexOf(a.fund) - FUNDS.indexOf(b.fund)));
}

/** The employer's own declared totals, for periods defined by the assessment alone; a few deliberately off. */
function declaredFor(rng: Rng, employer: Employer, receivables: readonly Receivable[]): DeclaredTotal[] {
  const touched = new Set(receivables.filter((r) => r.source !== 'assessed').map((r) => r.period));
  const clean = receivables.filter((r) => r.source === 'assessed' && !touched.has(r.period));
  const periods = [...new Set(clean.map((r) => r.period))];
  const mismatch = new Set<Period>();
  if (periods.length > 0 && rng.chance(0.1)) {
    for (const p of rng.shuffle([...periods]).slice(0, rng.int(1, 3))) mismatch.add(p);
  }
  const out: DeclaredTotal[] = [];
  for (const r of clean) {
    let amount = r.amount;
    if (mismatch.has(r.period) && r.fund === 'SI_RETIRE') {
      const total = clean.filter((x) => x.period === r.period).reduce((s, x) => s + x.amount, 0);
      // Well beyond max(1 % of the receivable, 10,000): declared fewer persons than the roster shows.
      const off = Math.max(Math.ceil(total * 0.03), 50_000);
      amount = Math.max(0, amount - off);
      if (amount === r.amount) amount += off;
    }
    out.push({ unitCode: r.unitCode, period: r.period, fund: r.fund, amount });
  }
  employer.declarationMismatchPeriods = [...mismatch].sort();
  return out;
}

/** One unit's C12 summary row for month `p`; `receipts` are the money the unit sent (as officers booked it). */
function c12Row(employer: Employer, receivables: readonly Receivable[], receipts: readonly Receipt[], p: Period): C12Row {
  const prevEnd = lastDayOf(addMonths(p, -1));
  const regular = (x: Receivable): boolean => x.source !== 'adjustment';
  const owedUpTo = (q: Period): number => receivables.filter((r) => r.period <= q).reduce((s, r) => s + r.amount, 0);
  const paidUpTo = (d: IsoDate): number =>
    receipts.filter((r) => r.valueDate <= d).reduce((s, r) => s + r.amount, 0);
  const balancePrev = owedUpTo(addMonths(p, -1)) - paidUpTo(prevEnd);
  const payable = receivables.filter((r) => r.period === p && regular(r)).reduce((s, r) => s + r.amount, 0);
  const adjustment = receivables.filter((r) => r.period === p && !regular(r)).reduce((s, r) => s + r.amount, 0);
  const paid = receipts
    .filter((r) => periodOf(r.valueDate) === p)
    .reduce((s, r) => s + r.amount, 0);
  const closing = balancePrev + adjustment + payable - paid;
  const tyleno = closing <= 0 ? 0 : payable > 0 ? divRoundHalfUp(closing * 1000, payable) / 1000 : 1;
  return {
    unitCode: employer.unitCode,
    name: employer.name,
    opening: Math.max(0, balancePrev),
    closing,
    adjustment,
    payable,
    paid,
    difference: payable - paid,
    tyleno,
  };
}

/** The synthetic province. Same options → the same model, byte for byte once serialised. */
export function generateProvince(options: Partial<GeneratorOptions> = {}): Province {
  const opts = resolveOptions(options);
  const root = new Rng(opts.seed);
  const periods = periodRange(opts.endPeriod, opts.months);
  const startPeriod = periods[0] as Period;
  const offices = makeOffices(opts.provinceCode, opts.offices);
  const plans = makeEmployers(root.fork('employers'), offices, opts.employersPerOffice, startPeriod, opts.months);
  const employers = plans.map((p) => p.employer);
  const pool = new PersonPool(opts.provinceCode.padStart(2, '0'));
  const workforceRng = root.fork('workforce');

  const roster: RosterInterval[] = [];
  const assessed: Receivable[] = [];
  const receivables: Receivable[] = [];
  const ledger: LedgerLine[] = [];
  const declared: DeclaredTotal[] = [];
  const underFloor: UnderFloorFinding[] = [];
  const drafts: ReceiptDraft[] = [];
  const byEmployer = new Map<string, Receivable[]>();
  const ctx = {
    normalisedNames: new Set(employers.map((e) => normaliseName(e.name))),
    unitCodes: new Set([...employers.map((e) => e.unitCode), SUSPENSE_UNIT]),
  };

  for (const plan of plans) {
    const e = plan.employer;
    const lines = makeWorkforce(workforceRng, e, plan.rosterEnd, opts.endPeriod, opts.averageEmployees, pool);
    roster.push(...lines);
    const a = assessEmployer(e, lines, periods, opts.endPeriod);
    assessed.push(...a.assessed);
    underFloor.push(...a.underFloor);
    const rng = rngFor(opts.seed, `employer:${e.unitCode}`);
    const l = ledgerFor(rng, e, a.assessed);
    ledger.push(...l);
    const eff = effectiveReceivables(e, a.assessed, l);
    receivables.push(...eff);
    byEmployer.set(e.unitCode, eff);
    declared.push(...declaredFor(rng, e, eff));
    drafts.push(...employerReceipts(rng, e, eff, opts.endPeriod, ctx));
  }
  const strayRng = root.fork('stray');
  const strays = Math.max(2, Math.round(drafts.length * 0.02));
  for (let i = 0; i < strays; i++) drafts.push(strayReceipt(strayRng, periods, opts.endPeriod));

  // Bank references are unique and sorted with the statement: by value date, then a stable order.
  drafts.sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : 0));
  const refRng = root.fork('bank-refs');
  const confusionCtx = { ...ctx, employers: new Map(employers.map((e) => [e.unitCode, e])) };
  const receipts: Receipt[] = drafts.map((d, i) => {
    const ymd = d.valueDate.replace(/-/g, '').slice(2);
    const bank = refRng.pick(['FT', 'FT', 'BIDV', 'VBA']);
    return confuseUnmatched(opts.seed, { bankRef: `${bank}${ymd}${String(i + 1).padStart(6, '0')}`, ...d }, confusionCtx);
  });
  const receiptEmployers: Record<string, string | null> = {};
  for (const r of receipts) receiptEmployers[r.bankRef] = r.intendedUnitCode;

  // Some employers attach the payments they say they made: mostly real, now and then one the bank never shows.
  const receiptsByUnit = new Map<string, Receipt[]>();
  for (const r of receipts) {
    if (r.intendedUnitCode === null) continue;
    const list = receiptsByUnit.get(r.intendedUnitCode) ?? [];
    list.push(r);
    receiptsByUnit.set(r.intendedUnitCode, list);
  }
  const statedPayments: StatedPayment[] = [];
  const statedRng = root.fork('stated');
  for (const e of employers) {
    if (!statedRng.chance(0.4)) continue;
    let n = 0;
    for (const r of receiptsByUnit.get(e.unitCode) ?? []) {
      n++;
      statedPayments.push({
        unitCode: e.unitCode,
        date: statedRng.chance(0.2) ? addDays(r.valueDate, -1) : r.valueDate,
        amount: r.amount,
        orderNumber: `UNC${String(n).padStart(4, '0')}`,
        note: `Nộp ${r.meantFor.periods.join(', ')}`,
      });
    }
    if (n > 0 && statedRng.chance(0.15)) {
      const lastPeriod = addMonths(opts.endPeriod, -2);
      statedPayments.push({
        unitCode: e.unitCode,
        date: addDays(lastDayOf(lastPeriod), -3),
        amount: statedRng.int(10, 200) * 100_000,
        orderNumber: `UNC${String(n + 1).padStart(4, '0')}`,
        note: 'Đã chuyển khoản, chưa thấy báo có',
      });
    }
  }

  const c12Rows = employers
    .map((e) => c12Row(e, byEmployer.get(e.unitCode) ?? [], receiptsByUnit.get(e.unitCode) ?? [], opts.c12Period))
    .sort((a, b) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));

  return {
    generator: { name: 'sothu-synthetic-province', version: 1 },
    options: opts,
    provinceCode: opts.provinceCode,
    periods,
    offices,
    employers,
    persons: pool.persons,
    roster,
    assessed,
    receivables,
    ledger,
    declared,
    receipts,
    receiptEmployers,
    statedPayments,
    underFloor,
    c12: { period: opts.c12Period, rows: c12Rows },
  };
}

/** Under-declaration shortfall of one employer (domain.md §3): Σ (floor − salary) × total rate, rounded once. */
export function underDeclarationShortfall(province: Province, unitCode: string): number {
  const e = province.employers.find((x) => x.unitCode === unitCode);
  if (!e) throw new Error(`unknown unit ${unitCode}`);
  const sum = province.underFloor
    .filter((f) => f.unitCode === unitCode)
    .reduce((s, f) => s + (f.floor - f.salaryTotal) * totalRateBp(e.oaRateBp), 0);
  return divRoundHalfUp(sum, 10_000);
}
