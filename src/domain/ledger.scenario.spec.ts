/**
 * 24-month scenario, 2025-01 … 2026-12, as of D = 2026-12-31, crossing the 2025-07-01 law change.
 * Every figure below is derived by hand in the comments; none was copied from the code's output.
 *
 * Employer TC0001C, monthly, region I, OA standard, active. Agency ledger: every month
 * SI_RETIRE 8,000,000 + HI 1,000,000 + UI 1,000,000 = 10,000,000 (pro-rata splits are 8 : 1 : 1).
 * Due dates (§4): 2025-01 … 2025-06 on the last day of the month; from 2025-07 the last day of the next.
 * Policy overdue-first, hiChargeable false (only SI_RETIRE and UI bear the daily 0.03 %).
 */
import { referenceFixture } from './reference.fixture.spec.js';
import { computeLedger, type LedgerInput } from './ledger.js';
import { periodRange } from './dates.js';
import { buildReferenceData } from './reference-data.js';
import type { PaymentInput } from './allocation.js';

const ref = buildReferenceData(referenceFixture);
const months = periodRange('2025-01', '2026-12');
const input: LedgerInput = {
  employer: {
    unitCode: 'TC0001C',
    cycle: 'monthly',
    status: 'active',
    oaRate: 'standard',
    region: 'I',
  },
  ledgerLines: months.flatMap((period) => [
    { period, fund: 'SI_RETIRE' as const, amount: 8_000_000 },
    { period, fund: 'HI' as const, amount: 1_000_000 },
    { period, fund: 'UI' as const, amount: 1_000_000 },
  ]),
  payments: [
    { valueDate: '2025-01-20', amount: 10_000_000, bankRef: 'P01' },
    { valueDate: '2025-02-25', amount: 10_000_000, bankRef: 'P02' },
    { valueDate: '2025-03-31', amount: 10_000_000, bankRef: 'P03' }, // on the due date: on time
    { valueDate: '2025-04-15', amount: 10_000_000, bankRef: 'P04' },
    { valueDate: '2025-05-20', amount: 20_000_000, bankRef: 'P05' }, // early: half is credit for 2025-06
    { valueDate: '2025-08-10', amount: 10_000_000, bankRef: 'P07' },
    { valueDate: '2025-10-20', amount: 10_000_000, bankRef: 'P08' }, // 2025-08 late
    { valueDate: '2025-10-31', amount: 10_051_300, bankRef: 'P09' },
    { valueDate: '2026-01-15', amount: 15_000_000, bankRef: 'P10' }, // partial
    { valueDate: '2026-03-10', amount: 30_000_000, bankRef: 'P11' },
    { valueDate: '2026-04-30', amount: 40_000_000, bankRef: 'P12' }, // over-payment
    { valueDate: '2026-10-15', amount: 12_000_000, bankRef: 'P13' }, // partial
    { valueDate: '2027-01-05', amount: 99_000_000, bankRef: 'P14' }, // after D: ignored
  ],
  reminderDates: ['2026-11-15'],
};
const D = '2026-12-31';
const ledger = computeLedger(input, D, {}, ref);
const period = (p: string) => ledger.periods.find((x) => x.period === p)!;
const payment = (ref: string) => ledger.payments.find((x) => x.bankRef === ref)!;

describe('24-month scenario', () => {
  it('old regime (2025-01 … 2025-06): paid by the due dates, so no 1st-of-month interest ever arises', () => {
    // P−S on each 1st 2025-02-01 … 2025-07-01 counts lines due ≤ end of month i−2 still unpaid: none.
    expect(ledger.charges.filter((c) => c.regime === 'monthly-interest')).toEqual([]);
    expect(period('2025-06').dueDate).toBe('2025-06-30');
    expect(period('2025-07').dueDate).toBe('2025-08-31');
    // 2025-05-20: 20,000,000 → 2025-05 10,000,000; 10,000,000 credit (2025-06 does not exist yet)
    expect(payment('P05').toCredit).toBe(10_000_000);
    // the credit settles 2025-06 on 2025-06-01 (after that day's interest run, which is 0)
    expect(ledger.creditApplications[0]!.date).toBe('2025-06-01');
    expect(ledger.creditApplications[0]!.allocations.reduce((s, a) => s + a.amount, 0)).toBe(
      10_000_000,
    );
    expect(period('2025-06')).toMatchObject({
      paid: 10_000_000,
      balance: 0,
      daysLate: 0,
      charge: 0,
    });
  });

  it('2025-10-20: 2025-08 (due 2025-09-30) paid 19 days late → 45,600 + 5,700 = 51,300 booked', () => {
    // days 2025-10-01 … 10-19 = 19; SI 8,000,000 × 19 × 3 / 10000 = 45,600; UI 1,000,000 × 19 × 3/1e4 = 5,700
    // the payment covers exactly the overdue 10,000,000 of 2025-08, nothing left for the charge
    expect(payment('P08').allocations).toEqual([
      { period: '2025-08', fund: 'SI_RETIRE', kind: 'principal', amount: 8_000_000 },
      { period: '2025-08', fund: 'HI', kind: 'principal', amount: 1_000_000 },
      { period: '2025-08', fund: 'UI', kind: 'principal', amount: 1_000_000 },
    ]);
    expect(period('2025-10').charge).toBe(51_300);
    expect(period('2025-08').daysLate).toBe(20); // settled 10-20 − due 09-30
    // 2025-10-31: nothing overdue (2025-09 is due that day) → charges 51,300, then 2025-09's 10,000,000
    expect(payment('P09').allocations).toEqual([
      { period: '2025-10', fund: 'SI', kind: 'charge', amount: 45_600 },
      { period: '2025-10', fund: 'UI', kind: 'charge', amount: 5_700 },
      { period: '2025-09', fund: 'SI_RETIRE', kind: 'principal', amount: 8_000_000 },
      { period: '2025-09', fund: 'HI', kind: 'principal', amount: 1_000_000 },
      { period: '2025-09', fund: 'UI', kind: 'principal', amount: 1_000_000 },
    ]);
  });

  it('2026-01-15 partial: 159,300 booked; 2025-10 paid, 2025-11 half paid 8:1:1', () => {
    // 2025-10 (due 11-30): days 12-01 … 01-14 = 31 + 14 = 45 → SI 8M×45×3/1e4 = 108,000; UI 13,500
    // 2025-11 (due 12-31): days 01-01 … 01-14 = 14 → SI 33,600; UI 4,200. Σ = 159,300
    expect(period('2026-01').charge).toBe(159_300);
    // 15,000,000 → 2025-10 10,000,000; 2025-11 5,000,000 as 4,000,000 / 500,000 / 500,000
    expect(
      payment('P10')
        .allocations.filter((a) => a.period === '2025-11')
        .map((a) => a.amount),
    ).toEqual([4_000_000, 500_000, 500_000]);
  });

  it('2026-03-10: 197,100 booked; overdue 25,000,000, all charges 356,400, then 4,643,600 of 2026-02', () => {
    // 2025-11 rest SI 4,000,000 / UI 500,000 since 01-15: 17 + 28 + 9 = 54 days → 64,800 + 8,100
    // 2025-12 (due 01-31): 02-01 … 03-09 = 37 days → SI 88,800; UI 11,100
    // 2026-01 (due 02-28): 03-01 … 03-09 = 9 days → SI 21,600; UI 2,700.   Σ = 197,100
    expect(period('2026-03').charge).toBe(197_100);
    const a = payment('P11').allocations;
    const principal = a.filter((x) => x.kind === 'principal').reduce((s, x) => s + x.amount, 0);
    const charges = a.filter((x) => x.kind === 'charge').reduce((s, x) => s + x.amount, 0);
    // overdue 5,000,000 + 10,000,000 + 10,000,000 = 25,000,000; charges 159,300 + 197,100 = 356,400;
    // 30,000,000 − 25,356,400 = 4,643,600 to 2026-02 (not yet due): 3,714,880 / 464,360 / 464,360
    expect(charges).toBe(356_400);
    expect(principal).toBe(29_643_600);
    expect(a.filter((x) => x.period === '2026-02').map((x) => x.amount)).toEqual([
      3_714_880, 464_360, 464_360,
    ]);
    expect(period('2025-11').daysLate).toBe(69); // settled 2026-03-10 − due 2025-12-31 = 31 + 28 + 10
  });

  it('2026-04-30 over-payment: 41,941 booked, two months paid ahead, 14,601,659 credit', () => {
    // 2026-02 rest: SI 4,285,120, UI 535,640 (HI 535,640 not charged), late 04-01 … 04-29 = 29 days
    // SI 4,285,120 × 29 × 3 / 1e4 = 37,280.544 → 37,281; UI 535,640 × 87 / 1e4 = 4,660.068 → 4,660
    expect(period('2026-04').charge).toBe(41_941);
    // 5,356,400 (2026-02) + 41,941 + 10,000,000 (2026-03, due that day) + 10,000,000 (2026-04) = 25,398,341
    expect(payment('P12').toCredit).toBe(14_601_659);
    expect(period('2026-03').daysLate).toBe(0);
  });

  it('credits on the 1st: 2026-05 in full on 05-01, 4,601,659 of 2026-06 on 06-01 by largest remainder', () => {
    // 4,601,659 × 8/10 = 3,681,327.2; × 1/10 = 460,165.9 twice → floors 4,601,657, 2 left to the .9s (HI, UI)
    const june = ledger.creditApplications.find((c) => c.date === '2026-06-01')!;
    expect(june.allocations.map((x) => [x.fund, x.amount])).toEqual([
      ['SI_RETIRE', 3_681_327],
      ['HI', 460_166],
      ['UI', 460_166],
    ]);
    expect(period('2026-05')).toMatchObject({ paid: 10_000_000, daysLate: 0 });
  });

  it('2026-10-15 partial: 265,916 booked; 2026-06 settled, 2026-07 gets 6,601,659', () => {
    // 2026-06 rest SI 4,318,673 / UI 539,834, late 08-01 … 10-14 = 75 days:
    //   4,318,673 × 225 / 1e4 = 97,170.1425 → 97,170; 539,834 × 225 / 1e4 = 12,146.265 → 12,146
    // 2026-07 (due 08-31): 09-01 … 10-14 = 44 days → 105,600 + 13,200
    // 2026-08 (due 09-30): 10-01 … 10-14 = 14 days → 33,600 + 4,200.      Σ = 265,916
    expect(period('2026-10').charge).toBe(265_916);
    // 12,000,000 − 5,398,341 = 6,601,659 → 2026-07: 5,281,327.2 / 660,165.9 / 660,165.9 → 5,281,327 / 660,166 / 660,166
    expect(
      payment('P13')
        .allocations.filter((a) => a.period === '2026-07')
        .map((a) => a.amount),
    ).toEqual([5_281_327, 660_166, 660_166]);
    expect(period('2026-06').daysLate).toBe(76); // 10-15 − 07-31
  });

  it('totals as of 2026-12-31', () => {
    // paid: 4 × 10M + 20M + 10M + 10M + 10,051,300 + 15M + 30M + 40M + 12M = 187,051,300 (P14 is after D)
    // principal outstanding: 2026-07 3,398,341 + 2026-08…2026-12 5 × 10M = 53,398,341
    // overdue (due < D): 2026-07 … 2026-10 = 3,398,341 + 30,000,000 = 33,398,341 (2026-11 is due on D)
    // booked 51,300 + 159,300 + 197,100 + 41,941 + 265,916 = 715,557; paid 51,300 + 356,400 + 41,941 = 449,641
    // accrued through 12-30, per line:
    //   2026-07 SI 2,718,673 × 77 × 3/1e4 = 62,801.3463 → 62,801; UI 339,834 × 231/1e4 = 7,850.17 → 7,850
    //   2026-08 since 10-15, 77 days: 184,800 + 23,100; 2026-09 from 11-01, 60 days: 144,000 + 18,000
    //   2026-10 from 12-01, 30 days: 72,000 + 9,000                              Σ accrued = 521,551
    // charges unpaid = 265,916 booked + 521,551 accrued = 787,467
    // conservation: principal paid 240,000,000 − 53,398,341 = 186,601,659 + charges 449,641 = 187,051,300
    expect(ledger.totals).toEqual({
      receivable: 240_000_000,
      paid: 187_051_300,
      principalOutstanding: 53_398_341,
      overduePrincipal: 33_398_341,
      chargesBooked: 715_557,
      chargesUnpaid: 787_467,
      chargesBookedUnpaid: 265_916,
      chargesAccrued: 521_551,
      credit: 0,
    });
  });

  it('arrears measures as of 2026-12-31', () => {
    // walk: 2026-10 1, 2026-09 1, 2026-08 1, 2026-07 3,398,341 / 10,000,000 = 0.3398341 → 3.340
    expect(ledger.monthsOfDebt).toBe(3.34);
    expect(ledger.monthsOfDebtMilli).toBe(3340);
    expect(ledger.debtClass).toBe('prolonged');
    // D is a month's last day: 2026-07 (due 08-31) 4 months, 2026-08 3, 2026-09 2, 2026-10 1
    expect(ledger.ageing).toEqual({
      lt1: 0,
      m1to3: 20_000_000,
      m3to6: 13_398_341,
      m6to12: 0,
      ge12: 0,
    });
    // 12 latest periods due before D: 2025-11 … 2026-10 (120,000,000); on time: 2026-02 4,643,600,
    // 2026-03, 2026-04, 2026-05 30,000,000, 2026-06 4,601,659 → 39,245,259 → 32.7043825 % → 32.70
    expect(ledger.onTimeShare).toEqual({
      numerator: 39_245_259,
      denominator: 120_000_000,
      percent: 32.7,
    });
    expect(period('2026-07')).toMatchObject({
      receivable: 10_000_000,
      paid: 6_601_659,
      balance: 3_398_341,
      dueDate: '2026-08-31',
      daysLate: 122,
    });
  });

  it('flags as of 2026-12-31', () => {
    // risk = 33,398,341 × (1 + 3.34/3) = 33,398,341 × 6,340 / 3,000 = 70,581,827.3… → 70,581,827
    // evasion: oldest unpaid line (2026-07, due 08-31) is 122 days past due > 60, reminder 2026-11-15 ≤ D
    expect(ledger.flags.map((f) => [f.code, f.severity, f.riskScore])).toEqual([
      ['PROLONGED_ARREARS', 'medium', 70_581_827],
      ['EVASION_SUSPECTED', 'high', 70_581_827],
      ['REPEAT_LATE', 'low', 70_581_827],
    ]);
  });

  it('is deterministic: shuffled inputs give the same ledger', () => {
    const shuffled: LedgerInput = {
      ...input,
      ledgerLines: [...input.ledgerLines!].reverse(),
      payments: [...(input.payments as PaymentInput[])].sort((a, b) =>
        a.bankRef < b.bankRef ? 1 : -1,
      ),
    };
    expect(JSON.stringify(computeLedger(shuffled, D, {}, ref))).toBe(JSON.stringify(ledger));
  });
});
