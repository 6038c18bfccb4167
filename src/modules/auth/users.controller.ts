import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'The user can no longer sign in; its tokens are refused from now on' })
  async deactivate(@Param('id') id: string, @RequestActor() actor: Actor) {
    return userView(await this.users.deactivate(id, actor));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'A deactivated user may sign in again' })
  async activate(@Param('id') id: string, @RequestActor() actor: Actor) {
    return userView(await this.users.activate(id, actor));
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ends a sign-in lockout now' })
  async unlock(@Param('id') id: string, @RequestActor() actor: Actor) {
    return userView(await this.users.unlock(id, actor));
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A one-time password, shown only in this answer: the user signs in with it and must choose a new one',
  })
  async resetPassword(@Param('id') id: string, @RequestActor() actor: Actor) {
    const { user, password } = await this.users.resetWithOneTimePassword(id, actor);
    return { user: userView(user), oneTimePassword: password };
  }
}
