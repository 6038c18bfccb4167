import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { Employer } from './employer.entity.js';

const IN_CHUNK = 500;

/** An employer's registry row as plain values (what `Employer` holds, without its entity behaviour). */
export type EmployerRecord = Omit<Employer, 'keyTheName'>;

/** Reads of the employer registry for other modules (the registry's only writer is this module). */
@Injectable()
export class EmployerDirectory {
  constructor(private readonly em: EntityManager) {}

  /** The offices of the given employers (unknown units are absent): what office scope checks read. */
  async officesOf(
    unitCodes: readonly string[],
    em: EntityManager = this.em.fork(),
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < unitCodes.length; i += IN_CHUNK) {
      const rows = await em.find(
        Employer,
        { unitCode: { $in: unitCodes.slice(i, i + IN_CHUNK) } },
        { fields: ['unitCode', 'officeCode'] },
      );
      for (const r of rows) out.set(r.unitCode, r.officeCode);
    }
    return out;
  }

  /** The employers of these unit codes (unknown units are absent), read-only. */
  /** Names of these employers (unknown ones are left out): plain rows, no entity built. */
  async namesOf(unitCodes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const conn = this.em.fork().getConnection();
    for (let i = 0; i < unitCodes.length; i += IN_CHUNK) {
      const part = unitCodes.slice(i, i + IN_CHUNK);
      const rows = (await conn.execute(
        `select unit_code, name from employer where unit_code in (${part.map(() => '?').join(',')})`,
        [...part],
      )) as { unit_code: string; name: string }[];
      for (const r of rows) out.set(r.unit_code, r.name);
    }
    return out;
  }

  /**
   * The registry rows of these unit codes (unknown units are absent), as plain rows read through the
   * given handle: what the reconciliation's inputs carry (no entity is built per employer).
   */
  async recordsByUnits(
    unitCodes: readonly string[],
    em: EntityManager = this.em.fork(),
  ): Promise<EmployerRecord[]> {
    const out: EmployerRecord[] = [];
    const conn = em.getConnection();
    for (let i = 0; i < unitCodes.length; i += IN_CHUNK) {
      const part = unitCodes.slice(i, i + IN_CHUNK);
      const rows = (await conn.execute(
        `select unit_code, name, search_key, tax_code, office_code, region, cycle, oa_rate_bp, status, batch_id
           from employer where unit_code in (${part.map(() => '?').join(',')})`,
        [...part],
        'all',
        em.getTransactionContext(),
      )) as Record<string, unknown>[];
      for (const r of rows)
        out.push({
          unitCode: r.unit_code as string,
          name: r.name as string,
          searchKey: r.search_key as string,
          taxCode: (r.tax_code as string | null) ?? null,
          officeCode: r.office_code as string,
          region: r.region as string,
          cycle: r.cycle as string,
          oaRateBp: Number(r.oa_rate_bp),
          status: r.status as string,
          batchId: (r.batch_id as string | null) ?? null,
        });
    }
    return out;
  }

  async byUnits(
    unitCodes: readonly string[],
    em: EntityManager = this.em.fork(),
  ): Promise<Employer[]> {
    const out: Employer[] = [];
    for (let i = 0; i < unitCodes.length; i += IN_CHUNK) {
      const where: FilterQuery<Employer> = { unitCode: { $in: unitCodes.slice(i, i + IN_CHUNK) } };
      for (const e of await em.find(Employer, where, { disableIdentityMap: true })) out.push(e);
    }
    return out;
  }

  /**
   * Unit codes of every registered employer, read through the given handle (the importers' checks run
   * inside their commit transaction). One plain query: no entity is built per employer.
   */
  async knownUnitCodes(em: EntityManager = this.em.fork()): Promise<Set<string>> {
    const rows = (await em
      .getConnection()
      .execute('select unit_code from employer', [], 'all', em.getTransactionContext())) as {
      unit_code: string;
    }[];
    return new Set(rows.map((r) => r.unit_code));
  }

  /** Every employer's unit code, tax code and name: what receipts are matched against (domain.md §8). */
  async matchingKeys(
    em: EntityManager = this.em.fork(),
  ): Promise<{ unitCode: string; taxCode: string | null; name: string }[]> {
    const rows = await em.find(Employer, {}, { fields: ['unitCode', 'taxCode', 'name'] });
    return rows.map((e) => ({ unitCode: e.unitCode, taxCode: e.taxCode ?? null, name: e.name }));
  }

  async get(unitCode: string): Promise<Employer | null> {
    return this.em.fork().findOne(Employer, { unitCode: unitCode.toUpperCase() });
  }

  /** Unit codes of the employers a user may see (every one for an admin). */
  async visibleUnits(user: AuthUser): Promise<string[]> {
    const rows = await this.em
      .fork()
      .find(Employer, scope.officeWhere(user), { fields: ['unitCode'] });
    return rows.map((e) => e.unitCode);
  }

  /**
   * Unit codes (in code order) of the employers a user may see, narrowed to one unit or one office
   * when given.
   */
  async unitsInScope(
    user: AuthUser,
    narrow: { unitCode?: string; office?: string },
  ): Promise<string[]> {
    const where: FilterQuery<Employer> = {
      ...scope.officeWhere(user),
      ...(narrow.unitCode
        ? { unitCode: narrow.unitCode.toUpperCase() }
        : narrow.office
          ? { officeCode: narrow.office }
          : {}),
    };
    const rows = await this.em
      .fork()
      .find(Employer, where, { fields: ['unitCode'], orderBy: { unitCode: 'asc' } });
    return rows.map((e) => e.unitCode);
  }

  /**
   * Every employer's unit and office, by office then unit (what the nightly run splits into chunks): plain
   * rows, no entity per employer (a province's registry is 100k rows).
   */
  async allByOffice(): Promise<{ unitCode: string; officeCode: string }[]> {
    const rows = (await this.em
      .fork()
      .getConnection()
      .execute('select unit_code, office_code from employer order by office_code, unit_code')) as {
      unit_code: string;
      office_code: string;
    }[];
    return rows.map((r) => ({ unitCode: r.unit_code, officeCode: r.office_code }));
  }

  /** Unit codes of the employers of some offices (every employer without `offices`), in code order. */
  async unitsOfOffices(offices?: readonly string[]): Promise<string[]> {
    const where: FilterQuery<Employer> = offices ? { officeCode: { $in: [...offices] } } : {};
    const rows = await this.em
      .fork()
      .find(Employer, where, { fields: ['unitCode'], orderBy: { unitCode: 'asc' } });
    return rows.map((e) => e.unitCode);
  }
}
