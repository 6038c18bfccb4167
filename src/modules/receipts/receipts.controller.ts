import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import type { ReceiptStatus } from '../ledger-facts/index.js';
import { ReceiptsService } from './receipts.service.js';

class ReceiptsQuery {
  @IsOptional()
  @IsIn(['unmatched', 'suggested', 'matched'])
  status?: ReceiptStatus;

  @IsOptional()
  @Matches(/^[A-Z0-9]{5,10}$/, { message: 'unitCode must be 5–10 capital letters or digits' })
  unitCode?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  cursor?: number;
}

class MatchDto {
  @Matches(/^[A-Za-z0-9]{5,10}$/, { message: 'unitCode must be 5–10 letters or digits' })
  unitCode!: string;
}

@ApiTags('receipts')
@ApiBearerAuth()
@Roles('officer', 'admin')
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @Get()
  @Roles('officer', 'inspector', 'admin')
  list(@Query() q: ReceiptsQuery, @CurrentUser() user: AuthUser) {
    return this.receipts.list({ ...q, user, limit: q.limit ?? 50 });
  }

  /** Matches (or re-matches) a receipt to an employer; confirms a suggestion. */
  @Post(':id/match')
  @HttpCode(200)
  match(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: MatchDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.receipts.match(id, body.unitCode, user, actor);
  }

  @Post(':id/unmatch')
  @HttpCode(200)
  unmatch(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.receipts.unmatch(id, user, actor);
  }
}
