import {
  allowedTargets,
  checkTransition,
  CASE_STATUSES,
  CLOSED_CASE_STATUSES,
  type CaseStatus,
} from './case-workflow.util.js';

describe('case ladder (domain.md §10)', () => {
  it.each<[CaseStatus, CaseStatus[]]>([
    ['open', ['reminded', 'paid', 'instalment-plan', 'dismissed']],
    ['reminded', ['reminded', 'reconciled', 'paid', 'instalment-plan', 'dismissed', 'open']],
    [
      'reconciled',
      ['inspection-proposed', 'paid', 'instalment-plan', 'dismissed', 'open', 'reminded'],
    ],
    [
      'inspection-proposed',
      ['inspecting', 'paid', 'instalment-plan', 'dismissed', 'open', 'reminded', 'reconciled'],
    ],
    [
      'inspecting',
      [
        'paid',
        'instalment-plan',
        'dismissed',
        'referred',
        'open',
        'reminded',
        'reconciled',
        'inspection-proposed',
      ],
    ],
  ])('from %s allows %j', (from, targets) => {
    expect(allowedTargets(from)).toEqual(targets);
  });

  it('refuses every transition out of a closed state', () => {
    for (const from of CLOSED_CASE_STATUSES)
      for (const to of CASE_STATUSES)
        expect(checkTransition({ from, to, note: 'x', date: '2026-01-01' })).toEqual({
          reason: 'closed',
          from,
        });
  });

  it('never skips a step forward', () => {
    expect(checkTransition({ from: 'open', to: 'inspecting' })).toMatchObject({
      reason: 'not-allowed',
      allowed: allowedTargets('open'),
    });
    expect(checkTransition({ from: 'reminded', to: 'referred' })).toMatchObject({
      reason: 'not-allowed',
    });
  });

  it('asks for a note to go back or dismiss, and for the date of reminders and minutes', () => {
    expect(checkTransition({ from: 'reconciled', to: 'open' })).toMatchObject({
      reason: 'note-required',
      why: 'backwards',
    });
    expect(
      checkTransition({ from: 'reconciled', to: 'open', note: 'minutes withdrawn' }),
    ).toBeNull();
    expect(checkTransition({ from: 'open', to: 'dismissed', note: '  ' })).toMatchObject({
      reason: 'note-required',
      why: 'dismissed',
    });
    expect(checkTransition({ from: 'open', to: 'reminded' })).toEqual({
      reason: 'date-required',
      to: 'reminded',
    });
    expect(checkTransition({ from: 'reminded', to: 'reconciled', date: '2026-01-10' })).toBeNull();
  });

  it('proposes an inspection only 30 days after the minutes', () => {
    const r = {
      from: 'reconciled' as const,
      to: 'inspection-proposed' as const,
      minutesOn: '2026-01-31',
    };
    expect(checkTransition({ ...r, date: '2026-03-01' })).toMatchObject({
      reason: 'too-early',
      earliest: '2026-03-02',
    });
    expect(checkTransition({ ...r, date: '2026-03-02' })).toBeNull();
    expect(checkTransition({ ...r, minutesOn: null, date: '2026-03-02' })).toMatchObject({
      reason: 'too-early',
      earliest: null,
    });
  });
});
