import { cycleEnd, dueDate } from './due-dates.js';

describe('§4 due dates', () => {
  it.each([
    // old law (≤ 2025-06): last day of the same month / of the cycle's last month
    ['2020-02', 'monthly', '2020-02-29'],
    ['2025-06', 'monthly', '2025-06-30'],
    ['2025-01', 'quarterly', '2025-03-31'],
    ['2025-05', 'quarterly', '2025-06-30'],
    ['2025-02', 'semiannual', '2025-06-30'],
    ['2024-08', 'semiannual', '2024-12-31'],
    // new law (≥ 2025-07): last day of the following month / of the month after the cycle
    ['2025-07', 'monthly', '2025-08-31'],
    ['2026-01', 'monthly', '2026-02-28'],
    ['2025-12', 'monthly', '2026-01-31'],
    ['2025-07', 'quarterly', '2025-10-31'],
    ['2025-09', 'quarterly', '2025-10-31'],
    ['2026-11', 'quarterly', '2027-01-31'],
    ['2025-08', 'semiannual', '2026-01-31'],
    ['2026-03', 'semiannual', '2026-07-31'],
  ] as const)('%s %s → %s', (p, c, want) => expect(dueDate(p, c)).toBe(want));
  it('cycles are calendar quarters and halves', () => {
    expect(cycleEnd('2026-04', 'quarterly')).toBe('2026-06');
    expect(cycleEnd('2026-07', 'semiannual')).toBe('2026-12');
    expect(cycleEnd('2026-07', 'monthly')).toBe('2026-07');
  });
});
