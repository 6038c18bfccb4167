/**
 * Answers shaped exactly as product.md's HTTP contract, for the console pages whose endpoints are being
 * built on other branches: the browser test serves them through Playwright's request interception, so
 * the pages are proven against the contract before the API exists.
 */

export const EMPLOYER = {
  unitCode: 'TC0001C',
  name: 'Công ty TNHH Cơ khí Hòa Bình',
  taxCode: '0101234567',
  officeCode: '06703',
  region: 'I',
  cycle: 'monthly',
  status: 'active',
  debtClass: 'prolonged',
  monthsOfDebt: 3.5,
  overduePrincipal: 18_585_000,
};

const FUND_SPLIT = [
  ['sickness', 0.03],
  ['retirement', 0.22],
  ['oa', 0.005],
  ['hi', 0.045],
  ['ui', 0.01],
] as const;

export const LEDGER = {
  unitCode: 'TC0001C',
  asOf: '2026-06-30',
  periods: [
    { period: '2026-01', dueDate: '2026-02-28', receivable: 5_310_000, declared: 5_310_000, paid: 5_310_000, balance: 0, daysLate: 0, charge: 0 },
    { period: '2026-02', dueDate: '2026-03-31', receivable: 5_310_000, declared: 5_310_000, paid: 2_655_000, balance: 2_655_000, daysLate: 91, charge: 0 },
    { period: '2026-03', dueDate: '2026-04-30', receivable: 5_310_000, declared: 5_310_000, paid: 0, balance: 5_310_000, daysLate: 61, charge: 12_744 },
    { period: '2026-04', dueDate: '2026-05-31', receivable: 5_310_000, declared: 5_200_000, paid: 0, balance: 5_310_000, daysLate: 30, charge: 25_488 },
    { period: '2026-05', dueDate: '2026-06-30', receivable: 5_310_000, declared: 5_310_000, paid: 0, balance: 5_310_000, daysLate: 0, charge: 0 },
  ],
  payments: [
    {
      valueDate: '2026-02-20',
      bankRef: 'FT26051123456',
      amount: 5_310_000,
      allocations: FUND_SPLIT.map(([fund, share]) => ({ period: '2026-01', fund, kind: 'principal', amount: Math.round((5_310_000 * share) / 0.31) })),
    },
    {
      valueDate: '2026-04-10',
      bankRef: 'FT26100987654',
      amount: 2_667_744,
      allocations: [
        ...FUND_SPLIT.map(([fund, share]) => ({ period: '2026-02', fund, kind: 'principal', amount: Math.round((2_655_000 * share) / 0.31) })),
        { period: '2026-02', fund: 'retirement', kind: 'charge', amount: 12_744 },
      ],
    },
  ],
  totals: {
    receivable: 26_550_000,
    paid: 7_965_000,
    principalOutstanding: 18_585_000,
    overduePrincipal: 13_275_000,
    chargesBooked: 38_232,
    chargesUnpaid: 25_488,
    credit: 0,
  },
  monthsOfDebt: 2.5,
  debtClass: 'overdue',
  ageing: { lt1: 5_310_000, m1to3: 7_965_000, m3to6: 0, m6to12: 0, ge12: 0 },
  onTimeShare: 0.25,
};

export const FLAG = {
  id: '7d4f3c2a-0000-4000-8000-000000000001',
  unitCode: 'TC0001C',
  code: 'PROLONGED_ARREARS',
  severity: 'medium',
  status: 'open',
  riskScore: 34_072_500,
  evidence: {
    monthsOfDebt: 3.5,
    overduePrincipal: 18_585_000,
    oldestUnpaidPeriod: '2026-02',
    history: [
      { period: '2026-02', monthsOfDebt: 0.5 },
      { period: '2026-03', monthsOfDebt: 1.5 },
      { period: '2026-04', monthsOfDebt: 2.5 },
      { period: '2026-05', monthsOfDebt: 3.5 },
    ],
  },
  raisedAt: '2026-05-01T18:30:00Z',
  updatedAt: '2026-06-30T18:30:00Z',
};

export const CASE = {
  id: 'c0a5e000-0000-4000-8000-000000000002',
  unitCode: 'TC0001C',
  flagId: FLAG.id,
  status: 'reminded',
  assignee: { id: 'u-2', email: 'thanhtra@bhxh.example' },
  transitions: [
    { to: 'open', date: '2026-06-01', by: 'thanhtra@bhxh.example', at: '2026-06-01T02:00:00Z' },
    { to: 'reminded', date: '2026-06-05', note: 'Văn bản đôn đốc số 12/BHXH', by: 'thanhtra@bhxh.example', at: '2026-06-05T02:00:00Z' },
  ],
  reminders: [{ date: '2026-06-05', note: 'Văn bản đôn đốc số 12/BHXH' }],
  sanctions: [{ date: '2026-06-20', amount: 15_000_000, note: 'QĐ xử phạt 34/QĐ-XPHC' }],
};

export const RECEIPTS = {
  items: [
    {
      id: 'r-1',
      valueDate: '2026-06-12',
      amount: 5_310_000,
      bankRef: 'FT26163000001',
      memo: 'CTY HOA BINH NOP BHXH T5/2026',
      payerName: 'CONG TY TNHH CO KHI HOA BINH',
      status: 'suggested',
      unitCode: null,
      method: 'name',
      confidence: 0.9,
      suggestion: { unitCode: 'TC0001C', method: 'name', confidence: 0.9 },
    },
    {
      id: 'r-2',
      valueDate: '2026-06-13',
      amount: 1_200_000,
      bankRef: 'FT26164000002',
      memo: 'NOP TIEN',
      payerName: 'NGUYEN VAN A',
      status: 'unmatched',
      unitCode: null,
      method: null,
      confidence: null,
      suggestion: null,
    },
  ],
  nextCursor: null,
};

export const ARREARS = {
  items: [
    { unitCode: 'TC0001C', officeCode: '06703', overduePrincipal: 13_275_000, chargesUnpaid: 25_488, monthsOfDebt: 2.5, ageing: LEDGER.ageing, debtClass: 'overdue' },
    {
      unitCode: 'TC0002C',
      officeCode: '06703',
      overduePrincipal: 96_000_000,
      chargesUnpaid: 1_250_000,
      monthsOfDebt: 14,
      ageing: { lt1: 6_000_000, m1to3: 12_000_000, m3to6: 18_000_000, m6to12: 36_000_000, ge12: 24_000_000 },
      debtClass: 'prolonged',
    },
  ],
  nextCursor: null,
};

export const RATIO = {
  scope: 'all',
  code: null,
  year: 2026,
  asOf: '2026-06-30',
  all: { numerator: 109_275_000, denominator: 4_062_000_000, percent: 2.69 },
  withoutHardToCollect: { numerator: 13_275_000, denominator: 3_966_000_000, percent: 0.33 },
};

export const RUNS = {
  items: [{ id: 'run-1', asOf: '2026-06-30', status: 'completed', startedAt: '2026-06-30T18:30:00Z', finishedAt: '2026-06-30T18:31:12Z', employers: 712 }],
  nextCursor: null,
};
