import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { PageCursor } from '../../infrastructure/http/page-limit.decorator.js';
import { PageLimitQuery } from '../../infrastructure/http/queries.js';
import { Roles } from '../access/index.js';
import { writeAuditWorkbook } from './audit-workbook.js';
import type { AuditEvent } from './audit-event.entity.js';
import { type AuditQuery, AuditService } from './audit.service.js';

class AuditFilterQuery {
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][\w.-]{0,59}$/, { message: 'action must look like auth.login' })
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(36)
  userId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  /** Inclusive: a date (`YYYY-MM-DD`, UTC midnight) or a date-time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a real date or date-time (ISO 8601)' })
  from?: string;

  /** Exclusive: a date (`YYYY-MM-DD`, UTC midnight) or a date-time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a real date or date-time (ISO 8601)' })
  to?: string;

  /** The previous page's `nextCursor` (an event id). */
  @PageCursor()
  cursor?: string;
}

class AuditListQuery extends IntersectionType(AuditFilterQuery, PageLimitQuery) {}

/** At most this many events in one workbook; narrow the filter (from/to) for more. */
const WORKBOOK_MAX_EVENTS = 100_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function toQuery(q: AuditFilterQuery, limit: number): AuditQuery {
  return {
    action: q.action,
    userId: q.userId,
    email: q.email,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    cursor: q.cursor,
    limit,
  };
}

function view(e: AuditEvent) {
  return {
    id: e.id,
    at: e.at,
    userId: e.userId ?? null,
    email: e.email ?? null,
    action: e.action,
    objectType: e.objectType ?? null,
    objectId: e.objectId ?? null,
    ip: e.ip ?? null,
    details: e.details ?? null,
  };
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('audit')
  @ApiOperation({ summary: 'Audit trail, newest first (cursor: the previous page’s nextCursor)' })
  async list(@Query() q: AuditListQuery) {
    const page = await this.audit.list(toQuery(q, q.limit));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  @Get('audit.xlsx')
  @ApiOperation({ summary: 'Audit trail as a workbook (same filters, up to 100,000 events)' })
  async workbook(@Query() q: AuditFilterQuery, @Res() res: Response): Promise<void> {
    const audit = this.audit;
    async function* pages(): AsyncIterable<AuditEvent[]> {
      let query = toQuery(q, 1000);
      let left = WORKBOOK_MAX_EVENTS;
      while (left > 0) {
        const page = await audit.list({ ...query, limit: Math.min(1000, left) });
        yield page.items;
        left -= page.items.length;
        if (page.nextCursor === null) return;
        query = { ...query, cursor: page.nextCursor };
      }
    }
    res
      .status(200)
      .type(XLSX)
      .setHeader('content-disposition', 'attachment; filename="sothu-audit.xlsx"');
    await writeAuditWorkbook(pages(), res, this.config.businessTimeZone);
  }
}
