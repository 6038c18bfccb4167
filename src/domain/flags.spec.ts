import {
  compareByRisk,
  compareQueueRows,
  evaluateFlags,
  highestSeverity,
  reconcileFlags,
  riskScore,
  type FlagFacts,
  type ImminentFacts,
} from './flags.js';

const base: FlagFacts = {
  unitCode: 'TC0001C',
  asOf: '2026-06-30',
  hardToCollect: false,
  overduePrincipal: 0,
  monthsOfDebtMilli: 0,
  oldestUnpaidDaysPastDue: null,
  reminderDates: [],
  sanctionDates: [],
  underDeclaration: null,
  periodTotals: [],
  unpaidPersons: 0,
  onTimeShare: null,
};
const codes = (f: Partial<FlagFacts>) =>
  evaluateFlags({ ...base, ...f }).map((x) => [x.code, x.severity]);

describe('§9 flag rules', () => {
  it.each([
    [2999, []],
    [3000, [['PROLONGED_ARREARS', 'medium']]],
    [6000, [['PROLONGED_ARREARS', 'high']]],
    [12000, [['PROLONGED_ARREARS', 'critical']]],
  ])('PROLONGED_ARREARS at %s‰', (m, want) =>
    expect(codes({ monthsOfDebtMilli: m, overduePrincipal: 1 })).toEqual(want),
  );
  it('PROLONGED_ARREARS not for hard-to-collect employers', () => {
    expect(codes({ monthsOfDebtMilli: 5000, hardToCollect: true, overduePrincipal: 1 })).toEqual(
      [],
    );
  });
  it('EVASION_SUSPECTED: > 60 days and a reminder on or before D', () => {
    expect(codes({ oldestUnpaidDaysPastDue: 61, reminderDates: ['2026-06-30'] })).toEqual([
      ['EVASION_SUSPECTED', 'high'],
    ]);
    expect(codes({ oldestUnpaidDaysPastDue: 60, reminderDates: ['2026-06-01'] })).toEqual([]);
    expect(codes({ oldestUnpaidDaysPastDue: 90, reminderDates: ['2026-07-01'] })).toEqual([]);
  });
  it('UNDER_DECLARATION with persons, months, shortfall as evidence', () => {
    const f = evaluateFlags({
      ...base,
      underDeclaration: {
        persons: ['0000000001'],
        months: ['2026-01'],
        personMonths: [
          { siNumber: '0000000001', period: '2026-01', salary: 5_000_000, floor: 5_310_000 },
        ],
        shortfall: 99_200,
      },
    });
    expect(f).toEqual([
      {
        code: 'UNDER_DECLARATION',
        severity: 'medium',
        evidence: {
          persons: ['0000000001'],
          months: ['2026-01'],
          personMonths: 1,
          shortfall: 99_200,
        },
        riskScore: 0,
      },
    ]);
  });
  it('DECLARATION_MISMATCH: |declared − receivable| > max(1% of receivable, 10,000)', () => {
    const f = (declared: number, receivable: number) =>
      codes({ periodTotals: [{ period: '2026-05', declared, receivable }] });
    expect(f(3_398_400 + 33_984, 3_398_400)).toEqual([]); // exactly 1%
    expect(f(3_398_400 + 33_985, 3_398_400)).toEqual([['DECLARATION_MISMATCH', 'low']]);
    expect(f(510_000, 500_000)).toEqual([]); // 10,000 = the minimum, not more
    expect(f(510_001, 500_000)).toEqual([['DECLARATION_MISMATCH', 'low']]);
  });
  it('CRIMINAL_THRESHOLD: ≥ 6 months, a sanction before D, amount or persons; the clause reached', () => {
    const f = (o: Partial<FlagFacts>) =>
      evaluateFlags({
        ...base,
        monthsOfDebtMilli: 6000,
        sanctionDates: ['2026-06-29'],
        ...o,
      }).filter((x) => x.code === 'CRIMINAL_THRESHOLD');
    expect(f({ overduePrincipal: 49_999_999, unpaidPersons: 9 })).toEqual([]);
    expect(f({ overduePrincipal: 50_000_000 })[0]!.evidence['clause']).toBe(1);
    expect(f({ overduePrincipal: 1, unpaidPersons: 50 })[0]!.evidence['clause']).toBe(2);
    expect(f({ overduePrincipal: 1_000_000_000 })[0]!.severity).toBe('critical');
    expect(f({ overduePrincipal: 1_000_000_000 })[0]!.evidence['clause']).toBe(3);
    expect(f({ overduePrincipal: 1_000_000_000, sanctionDates: ['2026-06-30'] })).toEqual([]); // not before D
  });
  it('REPEAT_LATE: on-time share < 50%', () => {
    expect(codes({ onTimeShare: { numerator: 499, denominator: 1000, percent: 49.9 } })).toEqual([
      ['REPEAT_LATE', 'low'],
    ]);
    expect(codes({ onTimeShare: { numerator: 500, denominator: 1000, percent: 50 } })).toEqual([]);
  });
  it('risk score = overdue × (1 + months/3), half-up; ordering', () => {
    // 10,000,000 × (1 + 2.5/3) = 18,333,333.33 → 18,333,333; 1,000 × (1 + 0.001/3) = 1,000.000333 → 1,000
    expect(riskScore(10_000_000, 2500)).toBe(18_333_333);
    expect(riskScore(1_000, 1)).toBe(1_000);
    // 3 × (1 + 0.5/3) = 3.5 → 4 (half-up)
    expect(riskScore(3, 500)).toBe(4);
    const xs = [
      { unitCode: 'B', riskScore: 10, monthsOfDebtMilli: 1 },
      { unitCode: 'A', riskScore: 10, monthsOfDebtMilli: 1 },
      { unitCode: 'C', riskScore: 10, monthsOfDebtMilli: 2 },
      { unitCode: 'D', riskScore: 11, monthsOfDebtMilli: 0 },
    ].sort(compareByRisk);
    expect(xs.map((x) => x.unitCode)).toEqual(['D', 'C', 'A', 'B']);
  });
  it('PROLONGED_IMMINENT: below the threshold at D, at or above it at the horizon; low', () => {
    const imminent: ImminentFacts = {
      monthsOfDebtMilli: 2000,
      horizon: '2026-07-31',
      monthsOfDebtAtHorizonMilli: 3000,
      prolongedOn: '2026-07-01',
      preventingAmount: 5_001,
    };
    const f = (o: Partial<FlagFacts>) =>
      evaluateFlags({ ...base, monthsOfDebtMilli: 2000, overduePrincipal: 1, imminent, ...o });
    expect(f({}).map((x) => [x.code, x.severity, x.evidence])).toEqual([
      [
        'PROLONGED_IMMINENT',
        'low',
        {
          monthsOfDebt: 2,
          monthsOfDebtAtHorizon: 3,
          horizon: '2026-07-31',
          prolongedOn: '2026-07-01',
          preventingAmount: 5_001,
        },
      ],
    ]);
    expect(f({ imminent: null })).toEqual([]);
    // Already prolonged at D: PROLONGED_ARREARS only.
    expect(f({ monthsOfDebtMilli: 3000 }).map((x) => x.code)).toEqual(['PROLONGED_ARREARS']);
    expect(f({ hardToCollect: true })).toEqual([]);
    expect(f({ imminent: { ...imminent, monthsOfDebtAtHorizonMilli: 2999 } })).toEqual([]);
  });
  it('inspection queue: highest severity first, then risk score, months of debt, unit code', () => {
    // A: 6.5 months, 20,000,000 overdue → PROLONGED_ARREARS high; risk 20,000,000 × (1 + 6.5/3) = 63,333,333.
    // B: 0.8 months, 500,000,000 overdue, 30 % on time → REPEAT_LATE low; risk 500,000,000 × (1 + 0.8/3)
    //    = 633,333,333 — ten times A's, yet B comes after A.
    const row = (unitCode: string, o: Partial<FlagFacts>) => {
      const flags = evaluateFlags({ ...base, unitCode, ...o });
      return {
        unitCode,
        severity: highestSeverity(flags.map((x) => x.severity))!,
        riskScore: flags[0]!.riskScore,
        monthsOfDebtMilli: o.monthsOfDebtMilli ?? 0,
        codes: flags.map((x) => x.code),
      };
    };
    const a = row('TC0001C', { monthsOfDebtMilli: 6500, overduePrincipal: 20_000_000 });
    const b = row('TC0002C', {
      monthsOfDebtMilli: 800,
      overduePrincipal: 500_000_000,
      onTimeShare: { numerator: 3, denominator: 10, percent: 30 },
    });
    expect([a, b].map((r) => [r.codes, r.severity, r.riskScore])).toEqual([
      [['PROLONGED_ARREARS'], 'high', 63_333_333],
      [['REPEAT_LATE'], 'low', 633_333_333],
    ]);
    expect([b, a].sort(compareQueueRows).map((r) => r.unitCode)).toEqual(['TC0001C', 'TC0002C']);

    const k = (
      unitCode: string,
      severity: 'low' | 'medium' | 'high' | 'critical',
      r: number,
      m: number,
    ) => ({ unitCode, severity, riskScore: r, monthsOfDebtMilli: m });
    const rows = [
      k('E', 'low', 900, 9000),
      k('D', 'medium', 10, 1),
      k('C', 'medium', 10, 2),
      k('B', 'medium', 10, 2),
      k('A', 'medium', 11, 0),
      k('F', 'critical', 1, 0),
    ].sort(compareQueueRows);
    expect(rows.map((x) => x.unitCode)).toEqual(['F', 'A', 'B', 'C', 'D', 'E']);
    expect(highestSeverity(['low', 'critical', 'medium'])).toBe('critical');
    expect(highestSeverity([])).toBeNull();
  });
  it('lifecycle: update in place, clear when the condition stops, raise anew after clearing', () => {
    const cur = evaluateFlags({ ...base, monthsOfDebtMilli: 4000, overduePrincipal: 1 });
    expect(
      reconcileFlags(
        [
          { code: 'PROLONGED_ARREARS', status: 'open' },
          { code: 'REPEAT_LATE', status: 'open' },
        ],
        cur,
      ),
    ).toEqual({ raise: [], update: cur, clear: ['REPEAT_LATE'] });
    expect(
      reconcileFlags([{ code: 'PROLONGED_ARREARS', status: 'condition-cleared' }], cur).raise,
    ).toEqual(cur);
  });
});
