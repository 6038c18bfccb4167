import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageCursor } from '../../infrastructure/http/page-limit.decorator.js';
import { PageLimitQuery } from '../../infrastructure/http/queries.js';
import type { Actor } from '../access/index.js';
import { RequestActor, Roles } from '../access/index.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { userView, UsersService } from './users.service.js';

class ListUsersQuery extends PageLimitQuery {
  /** The previous page's `nextCursor` (an email). */
  @PageCursor()
  cursor?: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateUserDto, @RequestActor() actor: Actor) {
    return userView(await this.users.create(body, actor));
  }

  @Get()
  async list(@Query() q: ListUsersQuery) {
    const page = await this.users.list(q.limit, q.cursor);
    return { items: page.items.map(userView), nextCursor: page.nextCursor };
  }
}
