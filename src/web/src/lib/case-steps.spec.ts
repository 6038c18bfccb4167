import { isBackward, stepProblem } from './case-steps.js';

describe('case steps in the console', () => {
  it('tells a step back on the ladder from a step forward or a closing state', () => {
    expect(isBackward('reconciled', 'open')).toBe(true);
    expect(isBackward('inspecting', 'reminded')).toBe(true);
    expect(isBackward('reminded', 'reminded')).toBe(false); // another reminder
    expect(isBackward('open', 'reminded')).toBe(false);
    expect(isBackward('inspecting', 'paid')).toBe(false);
    expect(isBackward('paid', 'open')).toBe(false);
  });

  it('asks for a step, a reason going back or dismissing, and a date where the step records one', () => {
    expect(stepProblem('open', '', '', '2026-01-01')).toBe('choose');
    expect(stepProblem('reconciled', 'open', '  ', '2026-01-01')).toBe('reason');
    expect(stepProblem('reconciled', 'open', 'minutes re-signed', '2026-01-01')).toBeNull();
    expect(stepProblem('open', 'dismissed', '', '')).toBe('reason');
    expect(stepProblem('open', 'reminded', '', '')).toBe('date');
    expect(stepProblem('open', 'reminded', '', '2026-01-01')).toBeNull();
    expect(stepProblem('inspecting', 'paid', '', '')).toBeNull();
  });
});
