import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import {
  reportWorkbook,
  tableSheet,
  type ReportColumn,
} from '../../infrastructure/excel/report-workbook.js';
import { IsPeriod, IsProvinceCode, IsScopeCode } from '../../infrastructure/http/validators.js';
import type { Actor, AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import { XLSX } from './notices.controller.js';
import {
  RatiosService,
  type LeagueRow,
  type SeriesPoint,
  type SeriesScope,
} from './ratios.service.js';
import { dateVi, labelVi, periodVi } from '../../domain/labels-vi.js';

export class SeriesQuery {
  @ApiPropertyOptional({ enum: ['all', 'province', 'office', 'employer'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'province', 'office', 'employer'])
  scope?: SeriesScope;

  @ApiPropertyOptional({ example: '06703' })
  @IsOptional()
  @IsScopeCode()
  code?: string;

  @ApiPropertyOptional({
    example: '2026-01',
    description: 'first month (default: 12 months to `to`)',
  })
  @IsOptional()
  @IsPeriod()
  from?: string;

  @ApiPropertyOptional({ example: '2026-10', description: 'last month (default: last month)' })
  @IsOptional()
  @IsPeriod()
  to?: string;
}

export class LeagueQuery {
  @ApiProperty({ example: '67' })
  @IsProvinceCode()
  province!: string;

  @ApiPropertyOptional({ example: '2026-10', description: 'the month (default: last month)' })
  @IsOptional()
  @IsPeriod()
  month?: string;
}

export class TargetBody {
  @ApiProperty({ enum: ['office', 'province'] })
  @IsIn(['office', 'province'])
  scope!: 'office' | 'province';

  @ApiProperty({ example: '06703' })
  @IsScopeCode()
  code!: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 2.5, description: 'percent, at most 2 decimals' })
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  percent!: number;
}

export class TargetsQuery {
  @ApiProperty({ enum: ['office', 'province'] })
  @IsIn(['office', 'province'])
  scope!: 'office' | 'province';

  @ApiProperty({ example: '06703' })
  @IsScopeCode()
  code!: string;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v);

/** The late-payment ratio over time, targets and a league table of offices (domain.md §7). */
@ApiTags('arrears')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller('ratios')
export class RatiosController {
  constructor(private readonly ratios: RatiosService) {}

  /** Monthly points (month-end day runs) with numerator and denominator, both variants, and the target. */
  @Get('series')
  series(@Query() q: SeriesQuery, @CurrentUser() user: AuthUser) {
    return this.ratios.series(user, { ...q, scope: q.scope ?? 'all' });
  }

  @Get('series.xlsx')
  @ApiProduces(XLSX)
  async seriesXlsx(@Query() q: SeriesQuery, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const s = await this.ratios.series(user, { ...q, scope: q.scope ?? 'all' });
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ratio-series-${s.scope}${s.code ? `-${s.code}` : ''}-${s.from}-${s.to}.xlsx"`,
    );
    const wb = await reportWorkbook(res);
    const cols: ReportColumn<SeriesPoint>[] = [
      { header: 'Tháng', value: (p) => periodVi(p.period) },
      { header: 'Ngày chạy', value: (p) => (p.hasRun ? dateVi(p.day) : 'chưa chạy') },
      { header: 'Số đơn vị', kind: 'integer', value: (p) => p.employers },
      { header: 'Nợ quá hạn (tử số)', kind: 'money', value: (p) => p.all?.numerator ?? null },
      {
        header: 'Phải thu lũy kế năm (mẫu số)',
        kind: 'money',
        value: (p) => p.all?.denominator ?? null,
      },
      { header: 'Tỷ lệ chậm đóng (%)', kind: 'decimal', value: (p) => pct(p.all?.percent) },
      {
        header: 'Tử số (trừ khó thu)',
        kind: 'money',
        value: (p) => p.withoutHardToCollect?.numerator ?? null,
      },
      {
        header: 'Mẫu số (trừ khó thu)',
        kind: 'money',
        value: (p) => p.withoutHardToCollect?.denominator ?? null,
      },
      {
        header: 'Tỷ lệ trừ khó thu (%)',
        kind: 'decimal',
        value: (p) => pct(p.withoutHardToCollect?.percent),
      },
      { header: 'Đơn vị nợ kéo dài', kind: 'integer', value: (p) => p.prolonged },
      { header: 'Chỉ tiêu (%)', kind: 'decimal', value: (p) => p.target },
    ];
    const sheet = tableSheet(wb, 'Tỷ lệ theo tháng', cols, [
      `Tỷ lệ chậm đóng theo tháng — ${labelVi('scope', s.scope)}${s.code ? ` ${s.code}` : ''}`,
      `Từ tháng ${periodVi(s.from)} đến tháng ${periodVi(s.to)}; số liệu lần chạy ngày cuối tháng`,
    ]);
    for (const p of s.points) sheet.add(p);
    sheet.commit();
    await wb.commit();
    res.end();
  }

  /** A province's offices at a month's end: ratio, change since the month before, prolonged arrears. */
  @Get('league')
  league(@Query() q: LeagueQuery, @CurrentUser() user: AuthUser) {
    return this.ratios.league(user, q);
  }

  @Get('league.xlsx')
  @ApiProduces(XLSX)
  async leagueXlsx(@Query() q: LeagueQuery, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const l = await this.ratios.league(user, q);
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ratio-league-${l.province}-${l.month}.xlsx"`,
    );
    const wb = await reportWorkbook(res);
    const cols: ReportColumn<LeagueRow & { rank: number }>[] = [
      { header: 'Hạng', kind: 'integer', value: (r) => r.rank, width: 8 },
      { header: 'Mã cơ quan', value: (r) => r.officeCode, width: 12 },
      { header: 'Cơ quan BHXH', value: (r) => r.officeName, width: 30 },
      { header: 'Số đơn vị', kind: 'integer', value: (r) => r.employers },
      { header: 'Tỷ lệ chậm đóng (%)', kind: 'decimal', value: (r) => pct(r.all?.percent) },
      {
        header: 'Tỷ lệ trừ khó thu (%)',
        kind: 'decimal',
        value: (r) => pct(r.withoutHardToCollect?.percent),
      },
      { header: 'Tháng trước (%)', kind: 'decimal', value: (r) => r.previousPercent },
      { header: 'Thay đổi (điểm %)', kind: 'decimal', value: (r) => r.change },
      { header: 'Đơn vị nợ kéo dài', kind: 'integer', value: (r) => r.prolonged },
      { header: 'Chỉ tiêu (%)', kind: 'decimal', value: (r) => r.target },
      { header: 'Nợ quá hạn', kind: 'money', value: (r) => r.all?.numerator ?? null },
      { header: 'Phải thu lũy kế năm', kind: 'money', value: (r) => r.all?.denominator ?? null },
    ];
    const sheet = tableSheet(wb, 'Xếp hạng', cols, [
      `Xếp hạng tỷ lệ chậm đóng các cơ quan BHXH — tỉnh ${l.province}, tháng ${periodVi(l.month)}`,
      `Số liệu ngày ${dateVi(l.day)}, so với ngày ${dateVi(l.previousDay)}${l.target !== null ? `; chỉ tiêu tỉnh ${l.target}%` : ''}`,
    ]);
    l.rows.forEach((r, i) => sheet.add({ ...r, rank: i + 1 }));
    sheet.commit();
    await wb.commit();
    res.end();
  }

  @Get('targets')
  targets(@Query() q: TargetsQuery) {
    return this.ratios.targets(q.scope, q.code);
  }

  /** Sets a year's target of an office or a province (administrators; audited). */
  @Put('targets')
  @Roles('admin')
  setTarget(@Body() body: TargetBody, @RequestActor() actor: Actor) {
    return this.ratios.setTarget(actor, body);
  }
}
