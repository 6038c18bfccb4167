import { Injectable } from '@nestjs/common';
import type { IsoDate } from '../../domain/dates.js';
import { reminderFigures } from '../../domain/reminder.js';
import type { Actor, AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { CasesService } from '../cases/index.js';
import { EmployerDirectory, EmployerNotFoundError } from '../employers/index.js';
import { FlagQueueService } from '../flags/index.js';
import { OfficesService } from '../offices/index.js';
import { ReconciliationService } from '../reconciliation/index.js';
import { SnapshotStore } from '../snapshots/index.js';
import type { ReminderLetter } from './reminder-pdf.js';
import { NoRunYetError, NoticeFailedError } from './reports.errors.js';

export interface ReminderFilter {
  office: string;
  /** The run day read (default: the latest day reconciled). */
  asOf?: IsoDate;
  /** At least this many months of debt (the 3-decimal value). */
  minMonths?: number;
  debtClass?: string;
  /** With an open flag of this code. */
  flag?: string;
}

export interface ReminderCandidate {
  unitCode: string;
  name: string;
  overduePrincipal: number;
  chargesUnpaid: number;
  monthsOfDebt: number;
  debtClass: string | null;
}

/**
 * Written reminders (domain.md §10) for an office's employers in arrears: who (from the day's snapshots,
 * filtered by months of debt, class and flag), the letters (figures from each employer's ledger as of
 * that day, wording from `templates/`), and "mark as sent", a dated reminder on each employer's case.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly flags: FlagQueueService,
    private readonly directory: EmployerDirectory,
    private readonly offices: OfficesService,
    private readonly reconciliation: ReconciliationService,
    private readonly cases: CasesService,
  ) {}

  async candidates(
    user: AuthUser,
    f: ReminderFilter,
  ): Promise<{ day: IsoDate; items: ReminderCandidate[] }> {
    scope.assertOffice(user, f.office);
    const day = f.asOf ?? (await this.snapshots.latestDay());
    if (!day || !(await this.snapshots.countDay(day))) throw new NoRunYetError(f.asOf ?? null);
    const rows = (await this.snapshots.arrearsPage(day, { office: f.office }, null, 1_000_000)).filter(
      (s) =>
        s.overduePrincipal > 0 &&
        (f.minMonths === undefined || s.monthsOfDebtMilli >= Math.round(f.minMonths * 1000)) &&
        (!f.debtClass || s.debtClass === f.debtClass),
    );
    let flagged: Set<string> | null = null;
    if (f.flag) {
      flagged = new Set();
      for await (const page of this.flags.all({ office: f.office, code: f.flag, status: 'open' }))
        for (const fl of page) flagged.add(fl.unitCode);
    }
    const kept = rows.filter((s) => !flagged || flagged.has(s.unitCode));
    const names = new Map(
      (await this.directory.byUnits(kept.map((s) => s.unitCode))).map((e) => [e.unitCode, e.name]),
    );
    return {
      day,
      items: kept.map((s) => ({
        unitCode: s.unitCode,
        name: names.get(s.unitCode) ?? '',
        overduePrincipal: s.overduePrincipal,
        chargesUnpaid: s.chargesUnpaid,
        monthsOfDebt: s.monthsOfDebtMilli / 1000,
        debtClass: s.debtClass ?? null,
      })),
    };
  }

  /** The letters of these employers with their figures as of D, dated `date`. */
  async letters(
    unitCodes: readonly string[],
    asOf: IsoDate,
    date: IsoDate,
  ): Promise<ReminderLetter[]> {
    const [ledgers, offices] = await Promise.all([
      this.reconciliation.ledgersOf(unitCodes, [asOf]),
      this.offices.list(),
    ]);
    const officeName = new Map(offices.map((o) => [o.code, o.name]));
    const out: ReminderLetter[] = [];
    for (const u of unitCodes) {
      const r = ledgers.get(u);
      if (!r) continue;
      if ('error' in r) throw new NoticeFailedError(u, r.error.code, r.error.message);
      const e = r.inputs.employer;
      out.push({
        figures: reminderFigures(r.ledgers[0]!),
        date,
        party: {
          unitCode: e.unitCode,
          name: e.name,
          taxCode: e.taxCode ?? null,
          officeCode: e.officeCode,
          officeName: officeName.get(e.officeCode) ?? e.officeCode,
        },
      });
    }
    return out;
  }

  /** Employers a user may see, by code (404 for any other, as if it did not exist). */
  async visibleEmployers(user: AuthUser, unitCodes: readonly string[]) {
    const asked = [...new Set(unitCodes.map((u) => u.toUpperCase()))].sort();
    const found = new Map((await this.directory.byUnits(asked)).map((e) => [e.unitCode, e]));
    return asked.map((u) => {
      const e = found.get(u);
      if (!e || !scope.canSeeOffice(user, e.officeCode)) throw new EmployerNotFoundError(u);
      return e;
    });
  }

  /** Records the letters as sent on `date`: a dated reminder on each employer's case. */
  async markSent(
    user: AuthUser,
    actor: Actor,
    unitCodes: readonly string[],
    date: IsoDate,
    note: string | null,
  ) {
    const employers = await this.visibleEmployers(user, unitCodes);
    const results = [];
    for (const e of employers) {
      results.push({
        unitCode: e.unitCode,
        ...(await this.cases.recordReminder(
          { unitCode: e.unitCode, officeCode: e.officeCode },
          date,
          note,
          actor,
        )),
      });
    }
    return { date, results };
  }
}
