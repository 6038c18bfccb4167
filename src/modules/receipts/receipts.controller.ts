import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ReceiptStatus } from './receipt.entity.js';
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
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @Get()
  list(@Query() q: ReceiptsQuery) {
    return this.receipts.list({ ...q, limit: q.limit ?? 50 });
  }

  /** Matches (or re-matches) a receipt to an employer; confirms a suggestion. */
  @Post(':id/match')
  @HttpCode(200)
  match(@Param('id', ParseIntPipe) id: number, @Body() body: MatchDto) {
    return this.receipts.match(id, body.unitCode);
  }

  @Post(':id/unmatch')
  @HttpCode(200)
  unmatch(@Param('id', ParseIntPipe) id: number) {
    return this.receipts.unmatch(id);
  }
}
