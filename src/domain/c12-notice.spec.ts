import { buildC12Notice, noticeDays, NOTICE_FUNDS, type FundRow } from './c12-notice.js';
import { computeLedger, type EmployerProfile, type LedgerInput } from './ledger.js';
import type { LedgerLineInput } from './receivables.js';
import { buildReferenceData } from './reference-data.js';
import { referenceFixture } from './reference.fixture.spec.js';

const ref = buildReferenceData(referenceFixture);
const employer: EmployerProfile = {
  unitCode: 'TC0001C',
  cycle: 'monthly',
  status: 'active',
  oaRate: 'standard',
  region: 'I',
};

/** One month of contributions: 21,500,000 split over the five funds. */
function month(period: string): LedgerLineInput[] {
  return [
    { period, fund: 'SI_SICK', amount: 3_000_000 },
    { period, fund: 'SI_RETIRE', amount: 14_000_000 },
    { period, fund: 'SI_OA', amount: 500_000 },
    { period, fund: 'HI', amount: 3_000_000 },
    { period, fund: 'UI', amount: 1_000_000 },
  ];
}

const input: LedgerInput = {
  employer,
  ledgerLines: [
    ...month('2026-01'),
    ...month('2026-02'),
    ...month('2026-03'),
    { period: '2026-03', fund: 'SI_RETIRE', amount: 700_000, reason: 'truy thu' },
  ],
  payments: [
    { valueDate: '2026-03-10', amount: 21_500_000, bankRef: 'UNC001' },
    { valueDate: '2026-04-05', amount: 5_000_000, bankRef: 'UNC002' },
  ],
};

function notice(period: string) {
  const d = noticeDays(period);
  return buildC12Notice(
    period,
    computeLedger(input, d.opening, {}, ref),
    computeLedger(input, d.closing, {}, ref),
  );
}

const row = (r: Partial<FundRow>): FundRow => {
  const full = { SI_SICK: 0, SI_RETIRE: 0, HI: 0, UI: 0, SI_OA: 0, OPENING: 0, ...r, total: 0 };
  full.total = NOTICE_FUNDS.reduce((s, f) => s + full[f], 0);
  return full;
};

describe('buildC12Notice (C12-TS, §11)', () => {
  it('opening, payable, adjustment, charges, payments, allocation and closing of a month, per fund', () => {
    const n = notice('2026-03');
    // A: as of 2026-02-28, January (due that day) and February are owed, nothing paid
    expect(n.opening.asOf).toBe('2026-02-28');
    expect(n.opening.credit).toBe(0);
    expect(n.opening.owed).toEqual(
      row({
        SI_SICK: 6_000_000,
        SI_RETIRE: 28_000_000,
        SI_OA: 1_000_000,
        HI: 6_000_000,
        UI: 2_000_000,
      }),
    );
    expect(n.opening.chargesUnpaid).toEqual(row({}));
    // B.3 and B.4
    expect(n.payable).toEqual(
      row({
        SI_SICK: 3_000_000,
        SI_RETIRE: 14_000_000,
        SI_OA: 500_000,
        HI: 3_000_000,
        UI: 1_000_000,
      }),
    );
    expect(n.adjustments).toEqual(row({ SI_RETIRE: 700_000 }));
    // B.5: January late 2026-03-01 … 03-09 = 9 days at 0.03 %/day, per line, HI not charged:
    // 3,000,000×9×3/10000 = 8,100; 14,000,000 → 37,800; 500,000 → 1,350; UI 1,000,000 → 2,700
    expect(n.charges.map((c) => [c.tag, c.base, c.amount])).toEqual(
      expect.arrayContaining([
        ['SI', 27_000_000, 8_100],
        ['SI', 126_000_000, 37_800],
        ['SI', 4_500_000, 1_350],
        ['UI', 9_000_000, 2_700],
      ]),
    );
    expect(n.charges).toHaveLength(4);
    expect(n.charges.every((c) => c.rate === 0.0003 && c.bookedOn === '2026-03-10')).toBe(true);
    expect(n.chargesBooked).toEqual(row({ SI_RETIRE: 47_250, UI: 2_700 }));
    // C: March's payment only
    expect(n.payments.map((p) => [p.valueDate, p.bankRef, p.amount])).toEqual([
      ['2026-03-10', 'UNC001', 21_500_000],
    ]);
    expect(n.paymentsTotal).toBe(21_500_000);
    // D: overdue first — January's principal exactly, nothing left for the charges
    expect(n.contributions).toEqual(
      row({
        SI_SICK: 3_000_000,
        SI_RETIRE: 14_000_000,
        SI_OA: 500_000,
        HI: 3_000_000,
        UI: 1_000_000,
      }),
    );
    expect(n.chargesPaid).toEqual(row({}));
    expect(n.toCredit).toBe(0);
    // Đ: February + March + the adjustment; the charges booked
    expect(n.closing.asOf).toBe('2026-03-31');
    expect(n.closing.owed).toEqual(
      row({
        SI_SICK: 6_000_000,
        SI_RETIRE: 28_700_000,
        SI_OA: 1_000_000,
        HI: 6_000_000,
        UI: 2_000_000,
      }),
    );
    expect(n.closing.chargesUnpaid).toEqual(row({ SI_RETIRE: 47_250, UI: 2_700 }));
  });

  it('Đ = A + B − D in every fund column, month after month', () => {
    for (const period of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']) {
      const n = notice(period);
      for (const f of [...NOTICE_FUNDS, 'total'] as const) {
        expect(n.closing.owed[f]).toBe(
          n.opening.owed[f] +
            n.payable[f] +
            n.adjustments[f] -
            n.contributions[f] -
            n.contributionsFromCredit[f],
        );
        expect(n.closing.chargesUnpaid[f]).toBe(
          n.opening.chargesUnpaid[f] + n.chargesBooked[f] - n.chargesPaid[f],
        );
      }
    }
  });

  it('refuses ledgers of other days', () => {
    expect(() =>
      buildC12Notice(
        '2026-03',
        computeLedger(input, '2026-02-27', {}, ref),
        computeLedger(input, '2026-03-31', {}, ref),
      ),
    ).toThrow(/2026-02-28/);
  });
});
