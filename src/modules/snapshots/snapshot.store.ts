import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { bulkUpsert, dbValue } from '../../database/bulk-insert.js';
import type { Tx } from '../../database/transaction.js';
import { EmployerSnapshot } from './employer-snapshot.entity.js';

/** Which snapshots of one day: by office(s), province or employer (absent: all). */
export interface SnapshotScope {
  office?: string;
  offices?: readonly string[];
  province?: string;
  unitCode?: string;
}

export type SnapshotRow = Omit<EmployerSnapshot, 'id'>;

/** B01-TS ageing buckets, as the snapshots' `ageing` holds them. */
export const AGEING_BUCKETS = ['lt1', 'm1to3', 'm3to6', 'm6to12', 'ge12'] as const;

export interface RatioTotals {
  employers: number;
  overduePrincipal: number;
  ytdReceivable: number;
  hardToCollect: { overduePrincipal: number; ytdReceivable: number };
}

export interface ArrearsTotals {
  employers: number;
  overduePrincipal: number;
  chargesUnpaid: number;
  ageing: Record<string, number>;
}

/** Every sum the totals keep per day and office (`office_day_total`, migration 0017). */
type Sums = {
  employers: number;
  overdue: number;
  ytd: number;
  hardOverdue: number;
  hardYtd: number;
  prolonged: number;
  arrearsEmployers: number;
  arrearsOverdue: number;
  arrearsCharges: number;
} & Record<(typeof AGEING_BUCKETS)[number], number>;

const EMPTY_SUMS: Sums = {
  employers: 0,
  overdue: 0,
  ytd: 0,
  hardOverdue: 0,
  hardYtd: 0,
  prolonged: 0,
  arrearsEmployers: 0,
  arrearsOverdue: 0,
  arrearsCharges: 0,
  lt1: 0,
  m1to3: 0,
  m3to6: 0,
  m6to12: 0,
  ge12: 0,
};

function ratioOfSums(t: Sums): RatioTotals {
  return {
    employers: t.employers,
    overduePrincipal: t.overdue,
    ytdReceivable: t.ytd,
    hardToCollect: { overduePrincipal: t.hardOverdue, ytdReceivable: t.hardYtd },
  };
}

/** Where an arrears page starts: the ranking's sort key of the previous page's last row. */
export interface ArrearsKey {
  overduePrincipal: number;
  unitCode: string;
}

/** The one reader and writer of `employer_snapshot` (and of the totals summed from it). */
@Injectable()
export class SnapshotStore {
  constructor(private readonly em: EntityManager) {}

  private where(day: string, s: SnapshotScope): FilterQuery<EmployerSnapshot> {
    const where: Record<string, unknown> = { day };
    if (s.office) where.officeCode = s.office;
    else if (s.offices) where.officeCode = { $in: [...s.offices] };
    if (s.province) where.provinceCode = s.province;
    if (s.unitCode) where.unitCode = s.unitCode;
    return where as FilterQuery<EmployerSnapshot>;
  }

  /**
   * Stores one snapshot per (day, employer), replacing one stored before, inside the caller's transaction:
   * plain values in one bulk upsert (no entity per row; see `bulkUpsert`), the columns as the entity maps
   * them. A row repeated for one (day, employer) keeps its last version.
   */
  async upsert(tx: Tx, rows: readonly Partial<EmployerSnapshot>[]): Promise<void> {
    const byKey = new Map<string, readonly unknown[]>();
    for (const r of rows) byKey.set(`${r.day}|${r.unitCode}`, snapshotValues(tx, r));
    await bulkUpsert(
      tx,
      'employer_snapshot',
      SNAPSHOT_COLUMNS,
      ['day', 'unit_code'],
      [...byKey.values()],
    );
  }

  /** The latest day with snapshots, on or before `upTo` when given. */
  async latestDay(upTo?: string): Promise<string | null> {
    const row = await this.em
      .fork()
      .findOne(EmployerSnapshot, upTo ? { day: { $lte: upTo } } : { day: { $ne: '' } }, {
        orderBy: { day: 'desc' },
        fields: ['day'],
      });
    return row?.day ?? null;
  }

  /** The days with snapshots nearest to `day`, before and after it (null when there is none). */
  async nearestDays(day: string): Promise<{ before: string | null; after: string | null }> {
    const [row] = (await this.em.getConnection().execute(
      `select (select max(day) from employer_snapshot where day < ?) as day_before,
              (select min(day) from employer_snapshot where day > ?) as day_after`,
      [day, day],
    )) as { day_before: string | null; day_after: string | null }[];
    return { before: row?.day_before ?? null, after: row?.day_after ?? null };
  }

  async countDay(day: string): Promise<number> {
    return this.em.fork().count(EmployerSnapshot, { day });
  }

  /** The SQL condition and parameters of a day and scope (snake_case columns). */
  private sqlWhere(day: string, s: SnapshotScope): { sql: string; params: unknown[] } {
    const parts = ['day = ?'];
    const params: unknown[] = [day];
    if (s.office) {
      parts.push('office_code = ?');
      params.push(s.office);
    } else if (s.offices) {
      if (!s.offices.length) parts.push('1 = 0');
      else {
        parts.push(`office_code in (${s.offices.map(() => '?').join(', ')})`);
        params.push(...s.offices);
      }
    }
    if (s.province) {
      parts.push('province_code = ?');
      params.push(s.province);
    }
    if (s.unitCode) {
      parts.push('unit_code = ?');
      params.push(s.unitCode);
    }
    return { sql: parts.join(' and '), params };
  }

  private isPostgres(): boolean {
    return this.em.getConnection().getPlatform().constructor.name.toLowerCase().includes('postgre');
  }

  /**
   * The late-payment ratio's sums over a day's snapshots in scope, added up by the database (never by
   * loading every snapshot): overdue principal and year-to-date receivable, of all employers and of
   * those hard to collect, and how many employers there are.
   */
  async ratioTotals(day: string, s: SnapshotScope): Promise<RatioTotals> {
    if (!s.unitCode) {
      const [t] = [...(await this.totals([day], s, null, 'ratio')).values()];
      return t ? ratioOfSums(t) : ratioOfSums(EMPTY_SUMS);
    }
    const w = this.sqlWhere(day, s);
    const hard = this.isPostgres() ? 'hard_to_collect' : 'hard_to_collect = 1';
    const [row] = (await this.em.getConnection().execute(
      `select count(*) as employers,
        coalesce(sum(overdue_principal), 0) as overdue,
        coalesce(sum(ytd_receivable), 0) as ytd,
        coalesce(sum(case when ${hard} then overdue_principal else 0 end), 0) as hard_overdue,
        coalesce(sum(case when ${hard} then ytd_receivable else 0 end), 0) as hard_ytd
       from employer_snapshot where ${w.sql}`,
      w.params,
    )) as Record<string, string | number>[];
    const n = (k: string) => Number(row?.[k] ?? 0);
    return {
      employers: n('employers'),
      overduePrincipal: n('overdue'),
      ytdReceivable: n('ytd'),
      hardToCollect: { overduePrincipal: n('hard_overdue'), ytdReceivable: n('hard_ytd') },
    };
  }

  /**
   * {@link ratioTotals} for several days at once (a monthly series: the month-end days), one row per
   * day that has snapshots in scope, summed by the database; with the day's prolonged-arrears employers.
   */
  async ratioTotalsByDay(
    days: readonly string[],
    s: SnapshotScope,
  ): Promise<Map<string, RatioTotals & { prolonged: number }>> {
    return this.ratioTotalsGrouped('day', days, s);
  }

  /** {@link ratioTotals} of one day per office (a league table of a province's offices). */
  async ratioTotalsByOffice(
    day: string,
    s: SnapshotScope,
  ): Promise<Map<string, RatioTotals & { prolonged: number }>> {
    return this.ratioTotalsGrouped('office_code', [day], s);
  }

  private async ratioTotalsGrouped(
    by: 'day' | 'office_code',
    days: readonly string[],
    s: SnapshotScope,
  ): Promise<Map<string, RatioTotals & { prolonged: number }>> {
    const out = new Map<string, RatioTotals & { prolonged: number }>();
    if (!days.length) return out;
    if (!s.unitCode) {
      for (const [k, t] of await this.totals(days, s, by, 'ratio'))
        if (t.employers) out.set(k, { ...ratioOfSums(t), prolonged: t.prolonged });
      return out;
    }
    const w = this.sqlWhere(days[0]!, s);
    const where = w.sql.replace('day = ?', `day in (${days.map(() => '?').join(', ')})`);
    const hard = this.isPostgres() ? 'hard_to_collect' : 'hard_to_collect = 1';
    const rows = (await this.em.getConnection().execute(
      `select ${by} as k, count(*) as employers,
        coalesce(sum(overdue_principal), 0) as overdue,
        coalesce(sum(ytd_receivable), 0) as ytd,
        coalesce(sum(case when ${hard} then overdue_principal else 0 end), 0) as hard_overdue,
        coalesce(sum(case when ${hard} then ytd_receivable else 0 end), 0) as hard_ytd,
        coalesce(sum(case when debt_class = 'prolonged' then 1 else 0 end), 0) as prolonged
       from employer_snapshot where ${where} group by ${by}`,
      [...days, ...w.params.slice(1)],
    )) as Record<string, string | number>[];
    for (const row of rows) {
      const n = (k: string) => Number(row[k] ?? 0);
      out.set(String(row.k), {
        employers: n('employers'),
        overduePrincipal: n('overdue'),
        ytdReceivable: n('ytd'),
        hardToCollect: { overduePrincipal: n('hard_overdue'), ytdReceivable: n('hard_ytd') },
        prolonged: n('prolonged'),
      });
    }
    return out;
  }

  /** The arrears totals of a day in scope (employers owing principal or charges), summed by the database. */
  async arrearsTotals(day: string, s: SnapshotScope): Promise<ArrearsTotals> {
    if (!s.unitCode) {
      const t = [...(await this.totals([day], s, null, 'arrears')).values()][0] ?? EMPTY_SUMS;
      return {
        employers: t.arrearsEmployers,
        overduePrincipal: t.arrearsOverdue,
        chargesUnpaid: t.arrearsCharges,
        ageing: Object.fromEntries(AGEING_BUCKETS.map((b) => [b, t[b]])),
      };
    }
    const w = this.sqlWhere(day, s);
    const bucket = (b: string) =>
      this.isPostgres()
        ? `coalesce(sum((ageing->>'${b}')::bigint), 0)`
        : `coalesce(sum(json_extract(ageing, '$.${b}')), 0)`;
    const [row] = (await this.em.getConnection().execute(
      `select count(*) as employers,
        coalesce(sum(overdue_principal), 0) as overdue,
        coalesce(sum(charges_unpaid), 0) as charges,
        ${AGEING_BUCKETS.map((b) => `${bucket(b)} as ${b}`).join(', ')}
       from employer_snapshot
       where ${w.sql} and (overdue_principal > 0 or charges_unpaid > 0)`,
      w.params,
    )) as Record<string, string | number>[];
    const n = (k: string) => Number(row?.[k] ?? 0);
    return {
      employers: n('employers'),
      overduePrincipal: n('overdue'),
      chargesUnpaid: n('charges'),
      ageing: Object.fromEntries(AGEING_BUCKETS.map((b) => [b, n(b)])),
    };
  }

  /** The sums of each measure, per stored-totals column and as summed from the snapshots. */
  private measures(of: 'ratio' | 'arrears' | 'all' = 'all'): { name: keyof Sums; live: string }[] {
    const pg = this.isPostgres();
    const hard = pg ? 'hard_to_collect' : 'hard_to_collect = 1';
    const owing = 'overdue_principal > 0 or charges_unpaid > 0';
    const bucket = (b: string) =>
      pg ? `coalesce((ageing->>'${b}')::bigint, 0)` : `coalesce(json_extract(ageing, '$.${b}'), 0)`;
    const all: { name: keyof Sums; live: string }[] = [
      { name: 'employers', live: 'count(*)' },
      { name: 'overdue', live: 'sum(overdue_principal)' },
      { name: 'ytd', live: 'sum(ytd_receivable)' },
      { name: 'hardOverdue', live: `sum(case when ${hard} then overdue_principal else 0 end)` },
      { name: 'hardYtd', live: `sum(case when ${hard} then ytd_receivable else 0 end)` },
      { name: 'prolonged', live: "sum(case when debt_class = 'prolonged' then 1 else 0 end)" },
      { name: 'arrearsEmployers', live: `sum(case when ${owing} then 1 else 0 end)` },
      { name: 'arrearsOverdue', live: `sum(case when ${owing} then overdue_principal else 0 end)` },
      { name: 'arrearsCharges', live: `sum(case when ${owing} then charges_unpaid else 0 end)` },
      ...AGEING_BUCKETS.map((b) => ({
        name: b,
        live: `sum(case when ${owing} then ${bucket(b)} else 0 end)`,
      })),
    ];
    // what each figure reads: a day summed from its snapshots computes only those (json_extract of the
    // ageing buckets is most of an arrears total's cost)
    const ratio = new Set<keyof Sums>([
      'employers',
      'overdue',
      'ytd',
      'hardOverdue',
      'hardYtd',
      'prolonged',
    ]);
    return of === 'all'
      ? all
      : all.filter((m) => ratio.has(m.name) === (of === 'ratio') || m.name === 'employers');
  }

  /**
   * Every total of some days' snapshots in scope (offices, a province or all), per day, per office or
   * in one (key ''): a day marked whole in `snapshot_total_day` adds up its offices' stored rows
   * (`office_day_total`); any other day is summed from its snapshots. A write to a day's snapshots
   * unmarks it in the same transaction (migration 0017), so a day read as marked has stored sums equal to
   * its snapshots as they were when the mark was read (a refresh replaces a day's rows in one transaction).
   */
  private async totals(
    days: readonly string[],
    s: SnapshotScope,
    by: 'day' | 'office_code' | null,
    of: 'ratio' | 'arrears',
  ): Promise<Map<string, Sums>> {
    const out = new Map<string, Sums>();
    if (!days.length) return out;
    const conn = this.em.getConnection();
    const inList = (xs: readonly string[]) => xs.map(() => '?').join(', ');
    const marks = (await conn.execute(
      `select day from snapshot_total_day where day in (${inList(days)})`,
      [...days],
    )) as { day: string }[];
    const marked = new Set(marks.map((m) => String(m.day)));
    const stored = days.filter((d) => marked.has(d));
    const live = days.filter((d) => !marked.has(d));
    const scope = this.scopeSql(s);
    const ms = this.measures(of);
    const col = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const k = (alias: string) => (by ? `${alias}.${by}` : "''");
    const parts: string[] = [];
    const params: unknown[] = [];
    if (stored.length) {
      parts.push(`select ${k('t')} as k, ${ms.map((m) => `t.${col(m.name)}`).join(', ')}
        from office_day_total t
        where t.day in (${inList(stored)}) and ${scope.sql.replaceAll('@', 't.')}`);
      params.push(...stored, ...scope.params);
    }
    if (live.length) {
      parts.push(`select ${k('e')} as k, ${ms.map((m) => `coalesce(${m.live}, 0) as ${col(m.name)}`).join(', ')}
        from employer_snapshot e
        where e.day in (${inList(live)}) and ${scope.sql.replaceAll('@', 'e.')}
        group by ${by ? `e.${by}` : '1'}`);
      params.push(...live, ...scope.params);
    }
    const rows = (await conn.execute(
      `select k, ${ms.map((m) => `sum(${col(m.name)}) as ${col(m.name)}`).join(', ')}
       from (${parts.join(' union all ')}) u group by k`,
      params,
    )) as Record<string, string | number | null>[];
    for (const row of rows) {
      const sums = { ...EMPTY_SUMS };
      for (const m of ms) sums[m.name] = Number(row[col(m.name)] ?? 0);
      if (sums.employers) out.set(String(row.k), sums);
    }
    return out;
  }

  /** A scope's condition on the columns both tables share, `@` standing for the table's alias. */
  private scopeSql(s: SnapshotScope): { sql: string; params: unknown[] } {
    const parts: string[] = ['1 = 1'];
    const params: unknown[] = [];
    if (s.office) {
      parts.push('@office_code = ?');
      params.push(s.office);
    } else if (s.offices) {
      if (!s.offices.length) parts.push('1 = 0');
      else {
        parts.push(`@office_code in (${s.offices.map(() => '?').join(', ')})`);
        params.push(...s.offices);
      }
    }
    if (s.province) {
      parts.push('@province_code = ?');
      params.push(s.province);
    }
    return { sql: parts.join(' and '), params };
  }

  /**
   * Writes the stored totals of every day with snapshots and no mark (the day a run has just written,
   * and days written before migration 0017), then marks them whole; returns those days. On PostgreSQL the
   * snapshots are locked against writes while it sums (a writer waits, then unmarks the day again), so a
   * day is never marked with sums that miss a concurrent write; SQLite has one writer at a time.
   */
  async refreshTotals(): Promise<string[]> {
    const pg = this.isPostgres();
    const ms = this.measures();
    const col = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return this.em.fork().transactional(async (tx) => {
      const run = (sql: string, params: unknown[] = [], kind: 'run' | 'all' = 'run') =>
        tx.getConnection().execute(sql, params, kind, tx.getTransactionContext());
      if (pg) await run('lock table employer_snapshot in share mode');
      // the days with snapshots, one index seek each (not a scan of every snapshot), less the marked
      const unmarked = (await run(
        `with recursive d(day) as (
           select min(day) from employer_snapshot
           union all
           select (select min(day) from employer_snapshot where day > d.day) from d where d.day is not null)
         select day from d
         where day is not null and not exists (select 1 from snapshot_total_day m where m.day = d.day)
         order by day`,
        [],
        'all',
      )) as { day: string }[];
      const days = unmarked.map((r) => String(r.day));
      for (const day of days) {
        await run('delete from office_day_total where day = ?', [day]);
        await run(
          `insert into office_day_total (day, office_code, province_code, ${ms.map((m) => col(m.name)).join(', ')})
           select day, office_code, province_code, ${ms.map((m) => `coalesce(${m.live}, 0)`).join(', ')}
           from employer_snapshot where day = ? group by day, office_code, province_code`,
          [day],
        );
        await run('insert into snapshot_total_day (day, computed_at) values (?, ?)', [
          day,
          new Date(),
        ]);
      }
      return days;
    });
  }

  /** One page of a day's employers in arrears, largest overdue principal first (offset paging). */
  async arrearsPage(
    day: string,
    s: SnapshotScope,
    after: ArrearsKey | null,
    limit: number,
  ): Promise<EmployerSnapshot[]> {
    const where = this.where(day, s) as Record<string, unknown>;
    const owing = { $or: [{ overduePrincipal: { $gt: 0 } }, { chargesUnpaid: { $gt: 0 } }] };
    // keyset: the rows ranked after the previous page's last one (a deep page reads as little as the
    // first: the rank index `(day, overdue_principal)` is entered at that amount, not counted through)
    const rest = after && {
      // the bound alone is what the index can range over; the `$or` then skips the ties already shown
      overduePrincipal: { $lte: after.overduePrincipal },
      $or: [
        { overduePrincipal: { $lt: after.overduePrincipal } },
        { overduePrincipal: after.overduePrincipal, unitCode: { $gt: after.unitCode } },
      ],
    };
    where.$and = rest ? [owing, rest] : [owing];
    return this.em.fork().find(EmployerSnapshot, where as FilterQuery<EmployerSnapshot>, {
      orderBy: { overduePrincipal: 'desc', unitCode: 'asc' },
      limit,
    });
  }

  /** What a late-payment ratio needs of each snapshot of a day in scope. */
  async ratioRows(day: string, s: SnapshotScope) {
    return this.em.fork().find(EmployerSnapshot, this.where(day, s), {
      fields: ['overduePrincipal', 'ytdReceivable', 'hardToCollect', 'officeCode'],
    });
  }

  /** The snapshots of a day for some employers, by unit code. */
  async forUnits(
    day: string,
    unitCodes: readonly string[],
  ): Promise<Map<string, EmployerSnapshot>> {
    if (!unitCodes.length) return new Map();
    const rows = await this.em
      .fork()
      .find(EmployerSnapshot, { day, unitCode: { $in: [...unitCodes] } });
    return new Map(rows.map((r) => [r.unitCode, r]));
  }

  /** Unit codes of a day's snapshots, sorted. */
  async unitsOfDay(day: string): Promise<string[]> {
    const rows = await this.em
      .fork()
      .find(EmployerSnapshot, { day }, { fields: ['unitCode'], orderBy: { unitCode: 'asc' } });
    return rows.map((r) => r.unitCode);
  }

  /** The snapshots of some (employer, day) pairs, keyed `unit|day`. */
  async forUnitDays(
    pairs: readonly { unitCode: string; day: string }[],
  ): Promise<Map<string, { overduePrincipal: number; debtClass: string | null }>> {
    const out = new Map<string, { overduePrincipal: number; debtClass: string | null }>();
    if (!pairs.length) return out;
    // usually one day: the (day, unit) index answers `day in … and unit in …`; other pairs are dropped.
    // Plain rows (a queue page's figures): no entity is built.
    const wanted = new Set(pairs.map((p) => `${p.unitCode}|${p.day}`));
    const days = [...new Set(pairs.map((p) => p.day))];
    const units = [...new Set(pairs.map((p) => p.unitCode))];
    const rows = (await this.em
      .fork()
      .getConnection()
      .execute(
        `select unit_code, day, overdue_principal, debt_class from employer_snapshot
          where day in (${days.map(() => '?').join(',')})
            and unit_code in (${units.map(() => '?').join(',')})`,
        [...days, ...units],
      )) as {
      unit_code: string;
      day: string;
      overdue_principal: unknown;
      debt_class: string | null;
    }[];
    for (const r of rows) {
      const key = `${r.unit_code}|${r.day}`;
      if (wanted.has(key))
        out.set(key, { overduePrincipal: Number(r.overdue_principal), debtClass: r.debt_class });
    }
    return out;
  }

  /** Unit codes of a day's snapshots in one debt class (`none`: no overdue principal). */
  async unitsOfClass(day: string, debtClass: string): Promise<string[]> {
    const rows = await this.em
      .fork()
      .find(
        EmployerSnapshot,
        { day, debtClass: debtClass === 'none' ? null : debtClass },
        { fields: ['unitCode'] },
      );
    return rows.map((r) => r.unitCode);
  }

  /** An employer's newest snapshot. */
  async latestOf(unitCode: string, tx?: Tx): Promise<EmployerSnapshot | null> {
    return (tx ?? this.em.fork()).findOne(
      EmployerSnapshot,
      { unitCode },
      { orderBy: { day: 'desc' } },
    );
  }

  /** An employer's latest `days` snapshots, oldest first (months of debt over time). */
  async history(unitCode: string, days: number) {
    const rows = await this.em.fork().find(
      EmployerSnapshot,
      { unitCode },
      {
        orderBy: { day: 'desc' },
        limit: days,
        fields: ['day', 'monthsOfDebtMilli', 'overduePrincipal', 'debtClass'],
      },
    );
    return rows.reverse();
  }

  /**
   * What a run report sums per office, for one day, added up by the database (a province's run would
   * otherwise load every snapshot of the day into the worker finishing it): one row per office.
   */
  async reportTotals(day: string): Promise<
    {
      officeCode: string;
      employers: number;
      overduePrincipal: number;
      chargesUnpaid: number;
      prolonged: number;
    }[]
  > {
    const rows = (await this.em.getConnection().execute(
      `select office_code, count(*) as employers,
        coalesce(sum(overdue_principal), 0) as overdue,
        coalesce(sum(charges_unpaid), 0) as charges,
        coalesce(sum(case when debt_class = 'prolonged' then 1 else 0 end), 0) as prolonged
       from employer_snapshot where day = ? group by office_code order by office_code`,
      [day],
    )) as Record<string, string | number>[];
    return rows.map((r) => ({
      officeCode: String(r.office_code),
      employers: Number(r.employers),
      overduePrincipal: Number(r.overdue),
      chargesUnpaid: Number(r.charges),
      prolonged: Number(r.prolonged),
    }));
  }

  /** The employers a run has stored a snapshot for (what a resumed run need not compute again). */
  async unitsOfRun(runId: string): Promise<string[]> {
    const rows = await this.em
      .fork()
      .find(EmployerSnapshot, { runId }, { fields: ['unitCode'], disableIdentityMap: true });
    return rows.map((r) => r.unitCode);
  }

  /** How many snapshots a run stored. */
  async countOfRun(runId: string): Promise<number> {
    return this.em.fork().count(EmployerSnapshot, { runId });
  }
}

/** The columns of `employer_snapshot` a snapshot writes (all but its id), in `snapshotValues` order. */
const SNAPSHOT_COLUMNS = [
  'day',
  'unit_code',
  'office_code',
  'province_code',
  'overdue_principal',
  'principal_outstanding',
  'charges_unpaid',
  'credit',
  'months_of_debt_milli',
  'debt_class',
  'hard_to_collect',
  'ageing',
  'ytd_receivable',
  'on_time_settled',
  'on_time_receivable',
  'run_id',
  'computed_at',
] as const;

/** A snapshot's values in database form, in {@link SNAPSHOT_COLUMNS} order. */
function snapshotValues(tx: Tx, r: Partial<EmployerSnapshot>): unknown[] {
  return [
    r.day,
    r.unitCode,
    r.officeCode,
    r.provinceCode,
    r.overduePrincipal,
    r.principalOutstanding,
    r.chargesUnpaid,
    r.credit,
    r.monthsOfDebtMilli,
    r.debtClass ?? null,
    dbValue(tx, 'boolean', r.hardToCollect),
    dbValue(tx, 'json', r.ageing),
    r.ytdReceivable,
    r.onTimeSettled ?? null,
    r.onTimeReceivable ?? null,
    r.runId ?? null,
    dbValue(tx, 'datetime', r.computedAt),
  ];
}
