import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import {
  type AuthedRequest,
  CurrentUser,
  Public,
  RateLimited,
  RequestActor,
  WhilePasswordChangeDue,
} from '../access/index.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
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
  async login(
    @Body() body: LoginDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const issued = await this.auth.login(body.email, body.password, req.ip ?? null);
    setSessionCookie(req, res, issued);
    return issued;
  }

  @Post('auth/password')
  @HttpCode(200)
  @ApiBearerAuth()
  @WhilePasswordChangeDue()
  @ApiOperation({
    summary: 'Choose a new password (required after a reset): every other token ends, a new one is issued',
  })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const issued = await this.auth.changePassword(user, body.currentPassword, body.newPassword, actor);
    setSessionCookie(req, res, issued);
    return issued;
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: every token of this user stops working' })
  @WhilePasswordChangeDue()
  async logout(
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(user, actor);
    clearSessionCookie(req, res);
  }

  @Get('me')
  @ApiBearerAuth()
  @WhilePasswordChangeDue()
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
      mustChangePassword: !!user.mustChangePassword,
    };
  }
}
