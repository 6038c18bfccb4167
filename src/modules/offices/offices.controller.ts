import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import { CreateOfficeDto } from './dto/create-office.dto.js';
import { OfficesService } from './offices.service.js';

@ApiTags('offices')
@ApiBearerAuth()
@Controller('offices')
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

  /** Any signed-in user: the offices it may see (an admin: all). */
  @Get()
  @Roles('officer', 'inspector', 'admin')
  async list(@CurrentUser() user: AuthUser) {
    return { items: await this.offices.list(user) };
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  create(@Body() body: CreateOfficeDto, @RequestActor() actor: Actor) {
    return this.offices.create(body, actor);
  }
}
