import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AppError } from '../../infrastructure/http/app-error.js';
import { type Actor, SYSTEM_ACTOR } from '../audit/actor.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { officeWhere } from '../auth/office-scope.js';
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
      .find(Office, user ? officeWhere(user, 'code') : {}, { orderBy: { code: 'asc' } });
  }

  async create(input: OfficeInput, actor: Actor = SYSTEM_ACTOR): Promise<Office> {
    const em = this.em.fork();
    if (await em.findOne(Office, { code: input.code })) {
      throw new AppError('OFFICE_EXISTS', `Office ${input.code} already exists`, 409, {
        code: input.code,
      });
    }
    const office = em.create(Office, input);
    await em.flush();
    await this.audit.record(actor, {
      action: 'office.create',
      objectType: 'office',
      objectId: office.code,
      details: { name: office.name, provinceCode: office.provinceCode },
    });
    return office;
  }
}
