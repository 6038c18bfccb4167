import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  addMonths,
  lastDayOf,
  periodOf,
  periodRange,
  yearOf,
  type IsoDate,
  type Period,
} from '../../domain/dates.js';
import { lateRatio, type LateRatio } from '../../domain/ratio.js';
import { Clock } from '../../infrastructure/clock.js';
import { AppError, NotFoundError } from '../../infrastructure/http/app-error.js';
import type { Actor, AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import { EmployerDirectory } from '../employers/index.js';
import { OfficesService } from '../offices/index.js';
import { SnapshotStore, type SnapshotScope } from '../snapshots/index.js';
import { RatioTarget } from './report.entity.js';
import { NoRunYetError } from './reports.errors.js';

export type SeriesScope = 'all' | 'province' | 'office' | 'employer';

type Totals =
  Awaited<ReturnType<SnapshotStore['ratioTotalsByDay']>> extends Map<string, infer T> ? T : never;

/** The ratio of sums (§7): all employers, and without those hard to collect. */
function ratioOf(t: Totals): LateRatio {
  return lateRatio([
    {
      overduePrincipal: t.overduePrincipal - t.hardToCollect.overduePrincipal,
      ytdReceivable: t.ytdReceivable - t.hardToCollect.ytdReceivable,
      hardToCollect: false,
    },
    { ...t.hardToCollect, hardToCollect: true },
  ]);
}

export interface SeriesPoint {
  period: Period;
  /** The month-end day whose run the point reads. */
  day: IsoDate;
  /** False when no run stored that day: the point has no figures. */
  hasRun: boolean;
  employers: number;
  prolonged: number;
  all: LateRatio['all'] | null;
  withoutHardToCollect: LateRatio['withoutHardToCollect'] | null;
  /** The target in force for the day's year, if one is set (percent). */
  target: number | null;
}

export interface LeagueRow {
  officeCode: string;
  officeName: string;
  employers: number;
  all: LateRatio['all'] | null;
  withoutHardToCollect: LateRatio['withoutHardToCollect'] | null;
  previousPercent: number | null;
  /** Percentage points since the month before (negative: better). */
  change: number | null;
  prolonged: number;
  target: number | null;
}

const MAX_MONTHS = 120;

class RatioSeriesError extends AppError {}

/**
 * The late-payment ratio over time (domain.md §7): monthly points read from the month-end day runs'
 * snapshots (sums by the database), targets per office or province set by an administrator, and a
 * league table of a province's offices. Owns `ratio_target`.
 */
@Injectable()
export class RatiosService {
  constructor(
    private readonly em: EntityManager,
    private readonly snapshots: SnapshotStore,
    private readonly offices: OfficesService,
    private readonly directory: EmployerDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async scopeOf(user: AuthUser, s: SeriesScope, code?: string): Promise<SnapshotScope> {
    if (s === 'all') return {};
    if (!code)
      throw new RatioSeriesError('SCOPE_CODE_REQUIRED', `scope=${s} needs a code`, 400, {
        scope: s,
      });
    if (s === 'office') {
      scope.assertOffice(user, code);
      return { office: code };
    }
    if (s === 'employer') {
      const e = await this.directory.get(code);
      if (!e || !scope.canSeeOffice(user, e.officeCode)) throw new NotFoundError('Employer', code);
      return { unitCode: e.unitCode };
    }
    return { province: code };
  }

  /** The monthly series from `from` to `to` (periods), one point per month-end day. */
  async series(
    user: AuthUser,
    q: { scope: SeriesScope; code?: string; from?: Period; to?: Period },
  ) {
    const to = q.to ?? addMonths(periodOf(this.clock.today()), -1);
    const from = q.from ?? addMonths(to, -11);
    if (from > to)
      throw new RatioSeriesError('RANGE_INVALID', `from ${from} is after to ${to}`, 400, {
        from,
        to,
      });
    const months = periodRange(from, to);
    if (months.length > MAX_MONTHS)
      throw new RatioSeriesError('RANGE_TOO_LONG', `at most ${MAX_MONTHS} months`, 400, {
        months: months.length,
      });
    const where = await this.scopeOf(user, q.scope, q.code);
    const days = months.map((m) => lastDayOf(m));
    const [totals, targets] = await Promise.all([
      this.snapshots.ratioTotalsByDay(days, where),
      q.scope === 'office' || q.scope === 'province'
        ? this.targets(q.scope, q.code!)
        : Promise.resolve([]),
    ]);
    const targetOf = new Map(targets.map((t) => [t.year, t.percent]));
    const points: SeriesPoint[] = months.map((period, i) => {
      const day = days[i]!;
      const t = totals.get(day);
      const r = t ? ratioOf(t) : null;
      return {
        period,
        day,
        hasRun: !!t,
        employers: t?.employers ?? 0,
        prolonged: t?.prolonged ?? 0,
        all: r?.all ?? null,
        withoutHardToCollect: r?.withoutHardToCollect ?? null,
        target: targetOf.get(yearOf(day)) ?? null,
      };
    });
    return { scope: q.scope, code: q.code ?? null, from, to, points };
  }

  /**
   * A province's offices ranked by their ratio at a month's end (best first), with the change since the
   * month before; the offices a user may see (every one for an admin or a province's user).
   */
  async league(user: AuthUser, q: { province: string; month?: Period }) {
    const month = q.month ?? addMonths(periodOf(this.clock.today()), -1);
    const all = (await this.offices.matching([], [q.province])).sort((a, b) =>
      a.code < b.code ? -1 : 1,
    );
    if (!all.length) throw new NotFoundError('Province', q.province);
    // each row is an office's figures: a user sees the rows of the offices it may see
    const offices = all.filter((o) => scope.canSeeOffice(user, o.code));
    if (!offices.length) scope.assertOffice(user, all[0]!.code);
    const day = lastDayOf(month);
    const previous = lastDayOf(addMonths(month, -1));
    const [now, before, targets] = await Promise.all([
      this.snapshots.ratioTotalsByOffice(day, { province: q.province }),
      this.snapshots.ratioTotalsByOffice(previous, { province: q.province }),
      this.em.fork().find(RatioTarget, { scope: 'office', year: yearOf(day) }),
    ]);
    if (!now.size) throw new NoRunYetError(day);
    const targetOf = new Map(targets.map((t) => [t.code, t.percentCenti / 100]));
    const rows: LeagueRow[] = offices.map((o) => {
      const t = now.get(o.code);
      const p = before.get(o.code);
      const r = t ? ratioOf(t) : null;
      const prev = p ? ratioOf(p).all.percent : null;
      const cur = r?.all.percent ?? null;
      return {
        officeCode: o.code,
        officeName: o.name,
        employers: t?.employers ?? 0,
        all: r?.all ?? null,
        withoutHardToCollect: r?.withoutHardToCollect ?? null,
        previousPercent: prev,
        change: cur !== null && prev !== null ? Math.round((cur - prev) * 100) / 100 : null,
        prolonged: t?.prolonged ?? 0,
        target: targetOf.get(o.code) ?? null,
      };
    });
    const key = (r: LeagueRow) => r.all?.percent ?? Number.POSITIVE_INFINITY;
    rows.sort((a, b) => key(a) - key(b) || (a.officeCode < b.officeCode ? -1 : 1));
    const provinceTarget = await this.em
      .fork()
      .findOne(RatioTarget, { scope: 'province', code: q.province, year: yearOf(day) });
    return {
      province: q.province,
      month,
      day,
      previousDay: previous,
      target: provinceTarget ? provinceTarget.percentCenti / 100 : null,
      rows,
    };
  }

  async targets(s: 'office' | 'province', code: string) {
    const rows = await this.em
      .fork()
      .find(RatioTarget, { scope: s, code }, { orderBy: { year: 'asc' } });
    return rows.map((t) => ({
      scope: t.scope,
      code: t.code,
      year: t.year,
      percent: t.percentCenti / 100,
      setBy: t.setBy,
      setAt: t.setAt,
    }));
  }

  /** Sets (or replaces) a year's target of an office or a province; audited in the same transaction. */
  async setTarget(
    actor: Actor,
    t: { scope: 'office' | 'province'; code: string; year: number; percent: number },
  ) {
    const offices =
      t.scope === 'office'
        ? await this.offices.matching([t.code], [])
        : await this.offices.matching([], [t.code]);
    if (!offices.length)
      throw new NotFoundError(t.scope === 'office' ? 'Office' : 'Province', t.code);
    const percentCenti = Math.round(t.percent * 100);
    await this.em.fork().transactional(async (tx) => {
      const before = await tx.findOne(RatioTarget, { scope: t.scope, code: t.code, year: t.year });
      await tx.upsert(RatioTarget, {
        scope: t.scope,
        code: t.code,
        year: t.year,
        percentCenti,
        setBy: actor.email ?? 'system',
        setAt: this.clock.now(),
      });
      await this.audit.record(
        actor,
        {
          action: 'ratio.target',
          objectType: t.scope,
          objectId: t.code,
          details: {
            year: t.year,
            percent: percentCenti / 100,
            previous: before ? before.percentCenti / 100 : null,
          },
        },
        tx,
      );
    });
    return (await this.targets(t.scope, t.code)).find((x) => x.year === t.year)!;
  }
}
