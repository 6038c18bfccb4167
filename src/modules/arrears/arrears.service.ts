import { Injectable } from '@nestjs/common';
import { lateRatio, clampAsOfToYear } from '../../domain/ratio.js';
import { yearOf } from '../../domain/dates.js';
import { Clock } from '../../infrastructure/clock.js';
import { NotFoundError } from '../../infrastructure/http/app-error.js';
import { intPart, keysetPage, readCursor, textPart } from '../../infrastructure/http/keyset.js';
import type { AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { SnapshotStore, type EmployerSnapshot } from '../snapshots/index.js';
import { NoRunForDayError, NoSnapshotError, ScopeCodeError } from './arrears.errors.js';

export type RatioScope = 'all' | 'province' | 'office' | 'employer';

/** Arrears and late-payment ratios, read from the employers' snapshots of one day (domain.md §7). */
@Injectable()
export class ArrearsService {
  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly clock: Clock,
  ) {}

  /** The day asked for, or the latest day reconciled up to today. */
  private async day(asOf?: string): Promise<string> {
    if (asOf) return asOf;
    const today = this.clock.today();
    const day = await this.snapshots.latestDay(today);
    if (!day) throw await this.noRun(today);
    return day;
  }

  /** 409 NO_RUN_FOR_DAY for a day never run, with the nearest days that were. */
  private async noRun(day: string): Promise<NoRunForDayError> {
    return new NoRunForDayError(day, await this.snapshots.nearestDays(day));
  }

  async arrears(q: {
    user: AuthUser;
    office?: string;
    asOf?: string;
    limit: number;
    cursor?: string;
  }) {
    const day = await this.day(q.asOf);
    if (q.office) scope.assertOffice(q.user, q.office);
    const visible = scope.visibleOffices(q.user);
    const where = q.office ? { office: q.office } : visible === 'all' ? {} : { offices: visible };
    // the sums are the database's; only the page's rows are read
    const { employers, overduePrincipal, chargesUnpaid, ageing } =
      await this.snapshots.arrearsTotals(day, where);
    if (!employers && !(await this.snapshots.countDay(day))) throw await this.noRun(day);
    const after = q.cursor ? readCursor(q.cursor, [intPart, textPart(10)] as const) : null;
    const rows = await this.snapshots.arrearsPage(
      day,
      where,
      after && { overduePrincipal: after[0], unitCode: after[1] },
      q.limit + 1,
    );
    const page = keysetPage(rows, q.limit, (r) => [r.overduePrincipal, r.unitCode]);
    return {
      asOf: day,
      office: q.office ?? null,
      totals: { overduePrincipal, chargesUnpaid, employers, ageing },
      items: page.items.map(arrearsItem),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Ratios of the whole system and of a province are aggregates any signed-in user may read; an office's
   * or an employer's figures only within the user's offices.
   */
  async ratio(q: {
    user: AuthUser;
    scope: RatioScope;
    code?: string;
    year?: number;
    asOf?: string;
  }) {
    if (q.scope !== 'all' && !q.code) throw new ScopeCodeError(q.scope);
    if (q.scope === 'office') scope.assertOffice(q.user, q.code!);
    const asOf = q.asOf ?? this.clock.today();
    const year = q.year ?? yearOf(asOf);
    const day = clampAsOfToYear(year, asOf);
    let r: ReturnType<typeof lateRatio>;
    let employers: number;
    if (q.scope === 'employer') {
      const rows = await this.snapshots.ratioRows(day, { unitCode: q.code!.toUpperCase() });
      if (rows.some((row) => !scope.canSeeOffice(q.user, row.officeCode))) {
        throw new NotFoundError('Employer', q.code!);
      }
      if (!rows.length) throw new NoSnapshotError(day);
      employers = rows.length;
      r = lateRatio(rows);
    } else {
      // an office, a province or all: the database adds up, whatever the number of employers
      const t = await this.snapshots.ratioTotals(day, {
        ...(q.scope === 'province' && { province: q.code! }),
        ...(q.scope === 'office' && { office: q.code! }),
      });
      if (!t.employers) {
        // a day never run, or a run with no employer in scope
        throw (await this.snapshots.countDay(day))
          ? new NoSnapshotError(day)
          : await this.noRun(day);
      }
      employers = t.employers;
      // the ratio of the sums: all employers as one item, those hard to collect as one more
      r = lateRatio([
        {
          overduePrincipal: t.overduePrincipal - t.hardToCollect.overduePrincipal,
          ytdReceivable: t.ytdReceivable - t.hardToCollect.ytdReceivable,
          hardToCollect: false,
        },
        { ...t.hardToCollect, hardToCollect: true },
      ]);
    }
    return {
      scope: q.scope,
      code: q.code ?? null,
      year,
      asOf: day,
      employers,
      all: r.all,
      withoutHardToCollect: r.withoutHardToCollect,
    };
  }
}

export function arrearsItem(s: EmployerSnapshot) {
  return {
    unitCode: s.unitCode,
    officeCode: s.officeCode,
    overduePrincipal: s.overduePrincipal,
    chargesUnpaid: s.chargesUnpaid,
    monthsOfDebt: s.monthsOfDebtMilli / 1000,
    ageing: s.ageing,
    debtClass: s.debtClass ?? null,
  };
}
