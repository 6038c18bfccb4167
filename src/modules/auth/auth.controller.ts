import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import {
  type AuthedRequest,
  CurrentUser,
  Public,
  RateLimited,
  RequestActor,
} from '../access/index.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { scope } from '../access/index.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @RateLimited('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: a bearer token and when it expires' })
  login(@Body() body: LoginDto, @Req() req: AuthedRequest) {
    return this.auth.login(body.email, body.password, req.ip ?? null);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: every token of this user stops working' })
  async logout(@CurrentUser() user: AuthUser, @RequestActor() actor: Actor): Promise<void> {
    await this.auth.logout(user, actor);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user and the offices it may see' })
  me(@CurrentUser() user: AuthUser) {
    const offices = scope.visibleOffices(user);
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      allOffices: offices === 'all',
      offices: offices === 'all' ? [] : offices,
      assignedOffices: user.offices,
      provinces: user.provinces,
    };
  }
}
