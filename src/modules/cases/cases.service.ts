import { EntityManager, OptimisticLockError, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../infrastructure/http/app-error.js';
import { intPart, keysetPage, readCursor } from '../../infrastructure/http/keyset.js';
import { PAGE_MAX } from '../../infrastructure/http/page-limit.decorator.js';
import type { Actor } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import { FlagQueueService, FlagsService } from '../flags/index.js';
import { SnapshotStore } from '../snapshots/index.js';
import { Clock } from '../../infrastructure/clock.js';
import { CaseEvent, type ArrearsSnapshot, type CaseEventKind } from './case-event.entity.js';
import {
  ACTIVE_CASE_STATUSES,
  CLOSED_CASE_STATUSES,
  checkTransition,
  isClosed,
  type CaseStatus,
} from './case-workflow.util.js';
import {
  CaseChangedError,
  CaseDateInFutureError,
  CaseFlagsError,
  CaseTransitionError,
  FlagInActiveCaseError,
} from './cases.errors.js';
import { InspectionCase } from './inspection-case.entity.js';

export interface CaseFilter {
  /** A status, or `active` / `closed` for the group. */
  status?: string;
  office?: string;
  /** The offices a user may see (absent: all). */
  offices?: string[];
  assignee?: string;
  unit?: string;
}

/**
 * Inspection cases (domain.md §10). Every change writes a `case_event` with who, when, from → to, why,
 * the date it concerns and the employer's arrears as last snapshotted.
 *
 * Closing a case (any closing state) closes its flags whose condition has already cleared; flags still
 * open stay open — the condition holds, so they stay in the queue until a nightly run clears them (a paid
 * employer's flags clear on the next run), and a new case may be opened from them.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly em: EntityManager,
    private readonly flags: FlagsService,
    private readonly flagQueue: FlagQueueService,
    private readonly snapshots: SnapshotStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return this.clock.today();
  }

  private checkDate(date: string | null | undefined): void {
    const today = this.today();
    if (date && date > today) throw new CaseDateInFutureError(date, today);
  }

  private async arrears(em: EntityManager, unitCode: string): Promise<ArrearsSnapshot | null> {
    const s = await this.snapshots.latestOf(unitCode, em);
    if (!s) return null;
    return {
      day: s.day,
      overduePrincipal: s.overduePrincipal,
      principalOutstanding: s.principalOutstanding,
      chargesUnpaid: s.chargesUnpaid,
      credit: s.credit,
      monthsOfDebtMilli: s.monthsOfDebtMilli,
      debtClass: s.debtClass ?? null,
    };
  }

  private async record(
    em: EntityManager,
    c: InspectionCase,
    kind: CaseEventKind,
    actor: Actor,
    fields: Partial<
      Pick<CaseEvent, 'fromStatus' | 'toStatus' | 'note' | 'date' | 'amount' | 'assignee'>
    >,
  ): Promise<void> {
    em.create(CaseEvent, {
      caseId: c.id,
      unitCode: c.unitCode,
      kind,
      actor: actorName(actor),
      at: this.clock.now(),
      arrears: await this.arrears(em, c.unitCode),
      ...fields,
    });
  }

  /**
   * Runs a change of one case in a transaction, with its audit event in the same transaction; a
   * concurrent change of the same case is refused.
   */
  private async change(
    id: number,
    actor: Actor,
    audit: { action: string; details: Record<string, unknown> },
    fn: (em: EntityManager, c: InspectionCase) => Promise<void>,
  ): Promise<InspectionCase> {
    try {
      return await this.em.fork().transactional(async (em) => {
        const c = await em.findOne(InspectionCase, { id });
        if (!c) throw new NotFoundError('Case', String(id));
        await fn(em, c);
        c.updatedAt = this.clock.now();
        await em.flush();
        await this.audit.record(
          actor,
          {
            action: audit.action,
            objectType: 'case',
            objectId: String(id),
            details: audit.details,
          },
          em,
        );
        return c;
      });
    } catch (e) {
      if (e instanceof OptimisticLockError) throw new CaseChangedError(id);
      throw e;
    }
  }

  /** Opens a case from flags of one employer, none of them in an active case already. */
  async open(flagIds: number[], note: string | null, actor: Actor): Promise<InspectionCase> {
    const ids = [...new Set(flagIds)];
    return this.em.fork().transactional(async (em) => {
      const flags = await this.flags.byIds(em, ids);
      const missing = ids.filter((id) => !flags.some((f) => f.id === id));
      if (missing.length)
        throw new CaseFlagsError(
          'CASE_FLAGS_NOT_FOUND',
          `Flag${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not found`,
          { missing },
        );
      const units = [...new Set(flags.map((f) => f.unitCode))];
      if (units.length > 1) {
        throw new CaseFlagsError(
          'CASE_FLAGS_MIXED_EMPLOYERS',
          `A case is about one employer; these flags are of ${units.join(', ')}`,
          { units },
        );
      }
      const closed = flags.filter((f) => f.status === 'closed').map((f) => f.id);
      if (closed.length)
        throw new CaseFlagsError(
          'CASE_FLAGS_CLOSED',
          `Flag${closed.length > 1 ? 's' : ''} ${closed.join(', ')} closed already`,
          { closed },
        );
      const linked = [...new Set(flags.map((f) => f.caseId).filter((c): c is number => c != null))];
      if (linked.length) {
        const active = await em.find(InspectionCase, {
          id: { $in: linked },
          status: { $in: [...ACTIVE_CASE_STATUSES] },
        });
        if (active.length) {
          throw new FlagInActiveCaseError(
            flags
              .filter((f) => active.some((c) => c.id === f.caseId))
              .map((f) => ({
                flagId: f.id,
                caseId: f.caseId!,
                status: active.find((c) => c.id === f.caseId)!.status,
              })),
          );
        }
      }
      const c = em.create(InspectionCase, {
        unitCode: units[0]!,
        officeCode: flags[0]!.officeCode,
        status: 'open',
        reminders: 0,
        version: 1,
        openedBy: actorName(actor),
        openedAt: this.clock.now(),
        updatedAt: this.clock.now(),
      });
      await em.flush();
      // linked only where the flag is still as read: two cases opened at once never share a flag
      for (const f of flags) {
        if (!(await this.flags.linkToCase(em, f.id, f.caseId ?? null, c.id)))
          throw new FlagInActiveCaseError([{ flagId: f.id, caseId: null, status: null }]);
      }
      await this.record(em, c, 'opened', actor, { toStatus: 'open', note });
      await em.flush();
      await this.audit.record(
        actor,
        { action: 'case.open', objectType: 'case', objectId: String(c.id), details: { flagIds } },
        em,
      );
      return c;
    });
  }

  /**
   * A written reminder sent to an employer (domain.md §10; `EVASION_SUSPECTED` reads its date, §9): a
   * `reminded` step dated `date` on the employer's active case, a case opened first where none is active.
   * A case past the reminder step (minutes signed, inspection) keeps its state: the reminder is recorded
   * as a dated note there, and `recorded` is false. The change and its audit event commit together.
   */
  async recordReminder(
    employer: { unitCode: string; officeCode: string },
    date: string,
    note: string | null,
    actor: Actor,
  ): Promise<{ caseId: number; opened: boolean; recorded: boolean; status: CaseStatus }> {
    this.checkDate(date);
    return this.em.fork().transactional(async (em) => {
      let c = await em.findOne(
        InspectionCase,
        { unitCode: employer.unitCode, status: { $in: [...ACTIVE_CASE_STATUSES] } },
        { orderBy: { openedAt: 'desc' } },
      );
      const opened = !c;
      if (!c) {
        c = em.create(InspectionCase, {
          unitCode: employer.unitCode,
          officeCode: employer.officeCode,
          status: 'open',
          reminders: 0,
          version: 1,
          openedBy: actorName(actor),
          openedAt: this.clock.now(),
          updatedAt: this.clock.now(),
        });
        await em.flush();
        await this.record(em, c, 'opened', actor, { toStatus: 'open', note: 'reminder letter' });
      }
      const from = c.status;
      const recorded = from === 'open' || from === 'reminded';
      if (recorded) {
        c.status = 'reminded';
        c.lastReminderOn = !c.lastReminderOn || date > c.lastReminderOn ? date : c.lastReminderOn;
        c.reminders += 1;
        await this.record(em, c, 'transition', actor, {
          fromStatus: from,
          toStatus: 'reminded',
          note,
          date,
        });
      } else {
        await this.record(em, c, 'note', actor, { note: `reminder letter sent ${date}`, date });
      }
      c.updatedAt = this.clock.now();
      await em.flush();
      await this.audit.record(
        actor,
        {
          action: 'case.reminder',
          objectType: 'case',
          objectId: String(c.id),
          details: { unitCode: employer.unitCode, date, opened, recorded },
        },
        em,
      );
      return { caseId: c.id, opened, recorded, status: c.status };
    });
  }

  /** One step of the ladder (case-workflow.util.ts). */
  async transition(
    id: number,
    to: CaseStatus,
    note: string | null,
    date: string | null,
    actor: Actor,
  ): Promise<InspectionCase> {
    this.checkDate(date);
    const audit = { action: 'case.transition', details: { to, date } };
    return this.change(id, actor, audit, async (em, c) => {
      const from = c.status;
      const when = date ?? (to === 'inspection-proposed' ? this.today() : null);
      const refusal = checkTransition({ from, to, note, date: when, minutesOn: c.minutesOn });
      if (refusal) throw new CaseTransitionError(id, refusal);
      c.status = to;
      if (to === 'reminded') {
        c.lastReminderOn = !c.lastReminderOn || when! > c.lastReminderOn ? when : c.lastReminderOn;
        c.reminders += 1;
      }
      if (to === 'reconciled') c.minutesOn = when;
      if (isClosed(to)) {
        c.closedAt = this.clock.now();
        await this.flags.closeClearedOfCase(em, c.id, c.closedAt);
      }
      await this.record(em, c, 'transition', actor, {
        fromStatus: from,
        toStatus: to,
        note,
        date: when,
      });
    });
  }

  async assign(
    id: number,
    inspector: string,
    note: string | null,
    actor: Actor,
  ): Promise<InspectionCase> {
    const audit = { action: 'case.assign', details: { inspector } };
    return this.change(id, actor, audit, async (em, c) => {
      if (isClosed(c.status))
        throw new CaseTransitionError(id, { reason: 'closed', from: c.status });
      c.assignee = inspector;
      await this.record(em, c, 'assigned', actor, { assignee: inspector, note });
    });
  }

  /** An administrative sanction decision (§10: in any state); §9's CRIMINAL_THRESHOLD reads its date. */
  async sanction(
    id: number,
    date: string,
    amount: number,
    note: string | null,
    actor: Actor,
  ): Promise<InspectionCase> {
    this.checkDate(date);
    const audit = { action: 'case.sanction', details: { date, amount } };
    return this.change(id, actor, audit, async (em, c) => {
      await this.record(em, c, 'sanction', actor, { date, amount, note });
    });
  }

  async note(id: number, note: string, actor: Actor): Promise<InspectionCase> {
    return this.change(id, actor, { action: 'case.note', details: {} }, async (em, c) => {
      await this.record(em, c, 'note', actor, { note });
    });
  }

  private where(filter: CaseFilter): FilterQuery<InspectionCase> {
    const where: Record<string, unknown> = {};
    if (filter.status === 'active') where.status = { $in: [...ACTIVE_CASE_STATUSES] };
    else if (filter.status === 'closed') where.status = { $in: [...CLOSED_CASE_STATUSES] };
    else if (filter.status) where.status = filter.status;
    if (filter.office) where.officeCode = filter.office;
    else if (filter.offices) where.officeCode = { $in: filter.offices };
    if (filter.assignee) where.assignee = filter.assignee;
    if (filter.unit) where.unitCode = filter.unit;
    return where as FilterQuery<InspectionCase>;
  }

  /** The newest active case of each of these employers (the inspection queue's "case open"). */
  async activeCasesOf(unitCodes: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!unitCodes.length) return out;
    // plain rows (a queue page asks for 50 employers at every request): no entity is built
    const rows = (await this.em
      .fork()
      .getConnection()
      .execute(
        `select id, unit_code from inspection_case
          where unit_code in (${unitCodes.map(() => '?').join(',')})
            and status in (${ACTIVE_CASE_STATUSES.map(() => '?').join(',')})
          order by id asc`,
        [...unitCodes, ...ACTIVE_CASE_STATUSES],
      )) as { id: unknown; unit_code: string }[];
    for (const r of rows) out.set(r.unit_code, Number(r.id));
    return out;
  }

  /** Newest first; keyset pages by id. */
  async page(filter: CaseFilter, limit = 50, cursor?: string) {
    const n = Math.min(Math.max(1, Math.trunc(limit)), PAGE_MAX);
    const where = cursor
      ? { $and: [this.where(filter), { id: { $lt: readCursor(cursor, [intPart])[0] } }] }
      : this.where(filter);
    const rows = await this.em.fork().find(InspectionCase, where as FilterQuery<InspectionCase>, {
      orderBy: { id: 'desc' },
      limit: n + 1,
    });
    return keysetPage(rows, n, (c) => [c.id]);
  }

  async *all(filter: CaseFilter): AsyncGenerator<InspectionCase[]> {
    let cursor: string | undefined;
    for (;;) {
      const { items, nextCursor } = await this.page(filter, PAGE_MAX, cursor);
      if (items.length) yield items;
      if (!nextCursor) return;
      cursor = nextCursor;
    }
  }

  /** The office of a case (null: no such case). */
  async officeOf(id: number): Promise<string | null> {
    const c = await this.em.fork().findOne(InspectionCase, { id }, { fields: ['officeCode'] });
    return c?.officeCode ?? null;
  }

  /** A case with its flags and its timeline (oldest event first). */
  async detail(id: number) {
    const em = this.em.fork();
    const c = await em.findOne(InspectionCase, { id });
    if (!c) throw new NotFoundError('Case', String(id));
    const [flags, events] = await Promise.all([
      this.flagQueue.forCase(id),
      em.find(CaseEvent, { caseId: id }, { orderBy: { id: 'asc' } }),
    ]);
    return { case: c, flags, events };
  }
}

/** How a case event names who acted: the signed-in user's email, `system` outside a request. */
function actorName(actor: Actor): string {
  return actor.email ? actor.email.slice(0, 200) : 'system';
}
