/**
 * The case ladder as the console needs it (domain.md §10; the server's `case-workflow.util.ts` is the
 * rule): which way a step goes, so going back can ask for the reason before the server refuses it.
 */
export const CASE_LADDER = ['open', 'reminded', 'reconciled', 'inspection-proposed', 'inspecting'] as const;

/** A move to an earlier rung of the ladder (a closing state is never "back"). */
export function isBackward(from: string, to: string): boolean {
  const i = (CASE_LADDER as readonly string[]).indexOf(from);
  const j = (CASE_LADDER as readonly string[]).indexOf(to);
  return i >= 0 && j >= 0 && j < i;
}

/** What a step needs before it is sent: a reason going back or dismissing, a date for reminders and minutes. */
export function stepProblem(from: string, to: string, note: string, date: string): 'choose' | 'reason' | 'date' | null {
  if (!to) return 'choose';
  if ((isBackward(from, to) || to === 'dismissed') && !note.trim()) return 'reason';
  if ((to === 'reminded' || to === 'reconciled') && !date) return 'date';
  return null;
}
