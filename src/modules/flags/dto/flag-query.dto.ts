import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OfficeQuery, PageQuery } from '../../../infrastructure/http/queries.js';
import { IsUnitCode } from '../../../infrastructure/http/validators.js';
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

export class FlagFilterDto extends OfficeQuery {
  @ApiPropertyOptional({ enum: FLAG_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(FLAG_STATUSES as string[], { message: `status must be one of ${FLAG_STATUSES.join(', ')}` })
  status?: FlagStatus;

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
  @IsUnitCode()
  unit?: string;
}

export class FlagQueryDto extends IntersectionType(FlagFilterDto, PageQuery) {}
