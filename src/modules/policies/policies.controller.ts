import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/index.js';
import { RequestActor, Roles } from '../access/index.js';
import { PoliciesService } from './policies.service.js';

@ApiTags('policies')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

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
    @RequestActor() actor: Actor,
  ) {
    return this.policies.put(key, body, actor);
  }
}
