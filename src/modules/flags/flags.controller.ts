import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { FlagFilterDto, FlagQueryDto } from './dto/flag-query.dto.js';
import { FlagQueueService, flagView } from './flag-queue.service.js';
import { writeInspectionPlan } from './flags-workbook.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('flags')
@Controller()
export class FlagsController {
  constructor(
    private readonly queue: FlagQueueService,
    private readonly em: EntityManager,
  ) {}

  /** The inspectors' queue, ordered by risk (risk score, months of debt, unit code); keyset pages. */
  @Get('flags')
  async list(@Query() q: FlagQueryDto) {
    const { limit, cursor, ...filter } = q;
    const page = await this.queue.page(filter, limit ?? 50, cursor);
    return { items: page.items.map(flagView), nextCursor: page.nextCursor };
  }

  /** The inspection plan: the same list (every page) as a workbook. */
  @Get('flags.xlsx')
  @ApiProduces(XLSX)
  async workbook(@Query() q: FlagFilterDto, @Res() res: Response) {
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', 'attachment; filename="inspection-plan.xlsx"');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const scope = [q.office && `office ${q.office}`, q.code, q.severity].filter(Boolean).join(', ');
    await writeInspectionPlan(this.em, this.queue.all(q), res, `Kế hoạch thanh tra — inspection plan (${q.status ?? 'open'}${scope ? `, ${scope}` : ''})`);
    res.end();
  }

  /** One flag with its evidence, the employer's months-of-debt history and its receipts. */
  @Get('flags/:id')
  detail(@Param('id', ParseIntPipe) id: number) {
    return this.queue.detail(id);
  }

  /** Closes a flag whose condition has cleared. */
  @Post('flags/:id/close')
  @HttpCode(200)
  async close(@Param('id', ParseIntPipe) id: number) {
    return flagView(await this.queue.close(id));
  }
}
