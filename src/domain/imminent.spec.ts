import fc from 'fast-check';
import type { AllocationPolicy, PaymentInput } from './allocation.js';
import { addDays, daysBetween } from './dates.js';
import { evaluateImminent } from './imminent.js';
import { computeLedger, type EmployerProfile, type LedgerInput } from './ledger.js';
import type { LedgerLineInput } from './receivables.js';
import { testRef as ref } from './reference.fixture.spec.js';

const employer: EmployerProfile = {
  unitCode: 'TC0001C',
  cycle: 'monthly',
  status: 'active',
  oaRate: 'standard',
  region: 'I',
};

/** One period of 10,000,000: SI_RETIRE 8,000,000 + HI 1,500,000 + UI 500,000. */
const period = (p: string): LedgerLineInput[] => [
  { period: p, fund: 'SI_RETIRE', amount: 8_000_000 },
  { period: p, fund: 'HI', amount: 1_500_000 },
  { period: p, fund: 'UI', amount: 500_000 },
];

// Monthly payer, new regime (due the last day of the following month). 2026-02 (due 03-31) paid on
// 03-20; 2026-03 (due 04-30) and 2026-04 (due 05-31) unpaid; 2026-05 falls due on 06-30.
// D = 2026-06-15: the walk counts 2026-04, 2026-03, then 2026-02 is paid → 2 months.
// Horizon D + 31 = 2026-07-16: 2026-05 is overdue too → 3 months (prolonged) from 2026-07-01.
const D = '2026-06-15';
const input: LedgerInput = {
  employer,
  ledgerLines: ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].flatMap(period),
  payments: [{ valueDate: '2026-03-20', amount: 10_000_000, bankRef: 'A' }],
};

const months = (i: LedgerInput, asOf: string, allocation: AllocationPolicy = 'overdue-first') =>
  computeLedger(i, asOf, { allocation }, ref).monthsOfDebtMilli;
const payingOn = (i: LedgerInput, valueDate: string, amount: number): LedgerInput => ({
  ...i,
  payments: [...(i.payments ?? []), { valueDate, amount, bankRef: 'X' }],
});

describe('PROLONGED_IMMINENT (§9 early warning)', () => {
  it('raised at 2 unpaid months whose third falls due within the horizon; evidence checked by hand', () => {
    expect(evaluateImminent(input, D, {}, ref)).toEqual({
      monthsOfDebtMilli: 2000,
      horizon: '2026-07-16',
      monthsOfDebtAtHorizonMilli: 3000,
      prolongedOn: '2026-07-01', // 2026-05's due date 06-30 + 1
      // A payment on 06-16 goes (overdue-first) to the oldest overdue period, 2026-03, before any charge.
      // At the horizon the walk is 2026-05 (1) + 2026-04 (1) + u / 10,000,000 with u = 10,000,000 − A,
      // in thousandths 2000 + round_half_up(u / 10,000) < 3000 ⇔ u / 10,000 < 999.5 ⇔ u < 9,995,000
      // ⇔ A > 5,000: 5,001 keeps 2.999; 5,000 leaves 9,995,000 → 999.5 → 1000 → 3.000.
      preventingAmount: 5_001,
    });
    const flag = computeLedger(input, D, {}, ref).flags.find(
      (f) => f.code === 'PROLONGED_IMMINENT',
    );
    expect(flag).toEqual({
      code: 'PROLONGED_IMMINENT',
      severity: 'low',
      evidence: {
        monthsOfDebt: 2,
        monthsOfDebtAtHorizon: 3,
        horizon: '2026-07-16',
        prolongedOn: '2026-07-01',
        preventingAmount: 5_001,
      },
      // 20,000,000 overdue × (1 + 2/3) = 33,333,333.33 → 33,333,333
      riskScore: 33_333_333,
    });
  });

  it('is the ledger itself as of the later dates; the amount is minimal (amount keeps < 3, amount − 1 does not)', () => {
    expect(months(input, '2026-07-16')).toBe(3000);
    expect(months(input, '2026-06-30')).toBe(2000);
    expect(months(input, '2026-07-01')).toBe(3000);
    expect(months(payingOn(input, '2026-06-16', 5_001), '2026-07-16')).toBe(2999);
    expect(months(payingOn(input, '2026-06-16', 5_000), '2026-07-16')).toBe(3000);
  });

  it('the preventing amount follows the allocation policy in force', () => {
    // charges-first: the 06-16 event first books the daily charges (0.03 %/day on SI + UI, HI not
    // chargeable), each line through 06-15:
    //   2026-03 (late from 05-01, 46 days): 8,000,000 × 46 × 3 / 10,000 = 110,400; 500,000 × 46 × 3 / 10,000 = 6,900
    //   2026-04 (late from 06-01, 15 days): 8,000,000 × 15 × 3 / 10,000 = 36,000;  500,000 × 15 × 3 / 10,000 = 2,250
    // = 155,550 paid first, then 5,001 of 2026-03 as above → 160,551.
    const cf = evaluateImminent(input, D, { allocation: 'charges-first' }, ref)!;
    expect(cf.preventingAmount).toBe(160_551);
    expect(months(payingOn(input, '2026-06-16', 160_551), '2026-07-16', 'charges-first')).toBe(
      2999,
    );
    expect(months(payingOn(input, '2026-06-16', 160_550), '2026-07-16', 'charges-first')).toBe(
      3000,
    );
    // principal-fifo: principal oldest first, so 2026-03 again → 5,001.
    expect(
      evaluateImminent(input, D, { allocation: 'principal-fifo' }, ref)!.preventingAmount,
    ).toBe(5_001);
  });

  it('not raised when a payment by D covers it; a payment after D does not count', () => {
    // 10,000,000 on 06-10 settles 2026-03 (the oldest overdue): D walk 2026-04 (1), 2026-03 paid → 1;
    // horizon 2026-05 + 2026-04 = 2.
    const covered = payingOn(input, '2026-06-10', 10_000_000);
    expect(evaluateImminent(covered, D, {}, ref)).toBeNull();
    expect(computeLedger(covered, D, {}, ref).flags.map((f) => f.code)).not.toContain(
      'PROLONGED_IMMINENT',
    );
    expect(months(covered, '2026-07-16')).toBe(2000);
    // The same money on 06-20 is after D: "if nothing more is paid after D".
    expect(evaluateImminent(payingOn(input, '2026-06-20', 10_000_000), D, {}, ref)).toMatchObject({
      monthsOfDebtAtHorizonMilli: 3000,
      preventingAmount: 5_001,
    });
  });

  it('not raised when already prolonged: that is PROLONGED_ARREARS', () => {
    // D 2026-07-05: 2026-05, 2026-04, 2026-03 overdue and unpaid → 3 months.
    expect(evaluateImminent(input, '2026-07-05', {}, ref)).toBeNull();
    expect(
      computeLedger(input, '2026-07-05', {}, ref).flags.map((f) => [f.code, f.severity]),
    ).toEqual([
      ['PROLONGED_ARREARS', 'medium'],
      ['REPEAT_LATE', 'low'],
    ]);
  });

  it('the horizon is a flag threshold (default 31 days)', () => {
    // D + 15 = 06-30: 2026-05 is due that day, not overdue → 2 months. D + 16 = 07-01 → 3.
    expect(evaluateImminent(input, D, {}, ref, { imminentHorizonDays: 15 })).toBeNull();
    expect(evaluateImminent(input, D, {}, ref, { imminentHorizonDays: 16 })).toMatchObject({
      horizon: '2026-07-01',
      prolongedOn: '2026-07-01',
    });
    const flags = computeLedger(
      input,
      D,
      { flagThresholds: { imminentHorizonDays: 15 } },
      ref,
    ).flags;
    expect(flags.map((f) => f.code)).toEqual(['REPEAT_LATE']);
  });

  it('a quarterly payer with nothing overdue at D: a whole quarter falling due counts 3 months at once', () => {
    // Q1 2026 (due 04-30) unpaid; D 2026-04-15: nothing overdue (0 months, no overdue principal), so a
    // gate such as "months at D ≥ 1" would miss it. Horizon 05-16: 2026-03, -02, -01 → 3 from 05-01.
    // A payment on 04-16 meets no overdue principal and no charge, then settles the quarter's principal,
    // oldest period first (§5): 2026-01 partly → 2 + u / 10,000,000 as above → 5,001.
    const quarterly: LedgerInput = {
      employer: { ...employer, cycle: 'quarterly' },
      ledgerLines: ['2026-01', '2026-02', '2026-03'].flatMap(period),
    };
    expect(computeLedger(quarterly, '2026-04-15', {}, ref).totals.overduePrincipal).toBe(0);
    expect(evaluateImminent(quarterly, '2026-04-15', {}, ref)).toEqual({
      monthsOfDebtMilli: 0,
      horizon: '2026-05-16',
      monthsOfDebtAtHorizonMilli: 3000,
      prolongedOn: '2026-05-01',
      preventingAmount: 5_001,
    });
  });

  it('roster lines with no to-month continue to the horizon (old regime, 2020)', () => {
    // Two persons at 5,000,000 in region I from 2020-01: 10,000,000 × 32 % = 3,200,000 a month, due the
    // last day of the same month (old regime). 01 and 02 paid on time; D 2020-05-31: 04 and 03 overdue
    // (05 is due on D) → 2. Horizon 2020-07-01: 2020-06 (assessed only because the roster continues
    // past D's month, due 06-30) + 05 + 04 + 03 → 4; 3 already from 06-01.
    // A payment on 06-01 (after that day's old-regime interest; overdue-first) settles 03 (3,200,000),
    // then 04: walk 06 (1) + 05 (1) + u / 3,200,000; 1000 u / 3,200,000 < 999.5 ⇔ u < 3,198,400 ⇔
    // 04 paid > 1,600 → 3,200,000 + 1,601 = 3,201,601.
    const roster: LedgerInput = {
      employer,
      rosterLines: ['0000000001', '0000000002'].map((siNumber) => ({
        siNumber,
        salary: 5_000_000,
        fromMonth: '2020-01',
      })),
      payments: [
        { valueDate: '2020-01-20', amount: 3_200_000, bankRef: 'A' },
        { valueDate: '2020-02-20', amount: 3_200_000, bankRef: 'B' },
      ],
    };
    expect(computeLedger(roster, '2020-05-31', {}, ref).monthsOfDebtMilli).toBe(2000);
    expect(evaluateImminent(roster, '2020-05-31', {}, ref)).toEqual({
      monthsOfDebtMilli: 2000,
      horizon: '2020-07-01',
      monthsOfDebtAtHorizonMilli: 4000,
      prolongedOn: '2020-06-01',
      preventingAmount: 3_201_601,
    });
    expect(months(payingOn(roster, '2020-06-01', 3_201_601), '2020-07-01')).toBe(2999);
    expect(months(payingOn(roster, '2020-06-01', 3_201_600), '2020-07-01')).toBe(3000);

    // 03 paid too: 1 month at D (04); at the horizon 06 + 05 + 04 = 3, reached only because 2020-06, a
    // month after D's, is assessed from the open-ended lines — from 07-01 (06's due date 06-30 + 1).
    // 06-01: 04 is the oldest overdue → 1,601 as above.
    const paid03 = payingOn(roster, '2020-03-20', 3_200_000);
    expect(evaluateImminent(paid03, '2020-05-31', {}, ref)).toEqual({
      monthsOfDebtMilli: 1000,
      horizon: '2020-07-01',
      monthsOfDebtAtHorizonMilli: 3000,
      prolongedOn: '2020-07-01',
      preventingAmount: 1_601,
    });
  });

  it("a payment that can only act as a credit (none of the horizon's debt exists on D + 1)", () => {
    // Three adjustments of 2,000,000 of 2026-07, -08, -09, each due 2026-09-05 on its own due date column;
    // horizon 90 days: D 2026-06-15 → 2026-09-13, all three overdue → 3 from 09-06. A payment on 06-16
    // meets nothing: it is a credit that settles 2026-07 on 07-01 (then -08 on 08-01, -09 on 09-01).
    // Walk at the horizon: 09 (1) + 08 (1) + u / 2,000,000; 1000 u / 2,000,000 < 999.5 ⇔ u < 1,999,000
    // ⇔ 2026-07 paid > 1,000 → 1,001.
    const adjustments: LedgerInput = {
      employer,
      ledgerLines: ['2026-07', '2026-08', '2026-09'].map((p) => ({
        period: p,
        fund: 'SI_RETIRE' as const,
        amount: 2_000_000,
        reason: 'truy thu',
        dueDate: '2026-09-05',
      })),
    };
    expect(evaluateImminent(adjustments, D, {}, ref, { imminentHorizonDays: 90 })).toEqual({
      monthsOfDebtMilli: 0,
      horizon: '2026-09-13',
      monthsOfDebtAtHorizonMilli: 3000,
      prolongedOn: '2026-09-06',
      preventingAmount: 1_001,
    });
    expect(months(payingOn(adjustments, '2026-06-16', 1_001), '2026-09-13')).toBe(2999);
    expect(months(payingOn(adjustments, '2026-06-16', 1_000), '2026-09-13')).toBe(3000);
  });

  it('not raised for an employer hard to collect (its debt is never classed prolonged)', () => {
    const gone = { ...input, employer: { ...employer, status: 'absconded' as const } };
    expect(evaluateImminent(gone, D, {}, ref)).toBeNull();
  });

  it('a horizon needing an old-regime k not entered yet still evaluates the warning (§6: the charge is reported missing, the principal computed as usual)', () => {
    // Old law: 2020-10 due 10-31, 2020-11 due 11-30, 2020-12 due 12-31 (§4). At D 2020-12-15 2020-10 and
    // 2020-11 are unpaid (2 months); the horizon 2021-01-15 crosses 2021-01-01, whose interest needs k for
    // 2021 (not in the reference data): that interest is not booked (rate missing) and months of debt,
    // which read principal only, reach 3 when 2020-12 is overdue, on 2021-01-01.
    const late: LedgerInput = {
      employer,
      ledgerLines: ['2020-10', '2020-11', '2020-12'].flatMap(period),
    };
    const l = computeLedger(late, '2020-12-15', {}, ref);
    expect(l.monthsOfDebtMilli).toBe(2000);
    expect(l.flags.map((f) => f.code)).toContain('PROLONGED_IMMINENT');
    expect(computeLedger(late, '2021-01-15', {}, ref).rateMissing.length).toBeGreaterThan(0);
    expect(evaluateImminent(late, '2020-12-15', {}, ref)).toEqual({
      monthsOfDebtMilli: 2000,
      horizon: '2021-01-15',
      monthsOfDebtAtHorizonMilli: 3000,
      prolongedOn: '2021-01-01',
      // As in the first case: a payment on 12-16 goes to 2020-10's principal first (overdue-first); the
      // walk at the horizon is 1 + 1 + (10,000,000 − A) / 10,000,000, below 3 (3 decimals) iff A > 5,000.
      preventingAmount: 5_001,
    });
  });

  it('property: never missed, first day exact, amount minimal — against the ledger as of each later day', () => {
    const periods = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            period: fc.constantFrom(...periods),
            fund: fc.constantFrom('SI_RETIRE', 'HI', 'UI') as fc.Arbitrary<
              'SI_RETIRE' | 'HI' | 'UI'
            >,
            amount: fc.integer({ min: 1, max: 20_000_000 }),
          }),
          { selector: (x) => x.period + x.fund, minLength: 3, maxLength: 12 },
        ),
        fc.array(
          fc.record({
            valueDate: fc.constantFrom('2026-01-10', '2026-02-27', '2026-04-02', '2026-05-31'),
            amount: fc.integer({ min: 1, max: 30_000_000 }),
            bankRef: fc.constantFrom('A', 'B', 'C'),
          }),
          { maxLength: 3 },
        ),
        fc.constantFrom('2026-04-10', '2026-05-20', '2026-06-15', '2026-06-29'),
        fc.constantFrom('monthly', 'quarterly') as fc.Arbitrary<'monthly' | 'quarterly'>,
        fc.constantFrom(
          'overdue-first',
          'principal-fifo',
          'charges-first',
        ) as fc.Arbitrary<AllocationPolicy>,
        (ledgerLines, payments, asOf, cycle, allocation) => {
          const i: LedgerInput = { employer: { ...employer, cycle }, ledgerLines, payments };
          // The ledger as of x ≥ D when nothing more is paid after D (but `extra`).
          const byD = payments.filter((p) => p.valueDate <= asOf);
          const m = (x: string, extra: PaymentInput[] = []) =>
            months({ ...i, payments: [...byD, ...extra] }, x, allocation);
          const found = evaluateImminent(i, asOf, { allocation }, ref);
          const flagged = computeLedger(i, asOf, { allocation }, ref).flags.some(
            (f) => f.code === 'PROLONGED_IMMINENT',
          );
          expect(flagged).toBe(found !== null);
          const horizon = addDays(asOf, 31);
          if (!found) {
            if (m(asOf) < 3000) expect(m(horizon)).toBeLessThan(3000);
            return;
          }
          expect(m(asOf)).toBe(found.monthsOfDebtMilli);
          expect(m(horizon)).toBe(found.monthsOfDebtAtHorizonMilli);
          expect(m(found.prolongedOn)).toBeGreaterThanOrEqual(3000);
          for (let k = 1; k < daysBetween(asOf, found.prolongedOn); k++) {
            expect(m(addDays(asOf, k))).toBeLessThan(3000);
          }
          const pay = (amount: number) => [{ valueDate: addDays(asOf, 1), amount, bankRef: 'P' }];
          const a = found.preventingAmount!;
          expect(m(horizon, pay(a))).toBeLessThan(3000);
          expect(m(horizon, pay(a - 1))).toBeGreaterThanOrEqual(3000);
        },
      ),
      { numRuns: 80 },
    );
  });
});
