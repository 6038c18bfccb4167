import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PageCursor, PageLimit, PAGE_MAX_WIDE } from './page-limit.decorator.js';
import { IsIsoDate, IsOfficeCode } from './validators.js';

/**
 * The query parameters lists and reports share, declared once; a controller's query extends one or
 * composes several with `IntersectionType` (from `@nestjs/swagger`, so the OpenAPI page sees them).
 */

/** `?asOf=`: the day figures are computed as of (a real `YYYY-MM-DD`; default today). */
export class AsOfQuery {
  @ApiPropertyOptional({ example: '2026-06-30', description: 'YYYY-MM-DD; default today' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

/** `?office=`: one office (5-digit code). */
export class OfficeQuery {
  @ApiPropertyOptional({ example: '06703', description: 'office code' })
  @IsOptional()
  @IsOfficeCode()
  office?: string;
}

/** `?limit=&cursor=` of a keyset list: at most 200 a page (default 50), an opaque cursor. */
export class PageQuery {
  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}

/** `?limit=` of a list read in bulk: at most 500 a page, 100 when not given. Extend it with the list's cursor. */
export class PageLimitQuery {
  @PageLimit({ max: PAGE_MAX_WIDE, default: 100 })
  limit: number = 100;
}
