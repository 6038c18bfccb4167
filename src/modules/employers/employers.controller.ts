import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, Roles } from '../access/index.js';
import { EmployersService } from './employers.service.js';

class EmployersQuery {
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'office must be a 5-digit office code' })
  office?: string;

  @IsOptional()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsIn(['none', 'late', 'overdue', 'prolonged', 'hard-to-collect'])
  class?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @Matches(/^[A-Z0-9]{1,10}$/, { message: 'cursor is the nextCursor of the previous page' })
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
