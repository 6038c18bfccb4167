import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageCursor, PageLimit } from '../../../infrastructure/http/page-limit.decorator.js';
import { OfficeQuery } from '../../../infrastructure/http/queries.js';
import { IsIsoDate, IsUnitCode } from '../../../infrastructure/http/validators.js';
import { CASE_STATUSES } from '../case-workflow.util.js';

export class OpenCaseDto {
  @ApiProperty({
    type: [Number],
    example: [12, 13],
    description: 'flags of one employer (ids as numbers or digit strings)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v))
      : value,
  )
  @IsInt({ each: true, message: 'flagIds must be flag ids' })
  @Min(1, { each: true })
  flagIds!: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsIn(CASE_STATUSES as string[], { message: `to must be one of ${CASE_STATUSES.join(', ')}` })
  to!: (typeof CASE_STATUSES)[number];

  @ApiPropertyOptional({ description: 'why; required for dismissed and for going back' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({
    example: '2026-05-04',
    description: 'reminder date (reminded), minutes date (reconciled)',
  })
  @IsOptional()
  @IsIsoDate()
  date?: string;
}

export class AssignDto {
  @ApiProperty({ example: 'inspector@bhxh.example', description: 'user id or email' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  inspector!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class SanctionDto {
  @ApiProperty({ example: '2026-05-04', description: 'decision date' })
  @IsIsoDate()
  date!: string;

  @ApiProperty({ example: 75_000_000, description: 'whole đồng' })
  @IsInt({ message: 'amount must be whole đồng' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class NoteDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note!: string;
}

export class CaseFilterDto extends OfficeQuery {
  @ApiPropertyOptional({ enum: ['active', 'closed', ...CASE_STATUSES] })
  @IsOptional()
  @IsIn(['active', 'closed', ...CASE_STATUSES], {
    message: `status must be active, closed or one of ${CASE_STATUSES.join(', ')}`,
  })
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({ description: 'one employer (unit code)' })
  @IsOptional()
  @IsUnitCode()
  unit?: string;
}

export class CaseQueryDto extends CaseFilterDto {
  @PageLimit()
  limit?: number;

  /** Still a bare case id (cases.service pages by id): digits. */
  @PageCursor()
  cursor?: string;
}

export class MinutesQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'first day (default: 1 January of to)',
  })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'last day (default: today)' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}
