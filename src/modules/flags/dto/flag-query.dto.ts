import { PageCursor, PageLimit } from '../../../infrastructure/http/page-limit.decorator.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { FLAG_STATUSES, type FlagStatus } from '../flag.entity.js';

const CODES = [
  'PROLONGED_ARREARS',
  'EVASION_SUSPECTED',
  'UNDER_DECLARATION',
  'DECLARATION_MISMATCH',
  'CRIMINAL_THRESHOLD',
  'REPEAT_LATE',
];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];

export class FlagFilterDto {
  @ApiPropertyOptional({ enum: FLAG_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(FLAG_STATUSES as string[], { message: `status must be one of ${FLAG_STATUSES.join(', ')}` })
  status?: FlagStatus;

  @ApiPropertyOptional({ example: '06703', description: 'office code' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'office must be a 5-digit office code' })
  office?: string;

  @ApiPropertyOptional({ enum: CODES })
  @IsOptional()
  @IsIn(CODES, { message: `code must be one of ${CODES.join(', ')}` })
  code?: string;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity?: string;

  @ApiPropertyOptional({ description: 'one employer (unit code)' })
  @IsOptional()
  @MaxLength(10)
  unit?: string;
}

export class FlagQueryDto extends FlagFilterDto {
  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}
