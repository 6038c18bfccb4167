import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { matchesSearch, searchKey } from '../../domain/matching-search.js';
import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import { CreateOfficeDto } from './dto/create-office.dto.js';
import { OfficesService } from './offices.service.js';

class OfficesQuery {
  /** Accent-blind: every word begins a word of the office's code and name ("gia nghia" finds "Gia Nghĩa"). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

@ApiTags('offices')
@ApiBearerAuth()
@Controller('offices')
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

  /** Any signed-in user: the offices it may see (an admin: all). */
  @Get()
  @Roles('officer', 'inspector', 'admin')
  async list(@Query() query: OfficesQuery, @CurrentUser() user: AuthUser) {
    const offices = await this.offices.list(user);
    const q = query.q?.trim();
    return {
      items: q
        ? offices.filter((o) => matchesSearch(q, searchKey(`${o.code} ${o.name}`)))
        : offices,
    };
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  create(@Body() body: CreateOfficeDto, @RequestActor() actor: Actor) {
    return this.offices.create(body, actor);
  }
}
