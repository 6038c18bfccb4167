import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { Response } from 'express';
import { addMonths, lastDayOf, periodOf } from '../../domain/dates.js';
import { Clock } from '../../infrastructure/clock.js';
import { IsPeriod } from '../../infrastructure/http/validators.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, Roles } from '../access/index.js';
import { EmployerNotFoundError, EmployersService } from '../employers/index.js';
import { noticeFileName } from './notice-layout.js';
import { writeNoticePdf } from './notice-pdf.js';
import { writeNoticeWorkbook } from './notice-workbook.js';
import { NoticeService } from './notice.service.js';
import { NoticeFailedError, PeriodNotEndedError } from './reports.errors.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class NoticeQuery {
  @ApiPropertyOptional({
    example: '2026-05',
    description: 'YYYY-MM; default the month before this one',
  })
  @IsOptional()
  @IsPeriod()
  period?: string;
}

/** One employer's C12-TS notice for a month, as a workbook or a PDF. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller('employers')
export class NoticesController {
  constructor(
    private readonly employers: EmployersService,
    private readonly notices: NoticeService,
    private readonly clock: Clock,
  ) {}

  @Get(':code/notice.xlsx')
  @ApiProduces(XLSX)
  async xlsx(
    @Param('code') code: string,
    @Query() q: NoticeQuery,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ) {
    const { notice, party } = await this.one(code, q.period, user);
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${noticeFileName(notice, 'xlsx')}"`,
    );
    await writeNoticeWorkbook(notice, party, res);
    res.end();
  }

  @Get(':code/notice.pdf')
  @ApiProduces('application/pdf')
  async pdf(
    @Param('code') code: string,
    @Query() q: NoticeQuery,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ) {
    const { notice, party } = await this.one(code, q.period, user);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${noticeFileName(notice, 'pdf')}"`);
    await writeNoticePdf(notice, party, this.notices.fonts, res);
    res.end();
  }

  private async one(code: string, period: string | undefined, user: AuthUser) {
    const employer = await this.employers.get(code, user);
    const today = this.clock.today();
    const p = period ?? addMonths(periodOf(today), -1);
    if (lastDayOf(p) >= today) throw new PeriodNotEndedError(p, today);
    const [r] = await this.notices.notices([employer.unitCode], p);
    if (!r) throw new EmployerNotFoundError(code);
    if ('error' in r) throw new NoticeFailedError(r.unitCode, r.error.code, r.error.message);
    return r;
  }
}
