import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The most items one page of any list returns. */
export const PAGE_LIMIT_MAX = 500;

/** `?limit=` of a paginated list: 1 to {@link PAGE_LIMIT_MAX}, default 100. Extend it with the list's cursor. */
export class PageLimitQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit: number = 100;
}
