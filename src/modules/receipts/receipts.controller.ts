import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { PageCursor, PageLimit } from '../../infrastructure/http/page-limit.decorator.js';
import { IsIsoDate, IsOfficeCode, IsUnitCode } from '../../infrastructure/http/validators.js';
import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import type { ReceiptStatus } from '../ledger-facts/index.js';
import { ReceiptsService } from './receipts.service.js';

/** How a receipt was tied (domain.md §8), or `none` for receipts no rule tied. */
export const RECEIPT_METHODS = [
  'column',
  'reference',
  'unit-code',
  'tax-code',
  'name',
  'officer',
  'none',
] as const;

const MONEY_MAX = Number.MAX_SAFE_INTEGER;

class ReceiptsQuery {
  @IsOptional()
  @IsIn(['unmatched', 'suggested', 'matched'])
  status?: ReceiptStatus;

  @IsOptional()
  @IsUnitCode()
  unitCode?: string;

  @ApiPropertyOptional({ enum: RECEIPT_METHODS })
  @IsOptional()
  @IsIn(RECEIPT_METHODS)
  method?: string;

  /** Whole đồng, inclusive. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  amountMin?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  amountMax?: number;

  /** Value dates from / to, inclusive. */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @IsOptional()
  @IsIsoDate()
  to?: string;

  /** Value-date order: `desc` (newest first, the default) or `asc`. */
  @ApiPropertyOptional({ enum: ['desc', 'asc'], default: 'desc' })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order?: 'desc' | 'asc';

  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
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

class ForwardDto {
  @IsOfficeCode()
  office!: string;
}

@ApiTags('receipts')
@ApiBearerAuth()
@Roles('officer', 'admin')
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  /** The queue: value-date order, filters, the suspense count and total, ranked candidates per receipt. */
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

  /** Sends a receipt on suspense to the office of its employer: it leaves this queue for theirs. */
  @Post(':id/forward')
  @HttpCode(200)
  forward(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ForwardDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.receipts.forward(id, body.office, user, actor);
  }
}
