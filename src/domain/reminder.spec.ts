import { computeLedger, type LedgerInput } from './ledger.js';
import { buildReferenceData } from './reference-data.js';
import { referenceFixture } from './reference.fixture.spec.js';
import { reminderFigures } from './reminder.js';

const ref = buildReferenceData(referenceFixture);

describe('reminderFigures (§10 written reminder)', () => {
  it('lists unpaid principal due before D by period, with the charges as of D and the months of debt', () => {
    const input: LedgerInput = {
      employer: {
        unitCode: 'TC0001C',
        cycle: 'monthly',
        status: 'active',
        oaRate: 'standard',
        region: 'I',
      },
      ledgerLines: ['2026-01', '2026-02', '2026-03'].flatMap((period) => [
        { period, fund: 'SI_RETIRE' as const, amount: 9_000_000 },
        { period, fund: 'HI' as const, amount: 1_000_000 },
      ]),
      // pays 4,000,000 of January on 2026-02-10, before its due date (2026-02-28): no charge
      payments: [{ valueDate: '2026-02-10', amount: 4_000_000, bankRef: 'UNC1' }],
    };
    const l = computeLedger(input, '2026-04-15', {}, ref);
    const f = reminderFigures(l);
    // as of 2026-04-15: January (due 02-28) 6,000,000 left after the pro-rata split, February (due
    // 03-31) 10,000,000; March (due 04-30) is not yet overdue
    expect(f.periods).toEqual([
      { period: '2026-01', dueDate: '2026-02-28', unpaid: 6_000_000 },
      { period: '2026-02', dueDate: '2026-03-31', unpaid: 10_000_000 },
    ]);
    expect(f.overduePrincipal).toBe(16_000_000);
    // SI only (HI not charged): January 5,400,000 × 45 days (03-01…04-14) + February 9,000,000 × 14
    // days (04-01…04-14), at 0.03 %/day, each rounded: 72,900 + 37,800
    expect(f.chargesUnpaid).toBe(72_900 + 37_800);
    // February fully unpaid = 1, January 6/10 unpaid = 0.6
    expect(f.monthsOfDebt).toBe(1.6);
  });
});
