import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
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

/** The one reader and writer of `employer_snapshot`. */
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

  /** Stores one snapshot per (day, employer), replacing one stored before, inside the caller's transaction. */
  async upsert(tx: Tx, rows: readonly Partial<EmployerSnapshot>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await tx.upsertMany(EmployerSnapshot, rows.slice(i, i + 200), {
        onConflictFields: ['day', 'unitCode'],
        onConflictAction: 'merge',
      });
    }
  }

  /** The latest day with snapshots, on or before `upTo` when given. */
  async latestDay(upTo?: string): Promise<string | null> {
    const row = await this.em
      .fork()
      .findOne(
        EmployerSnapshot,
        upTo ? { day: { $lte: upTo } } : { day: { $ne: '' } },
        { orderBy: { day: 'desc' }, fields: ['day'] },
      );
    return row?.day ?? null;
  }

  async countDay(day: string): Promise<number> {
    return this.em.fork().count(EmployerSnapshot, { day });
  }

  /** The snapshots of a day in scope, largest overdue principal first; `inArrears`: only those owing. */
  async ofDay(day: string, s: SnapshotScope, inArrears = false): Promise<EmployerSnapshot[]> {
    const where = this.where(day, s) as Record<string, unknown>;
    if (inArrears) where.$or = [{ overduePrincipal: { $gt: 0 } }, { chargesUnpaid: { $gt: 0 } }];
    return this.em.fork().find(EmployerSnapshot, where as FilterQuery<EmployerSnapshot>, {
      orderBy: { overduePrincipal: 'desc', unitCode: 'asc' },
    });
  }

  /** What a late-payment ratio needs of each snapshot of a day in scope. */
  async ratioRows(day: string, s: SnapshotScope) {
    return this.em.fork().find(EmployerSnapshot, this.where(day, s), {
      fields: ['overduePrincipal', 'ytdReceivable', 'hardToCollect', 'officeCode'],
    });
  }

  /** The snapshots of a day for some employers, by unit code. */
  async forUnits(day: string, unitCodes: readonly string[]): Promise<Map<string, EmployerSnapshot>> {
    if (!unitCodes.length) return new Map();
    const rows = await this.em
      .fork()
      .find(EmployerSnapshot, { day, unitCode: { $in: [...unitCodes] } });
    return new Map(rows.map((r) => [r.unitCode, r]));
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

  /** What a run report sums per office, for one day. */
  async reportRows(day: string) {
    return this.em.fork().find(
      EmployerSnapshot,
      { day },
      { fields: ['officeCode', 'overduePrincipal', 'chargesUnpaid', 'debtClass'] },
    );
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
