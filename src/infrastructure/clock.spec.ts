import { businessToday, businessYesterday } from './clock.js';

describe('business clock', () => {
  it('takes the calendar day in Asia/Ho_Chi_Minh (UTC+7), not UTC', () => {
    // 2026-03-31 18:30 UTC is 2026-04-01 01:30 in Hanoi: the nightly run then recomputes 2026-03-31
    const at = new Date('2026-03-31T18:30:00Z');
    expect(businessToday('Asia/Ho_Chi_Minh', at)).toBe('2026-04-01');
    expect(businessYesterday('Asia/Ho_Chi_Minh', at)).toBe('2026-03-31');
    expect(businessToday('UTC', at)).toBe('2026-03-31');
  });
});
