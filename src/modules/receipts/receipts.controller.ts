import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { PageCursor, PageLimit } from '../../infrastructure/http/page-limit.decorator.js';
import { IsUnitCode } from '../../infrastructure/http/validators.js';
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
  @IsUnitCode()
  unitCode?: string;

  @PageLimit()
  limit?: number;

  /** Still a bare receipt id (receipts.service pages by id). */
  @PageCursor('id')
  cursor?: number;
}

/** The unit code the officer saw the receipt tied to (`KM00000` or null: on suspense). */
class ExpectedStateDto {
  @ApiPropertyOptional({
    nullable: true,
    description:
      'the unit code the receipt showed when the officer decided (KM00000: suspense); changed meanwhile → 409',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUnitCode()
  expectedUnitCode?: string | null;
}

class MatchDto extends ExpectedStateDto {
  @IsUnitCode()
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
    return this.receipts.match(id, body.unitCode, user, actor, body.expectedUnitCode);
  }

  @Post(':id/unmatch')
  @HttpCode(200)
  unmatch(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ExpectedStateDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.receipts.unmatch(id, user, actor, body.expectedUnitCode);
  }
}
