import fc from 'fast-check';
import { referenceFixture } from './reference.fixture.spec.js';
import { computeLedger, type EmployerProfile, type LedgerInput } from './ledger.js';
import { lateRatio, yearToDateReceivable, clampAsOfToYear } from './ratio.js';
import { buildReferenceData } from './reference-data.js';

const ref = buildReferenceData(referenceFixture);
const employer: EmployerProfile = {
  unitCode: 'TC0001C',
  cycle: 'monthly',
  status: 'active',
  oaRate: 'standard',
  region: 'I',
};

describe('computeLedger', () => {
  it('assesses from the roster where the agency ledger is silent (§2 check), and reads declared totals', () => {
    const l = computeLedger(
      {
        employer,
        rosterLines: [
          { siNumber: '0000000001', salary: 5_310_000, fromMonth: '2026-01', toMonth: '2026-01' },
          { siNumber: '0000000002', salary: 5_310_000, fromMonth: '2026-01', toMonth: '2026-01' },
        ],
        declared: [{ period: '2026-01', total: 3_300_000 }],
      },
      '2026-01-31',
      {},
      ref,
    );
    expect(l.periods).toEqual([
      {
        period: '2026-01',
        dueDate: '2026-02-28',
        receivable: 3_398_400,
        declared: 3_300_000,
        paid: 0,
        balance: 3_398_400,
        daysLate: 0,
        charge: 0,
      },
    ]);
    // |3,300,000 − 3,398,400| = 98,400 > max(33,984, 10,000)
    expect(l.flags.map((f) => f.code)).toEqual(['DECLARATION_MISMATCH']);
    expect(l.debtClass).toBeNull();
  });

  it('raises UNDER_DECLARATION from the roster window and CRIMINAL_THRESHOLD with a sanction', () => {
    // 12 persons at 5,000,000 in region I since 2025-10 (floor 4,960,000 until 2025-12; 5,310,000 from 2026-01)
    const roster = Array.from({ length: 12 }, (_, i) => ({
      siNumber: String(i).padStart(10, '0'),
      salary: 5_000_000,
      fromMonth: '2025-10',
    }));
    const l = computeLedger(
      { employer, rosterLines: roster, sanctionDates: ['2026-08-01'] },
      '2026-09-30',
      {},
      ref,
    );
    // 2026-01 … 2026-09: 9 months × 12 persons × 310,000 × 32% = 108 × 99,200 = 10,713,600
    const ud = l.flags.find((f) => f.code === 'UNDER_DECLARATION')!;
    expect(ud.evidence['shortfall']).toBe(10_713_600);
    expect(ud.evidence['personMonths']).toBe(108);
    // each month: base 60,000,000 × 32% = 19,200,000; overdue (due < 09-30): 2025-10 … 2026-07 = 10 months
    // 2026-08 is due 2026-09-30 = D → not overdue. Months of debt 10, 12 persons ≥ 10 → clause 1
    expect(l.totals.overduePrincipal).toBe(192_000_000);
    expect(l.monthsOfDebt).toBe(10);
    const crim = l.flags.find((f) => f.code === 'CRIMINAL_THRESHOLD')!;
    expect(crim.evidence).toMatchObject({ clause: 1, persons: 12 });
    expect(l.flags.find((f) => f.code === 'PROLONGED_ARREARS')!.severity).toBe('high');
  });

  it('an opening balance supersedes earlier receivables and payments; a negative one is a credit from P+1', () => {
    const input: LedgerInput = {
      employer,
      ledgerLines: [
        { period: '2026-03', fund: 'SI_RETIRE', amount: 9_000_000 },
        { period: '2026-05', fund: 'SI_RETIRE', amount: 9_000_000 },
      ],
      payments: [{ valueDate: '2026-03-20', amount: 9_000_000, bankRef: 'A' }],
      openingBalances: [{ period: '2026-04', closingBalance: -2_000_000, payable: 9_000_000 }],
    };
    const l = computeLedger(input, '2026-05-31', {}, ref);
    expect(l.receivables.find((r) => r.period === '2026-03')!.superseded).toBe(true);
    expect(l.payments).toEqual([
      {
        valueDate: '2026-03-20',
        bankRef: 'A',
        amount: 9_000_000,
        superseded: true,
        allocations: [],
        toCredit: 0,
      },
    ]);
    // 2,000,000 credit on 2026-05-01 settles part of 2026-05
    expect(l.periods).toEqual([
      {
        period: '2026-05',
        dueDate: '2026-06-30',
        receivable: 9_000_000,
        declared: null,
        paid: 2_000_000,
        balance: 7_000_000,
        daysLate: 0,
        charge: 0,
      },
    ]);
    expect(l.totals.paid).toBe(0);
  });

  it('opening lines count in overdue principal, ageing and months of debt, never in the ratio denominator', () => {
    // B = 25,000,000, p = 10,000,000, P = 2026-04: 15,000,000 of 2026-03 (due 04-30) and 10,000,000 of 2026-04 (due 05-31)
    const l = computeLedger(
      {
        employer,
        ledgerLines: [{ period: '2026-05', fund: 'SI_RETIRE', amount: 10_000_000 }],
        openingBalances: [{ period: '2026-04', closingBalance: 25_000_000, payable: 10_000_000 }],
      },
      '2026-06-15',
      {},
      ref,
    );
    expect(l.totals.overduePrincipal).toBe(25_000_000);
    // 10/10 + 15/10 = 2.5 months (2026-05 is due 06-30, not overdue)
    expect(l.monthsOfDebt).toBe(2.5);
    // D 2026-06-15: 2026-03 line due 04-30 → 1 month (May-end); 2026-04 line due 05-31 → 0
    expect(l.ageing).toMatchObject({ lt1: 10_000_000, m1to3: 15_000_000 });
    const d = clampAsOfToYear(2026, '2026-06-15');
    expect(yearToDateReceivable(l.receivables, 2026, d)).toBe(10_000_000);
    expect(
      lateRatio([
        {
          overduePrincipal: l.totals.overduePrincipal,
          ytdReceivable: 10_000_000,
          hardToCollect: false,
        },
      ]).all.percent,
    ).toBe(250);
  });

  it('hard-to-collect status overrides the months', () => {
    const l = computeLedger(
      {
        employer: { ...employer, status: 'absconded' },
        ledgerLines: [{ period: '2026-01', fund: 'UI', amount: 1_000 }],
      },
      '2026-03-15',
      {},
      ref,
    );
    expect(l.debtClass).toBe('hard-to-collect');
    expect(l.hardToCollect).toBe(true);
  });

  describe('days late of a period: the largest over its lines, each against its own due date (§9)', () => {
    // 2026-01 regular lines (due 2026-02-28): SI_RETIRE 10,000,000 + HI 2,000,000, paid 2026-03-12.
    // Adjustment of 2026-01 (B.4), SI_RETIRE 1,000,000, due on its own date 2026-04-30.
    // 2026-03-12 (overdue-first): the overdue regular lines take all 12,000,000; the event first books the
    // SI_RETIRE line's charge for 03-01 … 03-11 = 11 days: 10,000,000 × 11 × 3 / 10,000 = 33,000 (HI is
    // not chargeable by default). 2026-04-28: 1,033,000 settles that charge, then the adjustment (not yet
    // due, it exists since 2026-01-01) — on time.
    const input: LedgerInput = {
      employer,
      ledgerLines: [
        { period: '2026-01', fund: 'SI_RETIRE', amount: 10_000_000 },
        { period: '2026-01', fund: 'HI', amount: 2_000_000 },
        {
          period: '2026-01',
          fund: 'SI_RETIRE',
          amount: 1_000_000,
          reason: 'truy thu',
          dueDate: '2026-04-30',
        },
      ],
      payments: [
        { valueDate: '2026-03-12', amount: 12_000_000, bankRef: 'A' },
        { valueDate: '2026-04-28', amount: 1_033_000, bankRef: 'B' },
      ],
    };
    const jan = (asOf: string, i: LedgerInput = input) =>
      computeLedger(i, asOf, {}, ref).periods.find((p) => p.period === '2026-01')!;

    it('regular lines 12 days late, the adjustment paid by its own due date → 12 (not 59)', () => {
      // regular: 2026-03-12 − 2026-02-28 = 12; adjustment: 2026-04-28 − 2026-04-30 < 0 → 0.
      // Measured against the period's due date the adjustment would give 04-28 − 02-28 = 31 + 28 = 59.
      expect(jan('2026-05-31')).toMatchObject({
        receivable: 13_000_000,
        paid: 13_000_000,
        balance: 0,
        daysLate: 12,
      });
      expect(computeLedger(input, '2026-05-31', {}, ref).charges.map((c) => c.amount)).toEqual([
        33_000,
      ]);
    });

    it('an adjustment not yet due counts 0; once late it counts from its own due date', () => {
      const unpaidAdjustment = { ...input, payments: input.payments!.slice(0, 1) };
      // D 2026-04-15: regular 12, adjustment not due (D − 04-30 < 0) → 12 (the whole period: 46).
      expect(jan('2026-04-15', unpaidAdjustment).daysLate).toBe(12);
      // D 2026-05-10: adjustment 05-10 − 04-30 = 10 < 12 → 12.
      expect(jan('2026-05-10', unpaidAdjustment).daysLate).toBe(12);
      // D 2026-05-20: adjustment 20 > 12 → 20.
      expect(jan('2026-05-20', unpaidAdjustment).daysLate).toBe(20);
    });
  });

  it('property: any input order, same ledger; money conserved', () => {
    const periods = ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'];
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            period: fc.constantFrom(...periods),
            fund: fc.constantFrom('SI_SICK', 'SI_RETIRE', 'HI', 'UI') as fc.Arbitrary<
              'SI_SICK' | 'SI_RETIRE' | 'HI' | 'UI'
            >,
            amount: fc.integer({ min: 0, max: 30_000_000 }),
          }),
          { selector: (x) => x.period + x.fund, maxLength: 14 },
        ),
        fc.uniqueArray(
          fc.record({
            valueDate: fc.constantFrom(
              '2025-08-05',
              '2025-09-30',
              '2025-11-01',
              '2025-12-15',
              '2026-01-31',
              '2026-03-03',
            ),
            amount: fc.integer({ min: 1, max: 40_000_000 }),
            bankRef: fc.string({ minLength: 1, maxLength: 4 }),
          }),
          { selector: (p) => p.bankRef, maxLength: 8 },
        ),
        fc.constantFrom('overdue-first', 'principal-fifo', 'charges-first') as fc.Arbitrary<
          'overdue-first' | 'principal-fifo' | 'charges-first'
        >,
        (lines, payments, allocation) => {
          const a = computeLedger(
            { employer, ledgerLines: lines, payments },
            '2026-03-31',
            { allocation },
            ref,
          );
          const b = computeLedger(
            { employer, ledgerLines: [...lines].reverse(), payments: [...payments].reverse() },
            '2026-03-31',
            { allocation },
            ref,
          );
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
          const principalPaid = a.periods.reduce((s, p) => s + p.paid, 0);
          const chargesPaid = a.totals.chargesBooked - a.totals.chargesBookedUnpaid;
          expect(principalPaid + chargesPaid + a.totals.credit).toBe(a.totals.paid);
        },
      ),
      { numRuns: 100 },
    );
  });
});
