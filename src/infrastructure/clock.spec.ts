import { businessToday, FixedClock, SystemClock } from './clock.js';

describe('business clock', () => {
  it('takes the calendar day in Asia/Ho_Chi_Minh (UTC+7), not UTC', () => {
    // 2026-03-31 18:30 UTC is 2026-04-01 01:30 in Hanoi: the nightly run then recomputes 2026-03-31
    const at = new Date('2026-03-31T18:30:00Z');
    const clock = new FixedClock(at, 'Asia/Ho_Chi_Minh');
    expect(clock.today()).toBe('2026-04-01');
    expect(clock.yesterday()).toBe('2026-03-31');
    expect(businessToday('UTC', at)).toBe('2026-03-31');
  });

  it('a fixed clock does not move and hands out copies', () => {
    const clock = new FixedClock(new Date('2026-06-30T03:00:00Z'), 'Asia/Ho_Chi_Minh');
    const a = clock.now();
    a.setFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-06-30T03:00:00.000Z');
    expect(clock.today()).toBe('2026-06-30');
  });

  it('the system clock reads the time of the machine', () => {
    const before = Date.now();
    const t = new SystemClock('UTC').now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
