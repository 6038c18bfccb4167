import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { actorOf } from '../../infrastructure/http/actor.util.js';
import type { Actor } from '../audit/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { RequestActor, Roles } from '../auth/auth.decorators.js';
import { PoliciesService } from './policies.service.js';

@ApiTags('policies')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller('policies')
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list() {
    return { items: await this.policies.list() };
  }

  /** Replaces a policy's value (validated against its schema; fields left out take their defaults). */
  @Put(':key')
  @ApiBody({
    schema: { type: 'object', example: { prolongedMonthsMilli: 3000, evasionDaysPastDue: 60 } },
  })
  @Roles('admin')
  async put(
    @Param('key') key: string,
    @Body() body: unknown,
    @Req() req: Request,
    @RequestActor() actor: Actor,
  ) {
    const value = await this.policies.put(key, body, actorOf(req));
    await this.audit.record(actor, {
      action: 'policy.update',
      objectType: 'policy',
      objectId: key,
      details: { value: body },
    });
    return value;
  }
}
