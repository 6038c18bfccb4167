import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { actorOf } from '../../infrastructure/http/actor.util.js';
import { PoliciesService } from './policies.service.js';

// Administrators only, once authentication lands (guards are added there).
@ApiTags('policies')
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  async list() {
    return { items: await this.policies.list() };
  }

  /** Replaces a policy's value (validated against its schema; fields left out take their defaults). */
  @Put(':key')
  @ApiBody({ schema: { type: 'object', example: { prolongedMonthsMilli: 3000, evasionDaysPastDue: 60 } } })
  put(@Param('key') key: string, @Body() body: unknown, @Req() req: Request) {
    return this.policies.put(key, body, actorOf(req));
  }
}
