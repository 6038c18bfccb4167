import fc from 'fast-check';
import { referenceFixture } from './reference.fixture.spec.js';
import {
  allocate,
  type AllocationInput,
  type AllocationPolicy,
  type PaymentInput,
} from './allocation.js';
import { DomainError } from './errors.js';
import type { FundKey } from './funds.js';
import { dueDate } from './due-dates.js';
import type { Receivable } from './receivables.js';
import { buildReferenceData } from './reference-data.js';

const files = referenceFixture;
const ref = buildReferenceData(files);
/** TEST-ONLY k values for years without a published figure here (fictional 1.0000%): not reference data. */
const refWithFictionalK = buildReferenceData([
  ...files,
  {
    kind: 'old-regime-k',
    values: [2019, 2021, 2022, 2023, 2024, 2025].flatMap((y) => [
      { key: 'SI', effectiveFrom: `${y}-01-01`, value: 10_000 },
      { key: 'HI', effectiveFrom: `${y}-01-01`, value: 10_000 },
    ]),
  },
]);

const rec = (period: string, fund: FundKey, amount: number, due = dueDate(period)): Receivable => ({
  id: `t:${period}:${fund}`,
  period,
  fund,
  amount,
  dueDate: due,
  source: 'ledger',
  superseded: false,
});
const pay = (valueDate: string, amount: number, bankRef = `B${valueDate}`): PaymentInput => ({
  valueDate,
  amount,
  bankRef,
});

describe('§6 new regime: 0.03% per day booked at payment events', () => {
  // 01/2026 SI+UI 100,000,000 (SI_RETIRE 90,000,000 + UI 10,000,000), due 2026-02-28
  const lines = [rec('2026-01', 'SI_RETIRE', 90_000_000), rec('2026-01', 'UI', 10_000_000)];

  it('worked example: paid in full 2026-03-31 → days 2026-03-01…2026-03-30 = 30 → 900,000', () => {
    const r = allocate(
      { receivables: lines, payments: [pay('2026-03-31', 100_000_000)], asOf: '2026-03-31' },
      ref,
    );
    // per line: 90,000,000 × 30 × 3 / 10000 = 810,000; 10,000,000 × 30 × 3 / 10000 = 90,000
    expect(r.charges.map((c) => [c.tag, c.amount, c.period, c.bookedOn])).toEqual([
      ['SI', 810_000, '2026-03', '2026-03-31'],
      ['UI', 90_000, '2026-03', '2026-03-31'],
    ]);
    expect(r.charges.reduce((s, c) => s + c.amount, 0)).toBe(900_000);
    expect(r.principal.every((l) => l.paid === l.receivable.amount)).toBe(true);
    expect(r.charges.every((c) => c.paid === 0)).toBe(true);
  });

  it('charges as of D = accrual through D − 1, rounded per line, nothing booked', () => {
    const r = allocate({ receivables: lines, payments: [], asOf: '2026-03-15' }, ref);
    // 14 days (03-01 … 03-14): 90M × 14 × 3/10000 = 378,000; 10M → 42,000
    expect(r.charges).toEqual([]);
    expect(r.principal.map((l) => l.accruedAtAsOf)).toEqual([378_000, 42_000]);
    // due on D (2026-02-28) is not yet overdue and accrues nothing
    const onDue = allocate({ receivables: lines, payments: [], asOf: '2026-02-28' }, ref);
    expect(onDue.principal.map((l) => l.accruedAtAsOf)).toEqual([0, 0]);
  });

  it('partial payment: u is constant between events', () => {
    // 2026-03-11: 10 days on 100M → 300,000 booked, then 40M principal pro-rata (36M + 4M)
    // 2026-03-31: 20 days on 60M → 54M×20×3/1e4 = 324,000 + 6M×20×3/1e4 = 36,000 → 360,000
    const r = allocate(
      {
        receivables: lines,
        payments: [pay('2026-03-11', 40_000_000), pay('2026-03-31', 60_000_000)],
        asOf: '2026-03-31',
      },
      ref,
    );
    expect(r.payments[0]!.allocations.map((a) => [a.fund, a.amount])).toEqual([
      ['SI_RETIRE', 36_000_000],
      ['UI', 4_000_000],
    ]);
    expect(r.charges.map((c) => c.amount)).toEqual([270_000, 30_000, 324_000, 36_000]);
    // the 2nd payment: overdue principal 60M first, nothing left for the 300,000 booked charges
    expect(r.payments[1]!.allocations.every((a) => a.kind === 'principal')).toBe(true);
  });

  it('HI is charged only with hiChargeable', () => {
    const hi = [rec('2026-01', 'HI', 10_000_000)];
    const off = allocate(
      { receivables: hi, payments: [pay('2026-03-31', 10_000_000)], asOf: '2026-03-31' },
      ref,
    );
    const on = allocate(
      {
        receivables: hi,
        payments: [pay('2026-03-31', 10_000_000)],
        asOf: '2026-03-31',
        policies: { hiChargeable: true },
      },
      ref,
    );
    expect(off.charges).toEqual([]);
    expect(on.charges.map((c) => [c.tag, c.amount])).toEqual([['HI', 90_000]]);
  });
});

describe('§6 old regime: monthly (P − S) × k on the 1st', () => {
  it('worked example 2020-03-01: 966,600 + 146,490 = 1,113,090', () => {
    // owed on 2020-03-01: SI+UI 200,000,000 of which 100,000,000 for 02/2020 (not yet 2 months late);
    // HI 35,000,000 of which 20,000,000 for 02/2020. The older halves are 01/2020 (due 2020-01-31).
    // SI split 90,000,000 + UI 10,000,000 per month: 90M × 0.9666% = 869,940; 10M × 0.9666% = 96,660
    // → SI+UI 966,600; HI 15,000,000 × 0.9766% = 146,490.
    const receivables = [
      rec('2020-01', 'SI_RETIRE', 90_000_000),
      rec('2020-01', 'UI', 10_000_000),
      rec('2020-01', 'HI', 15_000_000),
      rec('2020-02', 'SI_RETIRE', 90_000_000),
      rec('2020-02', 'UI', 10_000_000),
      rec('2020-02', 'HI', 20_000_000),
    ];
    const r = allocate({ receivables, payments: [], asOf: '2020-03-01' }, ref);
    expect(r.charges.map((c) => [c.tag, c.amount, c.period, c.bookedOn, c.causingPeriod])).toEqual([
      ['SI', 869_940, '2020-03', '2020-03-01', '2020-02'],
      ['UI', 96_660, '2020-03', '2020-03-01', '2020-02'],
      ['HI', 146_490, '2020-03', '2020-03-01', '2020-02'],
    ]);
    expect(r.charges.reduce((s, c) => s + c.amount, 0)).toBe(1_113_090);
  });

  it('a year without a published k: that interest is not booked but reported rate-missing; principal as usual', () => {
    // 01/2021 SI 10,000,000 due 2021-01-31. 2021-02-01: lines due ≤ 2020-12-31 → none.
    // 2021-03-01: lines due ≤ 2021-01-31 → P−S = 10,000,000 on SI; k_SI for 2021 is not entered.
    const receivables = [rec('2021-01', 'SI_RETIRE', 10_000_000)];
    const r = allocate({ receivables, payments: [], asOf: '2021-03-01' }, ref);
    expect(r.charges).toEqual([]);
    expect(r.rateMissing).toEqual([
      {
        kind: 'old-regime-k',
        on: '2021-03-01',
        year: 2021,
        tag: 'SI',
        key: 'SI',
        base: 10_000_000,
        causingPeriod: '2021-02',
      },
    ]);
    // with a (fictional TEST) k of 1.0000% the same run books 100,000 and nothing else changes
    const withK = allocate({ receivables, payments: [], asOf: '2021-03-01' }, refWithFictionalK);
    expect(withK.charges.map((c) => [c.tag, c.amount, c.bookedOn])).toEqual([
      ['SI', 100_000, '2021-03-01'],
    ]);
    expect(withK.rateMissing).toEqual([]);
    expect(r.principal).toEqual(withK.principal);
    // no late principal → no k needed, nothing reported
    const onTime = allocate(
      { receivables, payments: [pay('2021-01-15', 10_000_000)], asOf: '2021-12-31' },
      ref,
    );
    expect(onTime.charges).toEqual([]);
    expect(onTime.rateMissing).toEqual([]);
  });

  it('k is per key: k_SI missing, k_HI entered → the SI and UI interests are reported, HI is booked', () => {
    const onlyHi = buildReferenceData([
      ...files,
      { kind: 'old-regime-k', values: [{ key: 'HI', effectiveFrom: '2021-01-01', value: 12_000 }] },
    ]);
    // 2021-03-01: 01/2021 unpaid: SI_RETIRE 8,000,000, UI 1,000,000, HI 1,000,000
    // HI: 1,000,000 × 1.2000% (fictional TEST k) = 12,000
    const receivables = [
      rec('2021-01', 'SI_RETIRE', 8_000_000),
      rec('2021-01', 'UI', 1_000_000),
      rec('2021-01', 'HI', 1_000_000),
    ];
    const r = allocate({ receivables, payments: [], asOf: '2021-03-31' }, onlyHi);
    expect(r.charges.map((c) => [c.tag, c.amount, c.bookedOn])).toEqual([
      ['HI', 12_000, '2021-03-01'],
    ]);
    expect(r.rateMissing.map((m) => m.kind === 'old-regime-k' && [m.tag, m.key, m.base])).toEqual([
      ['SI', 'SI', 8_000_000],
      ['UI', 'SI', 1_000_000],
    ]);
  });

  it('transition: the 2025-07-01 run charges June 2025, and the daily charge starts the same day', () => {
    // 05/2025 SI 10,000,000 due 2025-05-31, paid 2025-07-11.
    // 2025-07-01 (fictional TEST k 1.0000%): P−S = lines due ≤ 2025-05-31 → 10,000,000 × 1% = 100,000
    // 2025-07-11: daily, days 2025-07-01 … 2025-07-10 = 10 → 10,000,000 × 10 × 3/10000 = 30,000
    const r = allocate(
      {
        receivables: [rec('2025-05', 'SI_RETIRE', 10_000_000)],
        payments: [pay('2025-07-11', 10_000_000)],
        asOf: '2025-08-31',
      },
      refWithFictionalK,
    );
    expect(r.charges.map((c) => [c.regime, c.amount, c.bookedOn])).toEqual([
      ['monthly-interest', 100_000, '2025-07-01'],
      ['daily', 30_000, '2025-07-11'],
    ]);
    // no monthly run after 2025-07-01
    expect(r.charges.some((c) => c.bookedOn === '2025-08-01')).toBe(false);
  });
});

describe('§6 a daily charge rate not entered: the charge is not booked, reported with its base', () => {
  const lines = [rec('2026-01', 'SI_RETIRE', 90_000_000), rec('2026-01', 'UI', 10_000_000)];
  const noDaily = buildReferenceData(files.filter((f) => f.kind !== 'daily-charge-rate'));
  /** TEST-ONLY: the 3 bp rate entered as if from 2026-03-20 only. */
  const lateDaily = buildReferenceData([
    ...files.filter((f) => f.kind !== 'daily-charge-rate'),
    {
      kind: 'daily-charge-rate',
      values: [{ key: 'rate', effectiveFrom: '2026-03-20', value: 3 }],
    },
  ]);

  it('booking: the worked example without any daily rate books nothing and reports u × n per line', () => {
    const input: AllocationInput = {
      receivables: lines,
      payments: [pay('2026-03-31', 100_000_000)],
      asOf: '2026-03-31',
    };
    const r = allocate(input, noDaily);
    expect(r.charges).toEqual([]);
    // 30 days (03-01 … 03-30): 90,000,000 × 30 = 2,700,000,000; 10,000,000 × 30 = 300,000,000 đồng·days
    expect(r.rateMissing).toEqual([
      {
        kind: 'daily-charge-rate',
        on: '2026-03-31',
        stage: 'booking',
        tag: 'SI',
        causingPeriod: '2026-01',
        causingFund: 'SI_RETIRE',
        dongDays: 2_700_000_000,
      },
      {
        kind: 'daily-charge-rate',
        on: '2026-03-31',
        stage: 'booking',
        tag: 'UI',
        causingPeriod: '2026-01',
        causingFund: 'UI',
        dongDays: 300_000_000,
      },
    ]);
    // the payment settles the same principal as with the rate (the charges were unpaid there too)
    const full = allocate(input, ref);
    expect(r.principal).toEqual(full.principal);
    expect(r.payments).toEqual(full.payments);
  });

  it('as of D: the accrual is not reported but its base is', () => {
    const r = allocate({ receivables: lines, payments: [], asOf: '2026-03-15' }, noDaily);
    expect(r.principal.map((l) => l.accruedAtAsOf)).toEqual([0, 0]);
    // 14 days: 90,000,000 × 14 = 1,260,000,000; 10,000,000 × 14 = 140,000,000
    expect(
      r.rateMissing.map((m) => m.kind === 'daily-charge-rate' && [m.stage, m.on, m.dongDays]),
    ).toEqual([
      ['as-of', '2026-03-15', 1_260_000_000],
      ['as-of', '2026-03-15', 140_000_000],
    ]);
  });

  it('a rate entered from a later day: the earlier event books nothing, the later one at that rate', () => {
    // 2026-03-11 (no rate yet): 10 days on 100M not booked (900,000,000 + 100,000,000 đồng·days), then
    // 40M principal 36M + 4M as with the rate; 2026-03-31 (3 bp): 20 days on 60M → 324,000 + 36,000
    const input: AllocationInput = {
      receivables: lines,
      payments: [pay('2026-03-11', 40_000_000), pay('2026-03-31', 60_000_000)],
      asOf: '2026-03-31',
    };
    const r = allocate(input, lateDaily);
    expect(r.charges.map((c) => [c.tag, c.amount, c.bookedOn])).toEqual([
      ['SI', 324_000, '2026-03-31'],
      ['UI', 36_000, '2026-03-31'],
    ]);
    expect(
      r.rateMissing.map((m) => m.kind === 'daily-charge-rate' && [m.on, m.tag, m.dongDays]),
    ).toEqual([
      ['2026-03-11', 'SI', 900_000_000],
      ['2026-03-11', 'UI', 100_000_000],
    ]);
    expect(r.principal).toEqual(allocate(input, ref).principal);
  });

  it('old-regime history needs no daily rate at all', () => {
    // 05/2020 SI 10,000,000 due 2020-05-31, paid 2020-06-10: no 1st of month with it 2 months late
    const r = allocate(
      {
        receivables: [rec('2020-05', 'SI_RETIRE', 10_000_000)],
        payments: [pay('2020-06-10', 10_000_000)],
        asOf: '2020-12-31',
      },
      noDaily,
    );
    expect(r.charges).toEqual([]);
    expect(r.rateMissing).toEqual([]);
    expect(r.principal[0]!.paid).toBe(10_000_000);
  });
});

describe('§5 allocation', () => {
  // two periods overdue (2026-01 due 02-28, 2026-02 due 03-31), and 2026-03 (due 04-30) existing not due
  const receivables = [
    rec('2026-01', 'SI_RETIRE', 10_000_000),
    rec('2026-02', 'SI_RETIRE', 10_000_000),
    rec('2026-03', 'SI_RETIRE', 10_000_000),
  ];
  const run = (policy: AllocationPolicy, payments: PaymentInput[], asOf = '2026-04-30') =>
    allocate({ receivables, payments, asOf, policies: { allocation: policy } }, ref);

  it('overdue-first: overdue principal, then booked charges, then not-yet-due principal, then credit', () => {
    // 2026-04-10: 01/2026 late 03-01…04-09 = 40 days → 10M×40×3/1e4 = 120,000; 02/2026 late 04-01…04-09 = 9 → 27,000
    const r = run('overdue-first', [pay('2026-04-10', 35_000_000)]);
    const a = r.payments[0]!.allocations.map((x) => [x.period, x.kind, x.amount]);
    expect(a).toEqual([
      ['2026-01', 'principal', 10_000_000],
      ['2026-02', 'principal', 10_000_000],
      ['2026-04', 'charge', 120_000],
      ['2026-04', 'charge', 27_000],
      ['2026-03', 'principal', 10_000_000],
    ]);
    // 35,000,000 − 30,147,000 = 4,853,000 credit
    expect(r.payments[0]!.toCredit).toBe(4_853_000);
    expect(r.credit).toBe(4_853_000);
  });

  it('principal-fifo: all existing principal, then charges', () => {
    const r = run('principal-fifo', [pay('2026-04-10', 30_100_000)]);
    expect(r.payments[0]!.allocations.map((x) => [x.kind, x.amount])).toEqual([
      ['principal', 10_000_000],
      ['principal', 10_000_000],
      ['principal', 10_000_000],
      ['charge', 100_000],
    ]);
  });

  it('charges-first: charges, then principal oldest due first', () => {
    const r = run('charges-first', [pay('2026-04-10', 1_147_000)]);
    expect(r.payments[0]!.allocations.map((x) => [x.period, x.kind, x.amount])).toEqual([
      ['2026-04', 'charge', 120_000],
      ['2026-04', 'charge', 27_000],
      ['2026-01', 'principal', 1_000_000],
    ]);
  });

  it('pro-rata within a period by largest remainder in fund order', () => {
    // 2026-01 lines 3 / 22 / 0.5 / 4.5 / 2 of a 10,000,000 base; pay 1,000,001 on 2026-01-20 (not due)
    const base = [
      rec('2026-01', 'SI_SICK', 300_000),
      rec('2026-01', 'SI_RETIRE', 2_200_000),
      rec('2026-01', 'SI_OA', 50_000),
      rec('2026-01', 'HI', 450_000),
      rec('2026-01', 'UI', 200_000),
    ];
    const r = allocate(
      { receivables: base, payments: [pay('2026-01-20', 1_000_001)], asOf: '2026-01-31' },
      ref,
    );
    // total 3,200,000; exact shares: 93,750.3125 / 687,500.6875 / 15,625.015625 / 140,625.140625 / 62,500.0625
    // floors sum 1,000,000; the 1 left goes to the largest remainder, SI_RETIRE (.6875)
    expect(r.payments[0]!.allocations.map((x) => x.amount)).toEqual([
      93_750, 687_501, 15_625, 140_625, 62_500,
    ]);
  });

  it('money before a period exists is a credit that settles it on the 1st; credits never settle charges', () => {
    const r = allocate(
      {
        receivables: [rec('2026-02', 'SI_RETIRE', 10_000_000)],
        payments: [pay('2026-01-20', 12_000_000)],
        asOf: '2026-02-15',
      },
      ref,
    );
    expect(r.payments[0]!.toCredit).toBe(12_000_000);
    expect(r.creditApplications).toEqual([
      {
        date: '2026-02-01',
        allocations: [
          {
            period: '2026-02',
            fund: 'SI_RETIRE',
            kind: 'principal',
            amount: 10_000_000,
            lineId: 't:2026-02:SI_RETIRE',
          },
        ],
      },
    ]);
    expect(r.credit).toBe(2_000_000);
    expect(r.principal[0]!.paidByDue).toBe(10_000_000);
  });

  it('same value date: payments one at a time in bank-reference order', () => {
    const r = allocate(
      {
        receivables: [rec('2026-01', 'SI_RETIRE', 10_000_000)],
        payments: [pay('2026-01-10', 7_000_000, 'REF-B'), pay('2026-01-10', 5_000_000, 'REF-A')],
        asOf: '2026-01-31',
      },
      ref,
    );
    expect(
      r.payments.map((p) => [p.payment.bankRef, p.allocations[0]?.amount ?? 0, p.toCredit]),
    ).toEqual([
      ['REF-A', 5_000_000, 0],
      ['REF-B', 5_000_000, 2_000_000],
    ]);
  });

  it('refuses negative payments', () => {
    expect(() =>
      allocate({ receivables: [], payments: [pay('2026-01-01', -1)], asOf: '2026-01-31' }, ref),
    ).toThrow(DomainError);
  });
});

// ---------- properties ----------
const FUNDS: FundKey[] = ['SI_SICK', 'SI_RETIRE', 'SI_OA', 'HI', 'UI'];
const periodArb = fc.integer({ min: 0, max: 17 }).map((i) => {
  const idx = 2025 * 12 + 6 + i; // 2025-07 …
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
});
const dateArb = fc
  .integer({ min: 0, max: 640 })
  .map((n) => new Date(Date.UTC(2025, 5, 1) + n * 86_400_000).toISOString().slice(0, 10));
const recArb = fc.uniqueArray(
  fc.record({
    period: periodArb,
    fund: fc.constantFrom(...FUNDS),
    amount: fc.integer({ min: 0, max: 80_000_000 }),
  }),
  { selector: (r) => `${r.period}|${r.fund}`, maxLength: 20 },
);
const payArb = fc.uniqueArray(
  fc.record({
    valueDate: dateArb,
    amount: fc.integer({ min: 0, max: 150_000_000 }),
    bankRef: fc.string({ minLength: 1, maxLength: 6 }),
  }),
  { selector: (p) => p.bankRef, maxLength: 12 },
);
const policyArb = fc.constantFrom<AllocationPolicy>(
  'overdue-first',
  'principal-fifo',
  'charges-first',
);
const toInput = (
  rs: { period: string; fund: FundKey; amount: number }[],
  ps: PaymentInput[],
  asOf: string,
  policy: AllocationPolicy,
  hi: boolean,
): AllocationInput => ({
  receivables: rs.map((r) => rec(r.period, r.fund, r.amount)),
  payments: ps,
  asOf,
  policies: { allocation: policy, hiChargeable: hi },
});

describe('allocation properties', () => {
  it('conserves money: principal + charges allocated + credit = paid; never over-allocates', () => {
    fc.assert(
      fc.property(recArb, payArb, dateArb, policyArb, fc.boolean(), (rs, ps, asOf, policy, hi) => {
        const r = allocate(toInput(rs, ps, asOf, policy, hi), ref);
        const paid = ps.filter((p) => p.valueDate <= asOf).reduce((s, p) => s + p.amount, 0);
        const principal = r.principal.reduce((s, l) => s + l.paid, 0);
        const charges = r.charges.reduce((s, c) => s + c.paid, 0);
        expect(principal + charges + r.credit).toBe(paid);
        const viaParts =
          r.payments.reduce((s, p) => s + p.allocations.reduce((t, a) => t + a.amount, 0), 0) +
          r.creditApplications.reduce(
            (s, c) => s + c.allocations.reduce((t, a) => t + a.amount, 0),
            0,
          );
        expect(viaParts).toBe(principal + charges);
        for (const l of r.principal) {
          expect(l.paid).toBeGreaterThanOrEqual(0);
          expect(l.paid).toBeLessThanOrEqual(l.receivable.amount);
          expect(l.paidByDue).toBeLessThanOrEqual(l.paid);
        }
        for (const c of r.charges) {
          expect(c.amount).toBeGreaterThan(0);
          expect(c.paid).toBeLessThanOrEqual(c.amount);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('same result for any input order, and re-running gives the same result', () => {
    fc.assert(
      fc.property(
        recArb,
        payArb,
        dateArb,
        policyArb,
        fc.integer(),
        (rs, ps, asOf, policy, seed) => {
          const a = allocate(toInput(rs, ps, asOf, policy, false), ref);
          const shuffle = <T>(xs: T[]) => {
            const out = [...xs];
            let s = seed;
            for (let i = out.length - 1; i > 0; i--) {
              s = (s * 1103515245 + 12345) & 0x7fffffff;
              const j = s % (i + 1);
              [out[i], out[j]] = [out[j]!, out[i]!];
            }
            return out;
          };
          const b = allocate(toInput(shuffle(rs), shuffle(ps), asOf, policy, false), ref);
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
          expect(JSON.stringify(allocate(toInput(rs, ps, asOf, policy, false), ref))).toBe(
            JSON.stringify(a),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('charges are never negative and never decrease as D advances without payments', () => {
    fc.assert(
      fc.property(
        recArb,
        payArb,
        dateArb,
        fc.integer({ min: 1, max: 120 }),
        policyArb,
        (rs, ps, d1, step, policy) => {
          const d2 = new Date(Date.parse(`${d1}T00:00:00Z`) + step * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const before = ps.filter((p) => p.valueDate <= d1);
          const total = (asOf: string) => {
            const r = allocate(toInput(rs, before, asOf, policy, false), ref);
            const booked = r.charges.reduce((s, c) => s + c.amount, 0);
            const accrued = r.principal.reduce((s, l) => s + l.accruedAtAsOf, 0);
            for (const l of r.principal) expect(l.accruedAtAsOf).toBeGreaterThanOrEqual(0);
            return booked + accrued;
          };
          const c1 = total(d1);
          const c2 = total(d2);
          expect(c1).toBeGreaterThanOrEqual(0);
          expect(c2).toBeGreaterThanOrEqual(c1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
