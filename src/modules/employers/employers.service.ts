import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { keysetPage, readCursor, textPart } from '../../infrastructure/http/keyset.js';
import { Injectable } from '@nestjs/common';
import { searchWords } from '../../domain/matching-search.js';
import type { AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { SnapshotStore, type EmployerSnapshot } from '../snapshots/index.js';
import { Employer } from './employer.entity.js';
import { EmployerNotFoundError } from './employers.errors.js';

export interface EmployerQuery {
  user: AuthUser;
  office?: string;
  q?: string;
  class?: string;
  limit: number;
  cursor?: string;
}

/** The registry with each employer's latest reconciled figures. */
@Injectable()
export class EmployersService {
  constructor(
    private readonly em: EntityManager,
    private readonly snapshots: SnapshotStore,
  ) {}

  /** The latest day any reconciliation stored figures for (the default as-of of the lists). */
  latestDay(): Promise<string | null> {
    return this.snapshots.latestDay();
  }

  async list(query: EmployerQuery) {
    const em = this.em.fork();
    const day = await this.latestDay();
    const where: FilterQuery<Employer> = { ...scope.officeWhere(query.user) };
    if (query.office) {
      scope.assertOffice(query.user, query.office);
      where.officeCode = query.office;
    }
    if (query.cursor) where.unitCode = { $gt: readCursor(query.cursor, [textPart(10)])[0] };
    if (query.q) {
      // accent-blind (domain/matching-search.ts): every word of the query begins a word of the name's
      // key, or the query is (part of) the unit or tax code
      const words = searchWords(query.q);
      const code = `%${query.q.trim().replace(/[%_\\]/g, '')}%`;
      where.$or = [
        { unitCode: { $like: code.toUpperCase() } },
        { taxCode: { $like: code } },
        ...(words.length
          ? [
              {
                $and: words.map((w) => ({
                  $or: [{ searchKey: { $like: `${w}%` } }, { searchKey: { $like: `% ${w}%` } }],
                })),
              },
            ]
          : []),
      ];
    }
    if (query.class) {
      const units = day ? await this.snapshots.unitsOfClass(day, query.class) : [];
      where.unitCode = {
        ...(typeof where.unitCode === 'object' ? where.unitCode : {}),
        $in: units,
      };
    }
    const rows = await em.find(Employer, where, {
      orderBy: { unitCode: 'asc' },
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const snaps = day
      ? await this.snapshots.forUnits(
          day,
          page.map((e) => e.unitCode),
        )
      : new Map<string, EmployerSnapshot>();
    return {
      asOf: day,
      items: page.map((e) => view(e, snaps.get(e.unitCode))),
      nextCursor: keysetPage(rows, query.limit, (e) => [e.unitCode]).nextCursor,
    };
  }

  /** One employer the user may see; 404 as for a missing one otherwise. */
  async get(unitCode: string, user: AuthUser) {
    const em = this.em.fork();
    const e = await em.findOne(Employer, { unitCode: unitCode.toUpperCase() });
    if (!e || !scope.canSeeOffice(user, e.officeCode)) throw new EmployerNotFoundError(unitCode);
    const snap = await this.snapshots.latestOf(e.unitCode);
    return view(e, snap ?? undefined);
  }
}

function view(e: Employer, s?: EmployerSnapshot) {
  return {
    unitCode: e.unitCode,
    name: e.name,
    taxCode: e.taxCode ?? null,
    officeCode: e.officeCode,
    region: e.region,
    cycle: e.cycle,
    oaRateBp: e.oaRateBp,
    status: e.status,
    reconciled: s
      ? {
          asOf: s.day,
          overduePrincipal: s.overduePrincipal,
          chargesUnpaid: s.chargesUnpaid,
          monthsOfDebt: s.monthsOfDebtMilli / 1000,
          debtClass: s.debtClass ?? null,
        }
      : null,
  };
}
