import { Injectable } from '@nestjs/common';
import { lateRatio, clampAsOfToYear } from '../../domain/ratio.js';
import { yearOf } from '../../domain/dates.js';
import { Clock } from '../../infrastructure/clock.js';
import { NotFoundError } from '../../infrastructure/http/app-error.js';
import type { AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { SnapshotStore, type EmployerSnapshot } from '../snapshots/index.js';
import { NoSnapshotError, ScopeCodeError } from './arrears.errors.js';

export type RatioScope = 'all' | 'province' | 'office' | 'employer';
const BUCKETS = ['lt1', 'm1to3', 'm3to6', 'm6to12', 'ge12'] as const;

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
    if (!day) throw new NoSnapshotError(today);
    return day;
  }

  async arrears(q: {
    user: AuthUser;
    office?: string;
    asOf?: string;
    limit: number;
    cursor?: number;
  }) {
    const day = await this.day(q.asOf);
    if (q.office) scope.assertOffice(q.user, q.office);
    const visible = scope.visibleOffices(q.user);
    const all = await this.snapshots.ofDay(
      day,
      q.office ? { office: q.office } : visible === 'all' ? {} : { offices: visible },
      true,
    );
    if (!all.length && !(await this.snapshots.countDay(day))) throw new NoSnapshotError(day);
    const offset = q.cursor ?? 0;
    const totals = {
      overduePrincipal: 0,
      chargesUnpaid: 0,
      employers: all.length,
      ageing: Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<string, number>,
    };
    for (const s of all) {
      totals.overduePrincipal += s.overduePrincipal;
      totals.chargesUnpaid += s.chargesUnpaid;
      for (const b of BUCKETS) totals.ageing[b]! += s.ageing[b] ?? 0;
    }
    const page = all.slice(offset, offset + q.limit);
    return {
      asOf: day,
      office: q.office ?? null,
      totals,
      items: page.map(arrearsItem),
      nextCursor: offset + q.limit < all.length ? String(offset + q.limit) : null,
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
    const rows = await this.snapshots.ratioRows(day, {
      ...(q.scope === 'province' && { province: q.code! }),
      ...(q.scope === 'office' && { office: q.code! }),
      ...(q.scope === 'employer' && { unitCode: q.code!.toUpperCase() }),
    });
    if (q.scope === 'employer' && rows.some((r) => !scope.canSeeOffice(q.user, r.officeCode))) {
      throw new NotFoundError('Employer', q.code!);
    }
    if (!rows.length) throw new NoSnapshotError(day);
    const r = lateRatio(
      rows.map((s) => ({
        overduePrincipal: s.overduePrincipal,
        ytdReceivable: s.ytdReceivable,
        hardToCollect: s.hardToCollect,
      })),
    );
    return {
      scope: q.scope,
      code: q.code ?? null,
      year,
      asOf: day,
      employers: rows.length,
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
