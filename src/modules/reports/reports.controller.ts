import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiProduces,
  ApiPropertyOptional,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { lastDayOf } from '../../domain/dates.js';
import { Clock } from '../../infrastructure/clock.js';
import { IsOfficeCode, IsPeriod, IsUnitCode } from '../../infrastructure/http/validators.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, Roles } from '../access/index.js';
import { NoEmployersError, PeriodNotEndedError } from './reports.errors.js';
import { ReportsService } from './reports.service.js';

export class NoticesRequest {
  @ApiPropertyOptional({ example: '06703', description: 'every employer of this office' })
  @IsOptional()
  @IsOfficeCode()
  office?: string;

  @ApiPropertyOptional({ example: ['TC0001C'], description: 'or these employers' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20000)
  @IsUnitCode({ each: true })
  unitCodes?: string[];

  @ApiProperty({ example: '2026-05' })
  @IsPeriod()
  period!: string;
}

/** Bulk reports rendered off the request path (`report.render`): ask, follow, download the zip. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  /** One C12-TS notice (PDF and workbook) per employer of an office, or of listed employers, for a month. */
  @Post('notices')
  @HttpCode(202)
  async notices(@Body() body: NoticesRequest, @CurrentUser() user: AuthUser) {
    if (!body.office && !body.unitCodes?.length) throw new NoEmployersError();
    const today = this.clock.today();
    if (lastDayOf(body.period) >= today) throw new PeriodNotEndedError(body.period, today);
    return this.reports.requestNotices(user, body);
  }

  @Get(':id.zip')
  @ApiProduces('application/zip')
  async zip(@Param('id') id: string, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const view = await this.reports.view(id, user);
    // errors (not found, not ready) must be thrown before the first byte is written
    await this.reports.assertReady(view);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${this.reports.zipName(view)}"`);
    await this.reports.writeZip(id, user, res);
  }

  @Get(':id')
  view(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.reports.view(id, user);
  }
}
