import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { CURSOR_MAX_LENGTH } from './keyset.js';

/** Max page size of the paginated lists people page through (flags, cases, imports, employers, receipts). */
export const PAGE_MAX = 200;
/** Max page size of the lists read in bulk (audit, users, arrears). */
export const PAGE_MAX_WIDE = 500;

/** The `limit` query parameter of a paginated list: 1 to `max` (default {@link PAGE_MAX}). */
export function PageLimit(opts: { max?: number; default?: number } = {}): PropertyDecorator {
  const max = opts.max ?? PAGE_MAX;
  return applyDecorators(
    ApiPropertyOptional({ default: opts.default ?? 50, minimum: 1, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}

const CURSOR_MESSAGE = 'cursor must be the nextCursor of the previous page';

/**
 * The `cursor` query parameter of a keyset-paginated list: the `nextCursor` of the previous page.
 * Opaque by default (the list decodes it, see `keyset.ts`); `'id'` for the lists whose cursor is still a
 * bare row id or offset (a number), or a pattern for those whose cursor is still a bare key.
 */
export function PageCursor(format: 'opaque' | 'id' | RegExp = 'opaque'): PropertyDecorator {
  const doc = ApiPropertyOptional({
    description: 'nextCursor of the previous page',
    ...(format === 'id' ? { type: Number } : { type: String }),
  });
  if (format === 'id')
    return applyDecorators(
      doc,
      IsOptional(),
      Type(() => Number),
      IsInt({ message: CURSOR_MESSAGE }),
      Min(0, { message: CURSOR_MESSAGE }),
    );
  return applyDecorators(
    doc,
    IsOptional(),
    MaxLength(CURSOR_MAX_LENGTH, { message: CURSOR_MESSAGE }),
    ...(format === 'opaque' ? [] : [Matches(format, { message: CURSOR_MESSAGE })]),
  );
}
