import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AppError } from '../../infrastructure/http/app-error.js';
import { Office } from './office.entity.js';

export interface OfficeInput {
  code: string;
  name: string;
  provinceCode: string;
}

@Injectable()
export class OfficesService {
  constructor(private readonly em: EntityManager) {}

  // a fork per call: these run from HTTP requests, jobs and the demo seeder alike
  list(): Promise<Office[]> {
    return this.em.fork().find(Office, {}, { orderBy: { code: 'asc' } });
  }

  async create(input: OfficeInput): Promise<Office> {
    const em = this.em.fork();
    if (await em.findOne(Office, { code: input.code })) {
      throw new AppError('OFFICE_EXISTS', `Office ${input.code} already exists`, 409, {
        code: input.code,
      });
    }
    const office = em.create(Office, input);
    await em.flush();
    return office;
  }
}
