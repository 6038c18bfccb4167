import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';

/** Max page size of every paginated list. */
export const PAGE_MAX = 200;

/** The `limit` query parameter of a paginated list: 1 to 200, default 50. */
export function PageLimit(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: 50, maximum: PAGE_MAX }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(PAGE_MAX),
  );
}

/** The `cursor` query parameter of a keyset-paginated list: the `nextCursor` of the previous page. */
export function PageCursor(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'nextCursor of the previous page' }),
    IsOptional(),
    MaxLength(200),
  );
}
