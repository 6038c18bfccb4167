import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AppError } from '../../infrastructure/http/app-error.js';
import { type Actor, SYSTEM_ACTOR } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import type { AuthUser } from '../access/index.js';
import { scope } from '../access/index.js';
import { Office } from './office.entity.js';

export interface OfficeInput {
  code: string;
  name: string;
  provinceCode: string;
}

@Injectable()
export class OfficesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  // a fork per call: these run from HTTP requests, jobs and the demo seeder alike
  /** Every office, or with a user only those in its scope. */
  list(user?: AuthUser): Promise<Office[]> {
    return this.em
      .fork()
      .find(Office, user ? scope.officeWhere(user, 'code') : {}, { orderBy: { code: 'asc' } });
  }

  /** The codes of every office, read through the caller's handle (inside its transaction, if any). */
  async codesIn(em: EntityManager): Promise<Set<string>> {
    const rows = await em.find(Office, {}, { fields: ['code'] });
    return new Set(rows.map((o) => o.code));
  }

  /** The offices of these codes and of these provinces. */
  async matching(codes: readonly string[], provinces: readonly string[]): Promise<Office[]> {
    if (!codes.length && !provinces.length) return [];
    return this.em.fork().find(Office, {
      $or: [{ code: { $in: [...codes] } }, { provinceCode: { $in: [...provinces] } }],
    });
  }

  /** Each office's province code. */
  async provinceOf(): Promise<Map<string, string>> {
    const rows = await this.em.fork().find(Office, {}, { fields: ['code', 'provinceCode'] });
    return new Map(rows.map((o) => [o.code, o.provinceCode]));
  }

  /** The codes of every office. */
  async codes(): Promise<Set<string>> {
    return new Set((await this.list()).map((o) => o.code));
  }

  async create(input: OfficeInput, actor: Actor = SYSTEM_ACTOR): Promise<Office> {
    return this.em.fork().transactional(async (em) => {
      if (await em.findOne(Office, { code: input.code })) {
        throw new AppError('OFFICE_EXISTS', `Office ${input.code} already exists`, 409, {
          code: input.code,
        });
      }
      const office = em.create(Office, input);
      await em.flush();
      await this.audit.record(
        actor,
        {
          action: 'office.create',
          objectType: 'office',
          objectId: office.code,
          details: { name: office.name, provinceCode: office.provinceCode },
        },
        em,
      );
      return office;
    });
  }
}
