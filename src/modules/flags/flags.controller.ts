import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { cacheKey, GenerationCache } from '../../infrastructure/http/generation-cache.js';
import {
  FlagFilterDto,
  FlagQueryDto,
  QueueFilterDto,
  QueueQueryDto,
} from './dto/flag-query.dto.js';
import { writeQueuePlan } from './inspection-plan-workbook.js';
import { InspectionQueueService } from './inspection-queue.service.js';
import { FlagQueueService, flagView } from './flag-queue.service.js';
import { writeInspectionPlan } from './flags-workbook.js';
import type { Actor } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import { EmployerDirectory } from '../employers/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import { scope } from '../access/index.js';
import { scopedFilter } from '../access/index.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('flags')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller()
export class FlagsController {
  constructor(
    private readonly queue: FlagQueueService,
    private readonly inspection: InspectionQueueService,
    private readonly employers: EmployerDirectory,
    private readonly audit: AuditService,
    private readonly cache: GenerationCache,
  ) {}

  /**
   * The inspectors' queue, ordered by risk (risk score, months of debt, unit code); keyset pages. A page
   * is served again from the response cache until any data changes (GenerationCache).
   */
  @Get('flags')
  async list(
    @Query() q: FlagQueryDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { limit, cursor, ...filter } = q;
    const scoped = scopedFilter(user, filter);
    const key = cacheKey('GET /flags', user, { ...scoped, limit: limit ?? 50, cursor });
    await this.cache.send(req, res, key, async () => {
      const page = await this.queue.page(scoped, limit ?? 50, cursor);
      return { items: page.items.map(flagView), nextCursor: page.nextCursor };
    });
  }

  /**
   * The inspectors' work list: one row per employer with flags of the status (default open), highest
   * severity first, then risk score, months of debt, unit code; keyset pages.
   */
  @Get('inspection-queue')
  async inspectionQueue(@Query() q: QueueQueryDto, @CurrentUser() user: AuthUser) {
    const { limit, cursor, ...filter } = q;
    return this.inspection.page(scopedFilter(user, filter), limit ?? 50, cursor);
  }

  /** `inspection-plan.xlsx`: the filtered work list (every page), one row per employer. */
  @Get('inspection-queue.xlsx')
  @ApiProduces(XLSX)
  async inspectionPlan(
    @Query() q: QueueFilterDto,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ) {
    const filter = scopedFilter(user, q);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', 'attachment; filename="inspection-plan.xlsx"');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const scope = [q.office && `cơ quan ${q.office}`, q.code, q.severity]
      .filter(Boolean)
      .join(', ');
    await writeQueuePlan(
      this.inspection.all(filter),
      res,
      `Kế hoạch thanh tra (${q.status ?? 'open'}${scope ? `, ${scope}` : ''})`,
    );
    res.end();
  }

  /** The inspection plan: the same list (every page) as a workbook. */
  @Get('flags.xlsx')
  @ApiProduces(XLSX)
  async workbook(@Query() q: FlagFilterDto, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const filter = scopedFilter(user, q);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', 'attachment; filename="inspection-plan.xlsx"');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const scope = [q.office && `office ${q.office}`, q.code, q.severity].filter(Boolean).join(', ');
    await writeInspectionPlan(
      this.employers,
      this.queue.all(filter),
      res,
      `Kế hoạch thanh tra — inspection plan (${q.status ?? 'open'}${scope ? `, ${scope}` : ''})`,
    );
    res.end();
  }

  /** One flag with its evidence, the employer's months-of-debt history and its receipts. */
  @Get('flags/:id')
  async detail(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.visible(id, user);
    return this.queue.detail(id);
  }

  /** Closes a flag whose condition has cleared. */
  @Post('flags/:id/close')
  @HttpCode(200)
  @Roles('inspector', 'admin')
  async close(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    await this.visible(id, user);
    return flagView(
      await this.queue.close(id, (tx, f) =>
        this.audit.record(
          actor,
          {
            action: 'flag.close',
            objectType: 'flag',
            objectId: String(id),
            details: { unitCode: f.unitCode, code: f.code },
          },
          tx,
        ),
      ),
    );
  }

  /** A flag of another office answers 404, as a missing one does. */
  private async visible(id: number, user: AuthUser): Promise<void> {
    const flag = await this.queue.get(id);
    scope.assertVisible(user, flag.officeCode, 'Flag', String(id));
  }
}
