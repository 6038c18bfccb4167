import type { Actor } from '../../src/modules/access/index.js';
import { AuditEvent } from '../../src/modules/audit/audit-event.entity.js';
import { CaseEvent } from '../../src/modules/cases/case-event.entity.js';
import { CasesService } from '../../src/modules/cases/cases.service.js';
import { Flag } from '../../src/modules/flags/flag.entity.js';
import { FlagsService } from '../../src/modules/flags/flags.service.js';
import { ReconciliationService } from '../../src/modules/reconciliation/reconciliation.service.js';
import { DB_KINDS } from '../support/harness.js';
import { type ServiceContext, startServiceContext } from '../support/service-harness.js';
import { arrangeTinyOffice, TINY_DAY, TINY_EXPECTED } from '../support/tiny-office.js';

/**
 * CasesService (domain.md §10) on a flag of the tiny office's TC0002D (tiny-office.ts: 5 unpaid months,
 * reconciled as of 2026-04-15): a case opened from the flag, moved along the ladder and closed; every
 * change writes one case_event with who, from → to, why, the date it concerns and the employer's
 * arrears as last snapshotted.
 */
describe.each(DB_KINDS)('cases on %s', (kind) => {
  let t: ServiceContext;
  // who acts, as CasesService takes it and its case_event records it
  const officer: Actor = { userId: null, email: 'officer@spec.example', ip: '127.0.0.1' };
  const inspector: Actor = { userId: null, email: 'inspector@spec.example', ip: '127.0.0.1' };
  const audits = () => t.em().find(AuditEvent, { objectType: 'case' }, { orderBy: { id: 'asc' } });
  let flagId: number;
  let caseId: number;
  const cases = () => t.ctx.get(CasesService);
  const events = () => t.em().find(CaseEvent, { caseId }, { orderBy: { id: 'asc' } });
  const arrears = {
    day: TINY_DAY,
    overduePrincipal: TINY_EXPECTED.TC0002D.overduePrincipal,
    principalOutstanding: TINY_EXPECTED.TC0002D.principalOutstanding,
    chargesUnpaid: TINY_EXPECTED.TC0002D.chargesUnpaid,
    credit: 0,
    monthsOfDebtMilli: 5000,
    debtClass: 'prolonged',
  };

  beforeAll(async () => {
    t = await startServiceContext(kind);
    await arrangeTinyOffice(t);
    await t.ctx.get(ReconciliationService).reconcile(['TC0002D'], TINY_DAY);
    // the flag a day run raises for 5 months of debt (raised here, or updated if the run raised it)
    await t.ctx.get(FlagsService).applyEvaluation(t.em(), {
      unitCode: 'TC0002D',
      officeCode: '06703',
      asOf: TINY_DAY,
      flags: [
        {
          code: 'PROLONGED_ARREARS',
          severity: 'medium',
          evidence: { monthsOfDebtMilli: 5000 },
          riskScore: 22_656_000,
        },
      ],
      monthsOfDebtMilli: 5000,
    });
    const flag = await t
      .em()
      .findOneOrFail(Flag, { unitCode: 'TC0002D', code: 'PROLONGED_ARREARS', status: 'open' });
    flagId = flag.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens a case from a flag: the flag is linked and an opened event records the arrears', async () => {
    const c = await cases().open([flagId], 'Nợ kéo dài 5 tháng', officer);
    caseId = c.id;
    expect(c).toMatchObject({
      unitCode: 'TC0002D',
      officeCode: '06703',
      status: 'open',
      reminders: 0,
      openedBy: officer.email,
    });
    expect((await t.em().findOneOrFail(Flag, { id: flagId })).caseId).toBe(caseId);
    expect(await events()).toEqual([
      expect.objectContaining({
        kind: 'opened',
        actor: officer.email,
        fromStatus: null,
        toStatus: 'open',
        note: 'Nợ kéo dài 5 tháng',
        arrears,
      }),
    ]);
    // a flag is worked in one active case at a time
    await expect(cases().open([flagId], null, inspector)).rejects.toMatchObject({
      code: 'FLAG_IN_ACTIVE_CASE',
    });
  });

  it('a reminder is a transition with its date; skipping a step or dismissing without a reason is refused', async () => {
    const c = await cases().transition(caseId, 'reminded', null, '2026-04-20', officer);
    expect(c).toMatchObject({ status: 'reminded', reminders: 1, lastReminderOn: '2026-04-20' });
    await expect(
      cases().transition(caseId, 'inspecting', null, null, officer),
    ).rejects.toMatchObject({ code: 'CASE_TRANSITION_NOT_ALLOWED' });
    await expect(
      cases().transition(caseId, 'dismissed', null, null, officer),
    ).rejects.toMatchObject({ code: 'CASE_NOTE_REQUIRED' });
    // refusals write nothing
    expect((await events()).map((e) => [e.kind, e.fromStatus, e.toStatus, e.date])).toEqual([
      ['opened', null, 'open', null],
      ['transition', 'open', 'reminded', '2026-04-20'],
    ]);
    expect((await events())[1]).toMatchObject({ actor: officer.email, arrears });
    // the audit trail has each change, written in the change's own transaction: the refused steps
    // above left no audit row behind
    expect((await audits()).map((a) => [a.action, a.email, a.objectId, a.details])).toEqual([
      ['case.open', officer.email, String(caseId), { flagIds: [flagId] }],
      ['case.transition', officer.email, String(caseId), { to: 'reminded', date: '2026-04-20' }],
    ]);
  });

  it('closing the case closes its flag whose condition has cleared; a closed case takes no more steps', async () => {
    // the employer paid: a later day's evaluation finds no condition
    await t.ctx.get(FlagsService).applyEvaluation(t.em(), {
      unitCode: 'TC0002D',
      officeCode: '06703',
      asOf: '2026-05-15',
      flags: [],
      monthsOfDebtMilli: 0,
    });
    expect((await t.em().findOneOrFail(Flag, { id: flagId })).status).toBe('condition-cleared');
    const c = await cases().transition(caseId, 'paid', 'Đã nộp đủ', null, inspector);
    expect(c.status).toBe('paid');
    expect(c.closedAt).toBeInstanceOf(Date);
    expect(await t.em().findOneOrFail(Flag, { id: flagId })).toMatchObject({
      status: 'closed',
      caseId,
    });
    await expect(
      cases().transition(caseId, 'reminded', null, '2026-05-20', officer),
    ).rejects.toMatchObject({ code: 'CASE_CLOSED' });
    const all = await events();
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({
      kind: 'transition',
      actor: inspector.email,
      fromStatus: 'reminded',
      toStatus: 'paid',
      note: 'Đã nộp đủ',
      date: null,
      arrears,
    });
  });
});
