import { referenceFixture } from './reference.fixture.spec.js';
import { computeLedger, type EmployerProfile, type LedgerInput } from './ledger.js';
import { explainLedger } from './ledger-explained.js';
import { buildReferenceData } from './reference-data.js';

const ref = buildReferenceData(referenceFixture);
const employer: EmployerProfile = {
  unitCode: 'TC0001C',
  cycle: 'monthly',
  status: 'active',
  oaRate: 'standard',
  region: 'I',
};

describe('explainLedger (the employer sheet explains itself)', () => {
  const input: LedgerInput = {
    employer,
    ledgerLines: [
      { period: '2025-08', fund: 'SI_RETIRE', amount: 7_000_000 },
      { period: '2025-10', fund: 'SI_RETIRE', amount: 10_000_000 },
      { period: '2025-11', fund: 'SI_RETIRE', amount: 10_000_000 },
    ],
    declared: [
      { period: '2025-07', total: 9_000_000 },
      { period: '2025-10', total: 10_000_000 },
    ],
    payments: [
      { valueDate: '2025-09-15', amount: 4_000_000, bankRef: 'OLD' },
      { valueDate: '2025-12-10', amount: 5_000_000, bankRef: 'P1' },
      { valueDate: '2025-12-10', amount: 1_000_000, bankRef: 'P2' },
    ],
    openingBalances: [{ period: '2025-09', closingBalance: 30_000_000, payable: 10_000_000 }],
  };
  const ledger = computeLedger(input, '2025-12-15', {}, ref);
  const x = explainLedger(ledger);
  const row = (p: string) => x.periods.find((r) => r.period === p)!;

  it('marks the periods a C12 opening balance carries, with the month it was carried from', () => {
    expect(ledger.opening).toEqual({ period: '2025-09', closingBalance: 30_000_000, payable: 10_000_000 });
    // 2025-07: declared only, its own lines superseded → carried in the balance of 09/2025
    expect(row('2025-07')).toMatchObject({ receivable: 0, declared: 9_000_000, opening: 0, carriedInto: '2025-09' });
    // min(B, p) is a line of P, the rest one of P − 1 (§5)
    expect(row('2025-09')).toMatchObject({ receivable: 10_000_000, opening: 10_000_000, carriedInto: '2025-09' });
    expect(row('2025-08')).toMatchObject({ receivable: 20_000_000, opening: 20_000_000, carriedInto: '2025-09' });
    expect(row('2025-10')).toMatchObject({ opening: 0, carriedInto: null });
    const old = x.payments.find((p) => p.bankRef === 'OLD')!;
    expect(old).toMatchObject({ superseded: true, carriedInto: '2025-09', chargesBooked: 0 });
  });

  it('splits the balance into overdue and not yet due, adding up to the totals', () => {
    expect(row('2025-11')).toMatchObject({ overdue: 0, notYetDue: 10_000_000 });
    const overdue = x.periods.reduce((s, r) => s + r.overdue, 0);
    const notYetDue = x.periods.reduce((s, r) => s + r.notYetDue, 0);
    expect(overdue).toBe(ledger.totals.overduePrincipal);
    expect(overdue + notYetDue).toBe(ledger.totals.principalOutstanding);
    expect(x.totals.notYetDuePrincipal).toBe(notYetDue);
    for (const r of x.periods) expect(r.overdue + r.notYetDue).toBe(r.balance);
  });

  it('traces every late charge to the payment event that booked it (§6)', () => {
    const daily = x.charges.filter((c) => c.regime === 'daily');
    expect(daily.length).toBeGreaterThan(0);
    for (const c of daily) expect(c.bookedBy).toEqual({ valueDate: '2025-12-10', bankRef: 'P1' });
    const p1 = x.payments.find((p) => p.bankRef === 'P1')!;
    const p2 = x.payments.find((p) => p.bankRef === 'P2')!;
    expect(p1.chargesBooked).toBe(daily.reduce((s, c) => s + c.amount, 0));
    expect(p2.chargesBooked).toBe(0);
    expect(row('2025-12').charge).toBe(p1.chargesBooked);
    expect(row('2025-12').chargeEvents.every((e) => e.bankRef === 'P1' && e.bookedOn === '2025-12-10')).toBe(true);
    // what each period caused, booked in whichever month
    const caused = x.periods.reduce((s, r) => s + r.chargeCaused, 0);
    expect(caused).toBe(ledger.totals.chargesBooked);
  });
});
