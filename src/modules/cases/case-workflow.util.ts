import { addDays } from '../../domain/dates.js';

/**
 * The case ladder of domain.md §10, in one place. Pure: no clock, no database.
 *
 *   open → reminded → reconciled → inspection-proposed → inspecting → paid | instalment-plan | dismissed | referred
 *
 * | from                | forward (no note needed)                                  | closing states reachable |
 * |---------------------|-----------------------------------------------------------|--------------------------|
 * | open                | reminded                                                  | paid, instalment-plan, dismissed |
 * | reminded            | reminded (each reminder is recorded), reconciled          | paid, instalment-plan, dismissed |
 * | reconciled          | inspection-proposed (≥ 30 days after the minutes date)    | paid, instalment-plan, dismissed |
 * | inspection-proposed | inspecting                                                | paid, instalment-plan, dismissed |
 * | inspecting          | —                                                         | paid, instalment-plan, dismissed, referred |
 * | a closing state     | nothing: a closed case refuses transitions                |                          |
 *
 * - No step forward may be skipped: the ladder's steps are what the law asks before escalating.
 * - `paid`, `instalment-plan` and `dismissed` close a case from any active state (the employer can pay or
 *   agree a plan at any point); `referred` (People's Committee enforcement / police, art. 216) only after an
 *   inspection.
 * - Going back to any earlier active state is allowed with a note (why), e.g. minutes re-signed.
 * - `dismissed` needs a note (the reason); `reminded` and `reconciled` need the date (reminder date, date
 *   the minutes were signed), whichever way they are reached.
 * - `inspection-proposed` only once the debt stayed unpaid 30 days after the minutes: its date (default
 *   today) must be ≥ minutes date + 30 days. Whether it is still unpaid is the inspector's call, shown by
 *   the arrears snapshot each event records.
 */
export const ACTIVE_CASE_STATUSES = [
  'open',
  'reminded',
  'reconciled',
  'inspection-proposed',
  'inspecting',
] as const;
export const CLOSED_CASE_STATUSES = ['paid', 'instalment-plan', 'dismissed', 'referred'] as const;
export type ActiveCaseStatus = (typeof ACTIVE_CASE_STATUSES)[number];
export type ClosedCaseStatus = (typeof CLOSED_CASE_STATUSES)[number];
export type CaseStatus = ActiveCaseStatus | ClosedCaseStatus;
export const CASE_STATUSES: readonly CaseStatus[] = [
  ...ACTIVE_CASE_STATUSES,
  ...CLOSED_CASE_STATUSES,
];

const CLOSE_ANYTIME: readonly CaseStatus[] = ['paid', 'instalment-plan', 'dismissed'];

/** Forward moves, without a note. */
export const FORWARD_TRANSITIONS: Readonly<Record<ActiveCaseStatus, readonly CaseStatus[]>> = {
  open: ['reminded', ...CLOSE_ANYTIME],
  reminded: ['reminded', 'reconciled', ...CLOSE_ANYTIME],
  reconciled: ['inspection-proposed', ...CLOSE_ANYTIME],
  'inspection-proposed': ['inspecting', ...CLOSE_ANYTIME],
  inspecting: [...CLOSE_ANYTIME, 'referred'],
};

/** Days the debt must stay unpaid after the minutes before an inspection is proposed (§10). */
export const DAYS_AFTER_MINUTES = 30;

export function isClosed(status: CaseStatus): status is ClosedCaseStatus {
  return (CLOSED_CASE_STATUSES as readonly string[]).includes(status);
}

/** Earlier active states one may go back to (with a note). */
export function backwardTargets(from: ActiveCaseStatus): ActiveCaseStatus[] {
  return ACTIVE_CASE_STATUSES.slice(0, ACTIVE_CASE_STATUSES.indexOf(from));
}

/** Every target from `from`, forward first; none from a closed state. */
export function allowedTargets(from: CaseStatus): CaseStatus[] {
  if (isClosed(from)) return [];
  return [...FORWARD_TRANSITIONS[from], ...backwardTargets(from)];
}

export interface TransitionRequest {
  from: CaseStatus;
  to: CaseStatus;
  note?: string | null;
  /** The day the step concerns (reminder, minutes, proposal), `YYYY-MM-DD`. */
  date?: string | null;
  /** Minutes date recorded on the case, if any. */
  minutesOn?: string | null;
}

/** Why a transition is refused; the service turns it into a coded error. */
export type TransitionRefusal =
  | { reason: 'closed'; from: CaseStatus }
  | { reason: 'not-allowed'; from: CaseStatus; to: CaseStatus; allowed: CaseStatus[] }
  | { reason: 'note-required'; from: CaseStatus; to: CaseStatus; why: 'dismissed' | 'backwards' }
  | { reason: 'date-required'; to: CaseStatus }
  | { reason: 'too-early'; minutesOn: string | null; earliest: string | null };

/** Checks a transition against the ladder; null when it is allowed. `date` must already be filled. */
export function checkTransition(r: TransitionRequest): TransitionRefusal | null {
  if (isClosed(r.from)) return { reason: 'closed', from: r.from };
  const forward = FORWARD_TRANSITIONS[r.from].includes(r.to);
  const backward = (backwardTargets(r.from) as CaseStatus[]).includes(r.to);
  if (!forward && !backward)
    return { reason: 'not-allowed', from: r.from, to: r.to, allowed: allowedTargets(r.from) };
  const hasNote = !!r.note && r.note.trim().length > 0;
  if (backward && !hasNote)
    return { reason: 'note-required', from: r.from, to: r.to, why: 'backwards' };
  if (r.to === 'dismissed' && !hasNote)
    return { reason: 'note-required', from: r.from, to: r.to, why: 'dismissed' };
  if ((r.to === 'reminded' || r.to === 'reconciled') && !r.date)
    return { reason: 'date-required', to: r.to };
  if (r.to === 'inspection-proposed') {
    const earliest = r.minutesOn ? addDays(r.minutesOn, DAYS_AFTER_MINUTES) : null;
    if (!earliest || !r.date || r.date < earliest)
      return { reason: 'too-early', minutesOn: r.minutesOn ?? null, earliest };
  }
  return null;
}
