import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OfficeQuery, PageQuery } from '../../../infrastructure/http/queries.js';
import { IsUnitCode } from '../../../infrastructure/http/validators.js';
import { FLAG_STATUSES, type FlagStatus } from '../flag.entity.js';

export const FLAG_CODES = [
  'PROLONGED_ARREARS',
  'EVASION_SUSPECTED',
  'UNDER_DECLARATION',
  'DECLARATION_MISMATCH',
  'CRIMINAL_THRESHOLD',
  'REPEAT_LATE',
  'PROLONGED_IMMINENT',
];
export const FLAG_SEVERITIES = ['low', 'medium', 'high', 'critical'];

export class FlagFilterDto extends OfficeQuery {
  @ApiPropertyOptional({ enum: FLAG_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(FLAG_STATUSES as string[], { message: `status must be one of ${FLAG_STATUSES.join(', ')}` })
  status?: FlagStatus;

  @ApiPropertyOptional({ enum: FLAG_CODES })
  @IsOptional()
  @IsIn(FLAG_CODES, { message: `code must be one of ${FLAG_CODES.join(', ')}` })
  code?: string;

  @ApiPropertyOptional({ enum: FLAG_SEVERITIES })
  @IsOptional()
  @IsIn(FLAG_SEVERITIES, { message: `severity must be one of ${FLAG_SEVERITIES.join(', ')}` })
  severity?: string;

  @ApiPropertyOptional({ description: 'one employer (unit code)' })
  @IsOptional()
  @IsUnitCode()
  unit?: string;
}

export class FlagQueryDto extends IntersectionType(FlagFilterDto, PageQuery) {}

/** `/api/inspection-queue` filters: the flags' status (default open), office, code, severity. */
export class QueueFilterDto extends OfficeQuery {
  @ApiPropertyOptional({ enum: FLAG_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(FLAG_STATUSES as string[], { message: `status must be one of ${FLAG_STATUSES.join(', ')}` })
  status?: FlagStatus;

  @ApiPropertyOptional({ enum: FLAG_CODES, description: 'employers with a flag of this code' })
  @IsOptional()
  @IsIn(FLAG_CODES, { message: `code must be one of ${FLAG_CODES.join(', ')}` })
  code?: string;

  @ApiPropertyOptional({
    enum: FLAG_SEVERITIES,
    description: 'employers with a flag of this severity',
  })
  @IsOptional()
  @IsIn(FLAG_SEVERITIES, { message: `severity must be one of ${FLAG_SEVERITIES.join(', ')}` })
  severity?: string;
}

export class QueueQueryDto extends IntersectionType(QueueFilterDto, PageQuery) {}
