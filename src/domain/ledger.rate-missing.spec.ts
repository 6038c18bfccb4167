/**
 * §6 "A k not yet known": a 24-month ledger, 2024-07 … 2026-06, crossing the 2025-07-01 law change,
 * computed with every k it needs and again without 2024's k_SI. Every figure is derived by hand in the
 * comments; none was copied from the code's output.
 *
 * Employer TC0001C, monthly, region I, OA standard, active. Agency ledger: every month
 * SI_RETIRE 8,000,000 + HI 1,000,000 + UI 1,000,000 = 10,000,000 (pro-rata 8 : 1 : 1).
 * Due dates (§4): through 2025-06 the last day of the month; from 2025-07 the last day of the next.
 * Policy overdue-first, hiChargeable false.
 *
 * TEST-ONLY k values (fictional, not reference data): 2024 k_SI 1.0000 % (10,000), k_HI 1.2000 %
 * (12,000); 2025 k_SI 0.9000 % (9,000), k_HI 1.1000 % (11,000). The "missing" reference data is the
 * same without 2024's k_SI.
 *
 * What "unchanged" means. An unbooked interest is money the employer does not owe in this computation,
 * so it changes nothing that is computed from principal until a payment would have paid it: under
 * overdue-first a payment pays overdue principal, then booked charges, then principal not yet due, then
 * credit. In scenario 1 every payment after the interest is at most the overdue principal of its day, so
 * no payment ever reaches a charge: all principal figures are identical and only the charge lines,
 * charge totals and the booking month's charge differ, by exactly the interest. In scenario 2 one more
 * payment covers every booked charge: it pays the missing interest's 90,000 less in charges and so
 * 90,000 more to the next principal in due order (2026-05, due on D); everything before it is identical,
 * and so is everything computed from overdue principal at D, since 2026-05 is not overdue on D.
 */
import { referenceFixture } from './reference.fixture.spec.js';
import type { PaymentInput } from './allocation.js';
import { periodRange } from './dates.js';
import { computeLedger, type Ledger, type LedgerInput } from './ledger.js';
import { buildReferenceData } from './reference-data.js';

const k = (key: 'SI' | 'HI', year: number, value: number) => ({
  key,
  effectiveFrom: `${year}-01-01`,
  value,
});
const kFull = [
  k('SI', 2024, 10_000),
  k('HI', 2024, 12_000),
  k('SI', 2025, 9_000),
  k('HI', 2025, 11_000),
];
const fullRef = buildReferenceData([...referenceFixture, { kind: 'old-regime-k', values: kFull }]);
const missingRef = buildReferenceData([
  ...referenceFixture,
  {
    kind: 'old-regime-k',
    values: kFull.filter((v) => !(v.key === 'SI' && v.effectiveFrom === '2024-01-01')),
  },
]);
const noKRef = buildReferenceData(referenceFixture.filter((f) => f.kind !== 'old-regime-k'));

const employer = {
  unitCode: 'TC0001C',
  cycle: 'monthly',
  status: 'active',
  oaRate: 'standard',
  region: 'I',
} as const;
const monthly = (from: string, to: string) =>
  periodRange(from, to).flatMap((period) => [
    { period, fund: 'SI_RETIRE' as const, amount: 8_000_000 },
    { period, fund: 'HI' as const, amount: 1_000_000 },
    { period, fund: 'UI' as const, amount: 1_000_000 },
  ]);
const pay = (valueDate: string, amount: number, bankRef: string): PaymentInput => ({
  valueDate,
  amount,
  bankRef,
});

/*
 * Payments (each after 2024-12-01 is exactly or at most the overdue principal of its day):
 *   P01 2024-07-25, P02 2024-08-30, P03 2024-09-30 (on the due date): 10,000,000 each, on time.
 *   2024-10 and 2024-11 are left unpaid.
 *   2024-12-01 interest: lines due ≤ 2024-10-31 unpaid = 2024-10: SI 8,000,000 × 1 % = 80,000;
 *     UI 1,000,000 × 1 % = 10,000; HI 1,000,000 × 1.2 % = 12,000. (2024-11-01: due ≤ 09-30 all paid.)
 *   P04 2024-12-10 20,000,000 = overdue 2024-10 + 2024-11 (2024-12 due 12-31).
 *   2025-01-01: due ≤ 2024-11-30 → nothing. 2025-02-01: 2024-12 → 72,000 + 9,000 + 11,000.
 *   2025-03-01: 2024-12 + 2025-01 → 144,000 + 18,000 + 22,000.
 *   P05 2025-03-15 30,000,000 = overdue 2024-12, 2025-01, 2025-02 (due 02-28).
 *   2025-04-01: nothing. 2025-05-01: 2025-03 → 92,000. 2025-06-01: 2025-03, 04 → 184,000.
 *   2025-07-01 (the last run): 2025-03, 04, 05 → 216,000 + 27,000 + 33,000 = 276,000.
 *   P06 2025-07-20 40,000,000 = overdue 2025-03 … 2025-06. Daily, from 2025-07-01, 19 days, each of the
 *     four periods: SI 8,000,000 × 19 × 3/1e4 = 45,600, UI 5,700 → 4 × 51,300 = 205,200.
 *   P07 2025-11-10 30,000,000 = overdue 2025-07 (due 08-31), 08 (09-30), 09 (10-31). Daily:
 *     2025-07 09-01 … 11-09 = 70 days → 168,000 + 21,000; 2025-08 40 days → 96,000 + 12,000;
 *     2025-09 9 days → 21,600 + 2,700.   Σ 321,300
 *   P08 2026-03-05 35,000,000 of overdue 40,000,000 (2025-10 … 2026-01): three months in full, 2026-01
 *     5,000,000 as 4,000,000 / 500,000 / 500,000. Daily: 2025-10 12-01 … 03-04 = 94 days → 225,600 +
 *     28,200; 2025-11 63 days → 151,200 + 18,900; 2025-12 32 days → 76,800 + 9,600; 2026-01 4 days →
 *     9,600 + 1,200.   Σ 521,100
 * Booked interest 102,000 + 92,000 + 184,000 + 92,000 + 184,000 + 276,000 = 930,000; daily 205,200 +
 * 321,300 + 521,100 = 1,047,600; all charges 1,977,600 (without 2024's k_SI: 1,887,600). None is paid.
 */
const payments1 = [
  pay('2024-07-25', 10_000_000, 'P01'),
  pay('2024-08-30', 10_000_000, 'P02'),
  pay('2024-09-30', 10_000_000, 'P03'),
  pay('2024-12-10', 20_000_000, 'P04'),
  pay('2025-03-15', 30_000_000, 'P05'),
  pay('2025-07-20', 40_000_000, 'P06'),
  pay('2025-11-10', 30_000_000, 'P07'),
  pay('2026-03-05', 35_000_000, 'P08'),
];
const input1: LedgerInput = {
  employer,
  ledgerLines: monthly('2024-07', '2026-06'),
  payments: payments1,
  reminderDates: ['2026-05-15'],
};
const D = '2026-06-30';

/** The missing interest: booked with the k, reported without it. */
const missingInterest = [
  {
    kind: 'old-regime-k',
    on: '2024-12-01',
    year: 2024,
    tag: 'SI',
    key: 'SI',
    base: 8_000_000,
    causingPeriod: '2024-11',
  },
  {
    kind: 'old-regime-k',
    on: '2024-12-01',
    year: 2024,
    tag: 'UI',
    key: 'SI',
    base: 1_000_000,
    causingPeriod: '2024-11',
  },
];

/** Everything of a ledger but its charges and what is computed from them. */
function principalSide(l: Ledger) {
  const {
    charges: _c,
    rateMissing: _r,
    missingReference: _m,
    totals: { chargesBooked: _b, chargesUnpaid: _u, chargesBookedUnpaid: _bu, ...totals },
    periods,
    ...rest
  } = l;
  return { ...rest, totals, periods: periods.map(({ charge: _charge, ...p }) => p) };
}

describe('§6 a missing k, scenario 1: no payment reaches the charges', () => {
  const full = computeLedger(input1, D, {}, fullRef);
  const missing = computeLedger(input1, D, {}, missingRef);

  it('the 2024-12-01 SI and UI interests are not booked but reported rate-missing with their base', () => {
    expect(full.rateMissing).toEqual([]);
    expect(full.missingReference).toEqual([]);
    expect(missing.rateMissing).toEqual(missingInterest);
    expect(missing.missingReference).toEqual([{ kind: 'old-regime-k', key: 'SI', year: 2024 }]);
    // with the k: 8,000,000 × 1 % = 80,000 and 1,000,000 × 1 % = 10,000 on 2024-12-01
    const interest = (l: Ledger) =>
      l.charges
        .filter((c) => c.bookedOn === '2024-12-01')
        .map((c) => [c.id, c.tag, c.amount, c.causingPeriod]);
    expect(interest(full)).toEqual([
      ['interest:2024-12:SI', 'SI', 80_000, '2024-11'],
      ['interest:2024-12:UI', 'UI', 10_000, '2024-11'],
      ['interest:2024-12:HI', 'HI', 12_000, '2024-11'],
    ]);
    // k_HI 2024 is entered: the HI interest is booked in both
    expect(interest(missing)).toEqual([['interest:2024-12:HI', 'HI', 12_000, '2024-11']]);
  });

  it('every other charge line is the same; the 2024-12 booking month shows 12,000 instead of 102,000', () => {
    const dropped = new Set(['interest:2024-12:SI', 'interest:2024-12:UI']);
    expect(missing.charges).toEqual(full.charges.filter((c) => !dropped.has(c.id)));
    expect(full.charges.reduce((s, c) => s + c.amount, 0)).toBe(1_977_600);
    const charge = (l: Ledger, p: string) => l.periods.find((x) => x.period === p)!.charge;
    expect([charge(full, '2024-12'), charge(missing, '2024-12')]).toEqual([102_000, 12_000]);
    // 2025-07: the last monthly run 276,000 + the daily charges of P06 205,200
    expect([charge(full, '2025-07'), charge(missing, '2025-07')]).toEqual([481_200, 481_200]);
    for (const p of full.periods.filter((x) => x.period !== '2024-12')) {
      expect(charge(missing, p.period)).toBe(p.charge);
    }
  });

  it('charge totals differ by exactly 90,000; accrued charges do not', () => {
    // accrued through 06-29: 2026-01 rest since 03-05, 117 days: 4,000,000 → 140,400, 500,000 → 17,550;
    // 2026-02 90 days → 216,000 + 27,000; 2026-03 60 days → 144,000 + 18,000; 2026-04 29 days →
    // 69,600 + 8,700.   Σ 641,250
    // paid 3 × 10M + 20M + 30M + 40M + 30M + 35M = 185,000,000; outstanding 240M − 185M = 55,000,000
    const common = {
      receivable: 240_000_000,
      paid: 185_000_000,
      principalOutstanding: 55_000_000,
      overduePrincipal: 35_000_000,
      chargesAccrued: 641_250,
      credit: 0,
    };
    expect(full.totals).toEqual({
      ...common,
      chargesBooked: 1_977_600,
      chargesBookedUnpaid: 1_977_600,
      chargesUnpaid: 2_618_850,
    });
    expect(missing.totals).toEqual({
      ...common,
      chargesBooked: 1_887_600,
      chargesBookedUnpaid: 1_887_600,
      chargesUnpaid: 2_528_850,
    });
  });

  it('principal, allocation, arrears, on-time share and flags are identical', () => {
    expect(principalSide(missing)).toEqual(principalSide(full));
    // and they are what they should be, as of 2026-06-30:
    // overdue 2026-01 rest 5,000,000 + 2026-02, 03, 04 = 35,000,000 (2026-05 is due on D)
    // months: 2026-04 1, 03 1, 02 1, 2026-01 5,000,000 / 10,000,000 = 0.5 → 3.5 → prolonged
    expect(missing.monthsOfDebtMilli).toBe(3500);
    expect(missing.debtClass).toBe('prolonged');
    // month-ends after the due month up to D (a month's last day): 2026-04 (due 05-31) 1, 2026-03 2,
    // 2026-02 3, 2026-01 4
    expect(missing.ageing).toEqual({
      lt1: 0,
      m1to3: 20_000_000,
      m3to6: 15_000_000,
      m6to12: 0,
      ge12: 0,
    });
    // 12 latest periods due before D: 2025-05 … 2026-04, all paid late or unpaid
    expect(missing.onTimeShare).toEqual({ numerator: 0, denominator: 120_000_000, percent: 0 });
    // P08 paid no charge: 2026-01 got 4,000,000 / 500,000 / 500,000
    expect(
      missing.payments
        .find((p) => p.bankRef === 'P08')!
        .allocations.filter((a) => a.period === '2026-01')
        .map((a) => [a.kind, a.fund, a.amount]),
    ).toEqual([
      ['principal', 'SI_RETIRE', 4_000_000],
      ['principal', 'HI', 500_000],
      ['principal', 'UI', 500_000],
    ]);
    expect(missing.payments.every((p) => p.allocations.every((a) => a.kind === 'principal'))).toBe(
      true,
    );
    // risk 35,000,000 × (1 + 3.5/3) = 75,833,333.3… → 75,833,333; oldest unpaid 2026-01 is 122 days
    // past due with a reminder on 2026-05-15; on-time share 0 % < 50 %
    expect(missing.flags.map((f) => [f.code, f.severity, f.riskScore])).toEqual([
      ['PROLONGED_ARREARS', 'medium', 75_833_333],
      ['EVASION_SUSPECTED', 'high', 75_833_333],
      ['REPEAT_LATE', 'low', 75_833_333],
    ]);
  });
});

describe('§6 a missing k, scenario 2: a last payment covers every booked charge', () => {
  /*
   * P09 2026-06-20. Daily booked first (since 03-05 / the due date + 1, through 06-19):
   *   2026-01 rest 107 days → 4,000,000 × 107 × 3/1e4 = 128,400, 500,000 → 16,050; 2026-02 80 days →
   *   192,000 + 24,000; 2026-03 50 days → 120,000 + 15,000; 2026-04 19 days → 45,600 + 5,700. Σ 546,750
   * With the k: overdue 35,000,000, all charges 1,977,600 + 546,750 = 2,524,350, then 3,000,000 of
   * 2026-05 (due 06-30): 40,524,350. Without 2024's k_SI the charges are 90,000 less, so 2026-05 gets
   * 3,090,000 (2,472,000 / 309,000 / 309,000).
   */
  const input2: LedgerInput = {
    ...input1,
    payments: [...payments1, pay('2026-06-20', 40_524_350, 'P09')],
  };
  const full = computeLedger(input2, D, {}, fullRef);
  const missing = computeLedger(input2, D, {}, missingRef);
  const p09 = (l: Ledger) => l.payments.find((p) => p.bankRef === 'P09')!;

  it('reports the same rate-missing interest', () => {
    expect(missing.rateMissing).toEqual(missingInterest);
    expect(missing.missingReference).toEqual([{ kind: 'old-regime-k', key: 'SI', year: 2024 }]);
  });

  it('earlier payments are identical; P09 pays 90,000 less charges and 90,000 more of 2026-05', () => {
    expect(missing.payments.filter((p) => p.bankRef !== 'P09')).toEqual(
      full.payments.filter((p) => p.bankRef !== 'P09'),
    );
    const split = (l: Ledger, kind: string, pred: (period: string) => boolean) =>
      p09(l)
        .allocations.filter((a) => a.kind === kind && pred(a.period))
        .map((a) => [a.period, a.fund, a.amount]);
    const not2026_05 = (p: string) => p !== '2026-05';
    expect(split(missing, 'principal', not2026_05)).toEqual(split(full, 'principal', not2026_05));
    expect(split(full, 'principal', (p) => p === '2026-05')).toEqual([
      ['2026-05', 'SI_RETIRE', 2_400_000],
      ['2026-05', 'HI', 300_000],
      ['2026-05', 'UI', 300_000],
    ]);
    expect(split(missing, 'principal', (p) => p === '2026-05')).toEqual([
      ['2026-05', 'SI_RETIRE', 2_472_000],
      ['2026-05', 'HI', 309_000],
      ['2026-05', 'UI', 309_000],
    ]);
    // charge parts (summed per booking month and tag): the same but for 2024-12 SI 80,000 and UI 10,000
    const all = () => true;
    expect(split(full, 'charge', all)).toEqual(
      expect.arrayContaining([
        ['2024-12', 'SI', 80_000],
        ['2024-12', 'UI', 10_000],
        ['2024-12', 'HI', 12_000],
      ]),
    );
    expect(split(missing, 'charge', all)).toEqual(
      split(full, 'charge', all).filter(
        ([period, fund]) => !(period === '2024-12' && (fund === 'SI' || fund === 'UI')),
      ),
    );
    const sum = (l: Ledger, kind: string) =>
      p09(l)
        .allocations.filter((a) => a.kind === kind)
        .reduce((s, a) => s + a.amount, 0);
    expect([sum(full, 'charge'), sum(missing, 'charge')]).toEqual([2_524_350, 2_434_350]);
    expect([sum(full, 'principal'), sum(missing, 'principal')]).toEqual([38_000_000, 38_090_000]);
    expect([p09(full).toCredit, p09(missing).toCredit]).toEqual([0, 0]);
  });

  it('every charge is paid in both; only 2026-05 and principal outstanding move, by 90,000', () => {
    expect(full.charges.every((c) => c.paid === c.amount)).toBe(true);
    expect(missing.charges.every((c) => c.paid === c.amount)).toBe(true);
    const row = (l: Ledger, p: string) => l.periods.find((x) => x.period === p)!;
    expect(row(full, '2026-05')).toMatchObject({
      paid: 3_000_000,
      balance: 7_000_000,
      daysLate: 0,
    });
    expect(row(missing, '2026-05')).toMatchObject({
      paid: 3_090_000,
      balance: 6_910_000,
      daysLate: 0,
    });
    for (const p of full.periods.filter((x) => x.period !== '2026-05' && x.period !== '2024-12')) {
      expect(row(missing, p.period)).toEqual(p);
    }
    // paid 185,000,000 + 40,524,350; outstanding 2026-05 rest + 2026-06 10,000,000
    const common = {
      receivable: 240_000_000,
      paid: 225_524_350,
      overduePrincipal: 0,
      chargesUnpaid: 0,
      chargesBookedUnpaid: 0,
      chargesAccrued: 0,
      credit: 0,
    };
    expect(full.totals).toEqual({
      ...common,
      principalOutstanding: 17_000_000,
      chargesBooked: 2_524_350,
    });
    expect(missing.totals).toEqual({
      ...common,
      principalOutstanding: 16_910_000,
      chargesBooked: 2_434_350,
    });
  });

  it('nothing computed from overdue principal at D moves: 2026-05 is due on D', () => {
    const arrears = (l: Ledger) => ({
      monthsOfDebtMilli: l.monthsOfDebtMilli,
      debtClass: l.debtClass,
      ageing: l.ageing,
      onTimeShare: l.onTimeShare,
      flags: l.flags,
      receivables: l.receivables,
      creditApplications: l.creditApplications,
    });
    expect(arrears(missing)).toEqual(arrears(full));
    expect(missing.monthsOfDebtMilli).toBe(0);
    expect(missing.debtClass).toBeNull();
    // 2026-05 is outside the on-time window (its due date is D): still 0 of 2025-05 … 2026-04
    expect(missing.onTimeShare).toEqual({ numerator: 0, denominator: 120_000_000, percent: 0 });
    expect(missing.flags.map((f) => [f.code, f.riskScore])).toEqual([['REPEAT_LATE', 0]]);
  });
});

describe('§6 a ledger that needs no k works without any', () => {
  it('old-regime months paid by their due dates, new-regime months late: same ledger with or without k', () => {
    // 2025-04, 05, 06 paid on their due dates: no 1st of month 2025-05-01 … 2025-07-01 finds a line due
    // ≤ the end of month i − 2 unpaid. 2025-07 (due 08-31) paid 2025-09-10: 09-01 … 09-09 = 9 days →
    // SI 8,000,000 × 9 × 3/1e4 = 21,600, UI 2,700, booked and left unpaid (the payment is all overdue).
    const input: LedgerInput = {
      employer,
      ledgerLines: monthly('2025-04', '2025-09'),
      payments: [
        pay('2025-04-30', 10_000_000, 'A1'),
        pay('2025-05-31', 10_000_000, 'A2'),
        pay('2025-06-30', 10_000_000, 'A3'),
        pay('2025-09-10', 10_000_000, 'A4'),
      ],
    };
    const without = computeLedger(input, '2025-09-30', {}, noKRef);
    expect(without.charges.map((c) => [c.regime, c.tag, c.amount, c.bookedOn])).toEqual([
      ['daily', 'SI', 21_600, '2025-09-10'],
      ['daily', 'UI', 2_700, '2025-09-10'],
    ]);
    expect(without.rateMissing).toEqual([]);
    expect(without.missingReference).toEqual([]);
    expect(without).toEqual(computeLedger(input, '2025-09-30', {}, fullRef));
  });

  it('an old-regime ledger with late principal and no k at all is still computed, every interest reported', () => {
    // scenario 1 without any k: the 2024 and 2025 interests (6 runs × 3 tags) are all rate-missing;
    // principal, arrears and flags are those of the full ledger
    const none = computeLedger(input1, D, {}, noKRef);
    const full = computeLedger(input1, D, {}, fullRef);
    expect(none.charges.filter((c) => c.regime === 'monthly-interest')).toEqual([]);
    expect(none.rateMissing).toHaveLength(18);
    expect(none.missingReference).toEqual([
      { kind: 'old-regime-k', key: 'HI', year: 2024 },
      { kind: 'old-regime-k', key: 'HI', year: 2025 },
      { kind: 'old-regime-k', key: 'SI', year: 2024 },
      { kind: 'old-regime-k', key: 'SI', year: 2025 },
    ]);
    // 2025-07-01: lines due ≤ 2025-05-31 unpaid = 2025-03, 04, 05 → SI 24,000,000, UI 3,000,000, HI 3,000,000
    expect(
      none.rateMissing
        .filter((m) => m.on === '2025-07-01')
        .map((m) => m.kind === 'old-regime-k' && [m.tag, m.base]),
    ).toEqual([
      ['SI', 24_000_000],
      ['UI', 3_000_000],
      ['HI', 3_000_000],
    ]);
    expect(principalSide(none)).toEqual(principalSide(full));
  });
});
