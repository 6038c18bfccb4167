import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { PageCursor, PageLimit } from '../../infrastructure/http/page-limit.decorator.js';
import { OfficeQuery } from '../../infrastructure/http/queries.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, Roles } from '../access/index.js';
import { EmployersService } from './employers.service.js';

class EmployersQuery extends OfficeQuery {
  @IsOptional()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsIn(['none', 'late', 'overdue', 'prolonged', 'hard-to-collect'])
  class?: string;

  @PageLimit()
  limit?: number;

  /** Still the last unit code of the previous page (employers.service pages by unit code). */
  @PageCursor()
  cursor?: string;
}

@ApiTags('employers')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller('employers')
export class EmployersController {
  constructor(
    private readonly employers: EmployersService) {}

  @Get()
  list(@Query() q: EmployersQuery, @CurrentUser() user: AuthUser) {
    return this.employers.list({ ...q, user, limit: q.limit ?? 50 });
  }

  @Get(':code')
  get(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    return this.employers.get(code, user);
  }
}
