import type { CaseEvent } from './case-event.entity.js';
import { allowedTargets } from './case-workflow.util.js';
import type { InspectionCase } from './inspection-case.entity.js';

export function caseView(c: InspectionCase) {
  return {
    id: c.id,
    unitCode: c.unitCode,
    officeCode: c.officeCode,
    status: c.status,
    allowedTransitions: allowedTargets(c.status),
    assignee: c.assignee ?? null,
    reminders: c.reminders,
    lastReminderOn: c.lastReminderOn ?? null,
    minutesOn: c.minutesOn ?? null,
    openedBy: c.openedBy,
    openedAt: c.openedAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt ?? null,
  };
}

export function eventView(e: CaseEvent) {
  return {
    id: e.id,
    kind: e.kind,
    actor: e.actor,
    at: e.at,
    from: e.fromStatus ?? null,
    to: e.toStatus ?? null,
    note: e.note ?? null,
    date: e.date ?? null,
    amount: e.amount ?? null,
    assignee: e.assignee ?? null,
    arrears: e.arrears ?? null,
  };
}
