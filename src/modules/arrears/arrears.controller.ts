import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import {
  PageCursor,
  PageLimit,
  PAGE_MAX_WIDE,
} from '../../infrastructure/http/page-limit.decorator.js';
import { loadExcelJs } from '../../infrastructure/heavy-libraries.js';
import { AsOfQuery, OfficeQuery } from '../../infrastructure/http/queries.js';
import { IsScopeCode } from '../../infrastructure/http/validators.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, Roles } from '../access/index.js';
import { labelVi } from '../../domain/labels-vi.js';
import { ArrearsService, type RatioScope } from './arrears.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

class ArrearsQuery extends IntersectionType(OfficeQuery, AsOfQuery) {
  @PageLimit({ max: PAGE_MAX_WIDE, default: 100 })
  limit?: number;

  @PageCursor()
  cursor?: string;
}

class RatioQuery extends AsOfQuery {
  @IsOptional()
  @IsIn(['all', 'province', 'office', 'employer'])
  scope?: RatioScope;

  @IsOptional()
  @IsScopeCode()
  code?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@ApiTags('arrears')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller()
export class ArrearsController {
  constructor(private readonly arrears: ArrearsService) {}

  /** Employers with overdue principal or unpaid charges as of a day, largest first, with ageing buckets. */
  @Get('arrears')
  list(@Query() q: ArrearsQuery, @CurrentUser() user: AuthUser) {
    return this.arrears.arrears({
      user,
      office: q.office,
      asOf: q.asOf,
      limit: q.limit ?? 100,
      cursor: q.cursor,
    });
  }

  @Get('arrears.xlsx')
  @ApiProduces(XLSX)
  async xlsx(@Query() q: ArrearsQuery, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const r = await this.arrears.arrears({
      user,
      office: q.office,
      asOf: q.asOf,
      limit: 1_000_000,
    });
    const wb = new (await loadExcelJs()).Workbook();
    const ws = wb.addWorksheet('Nợ (B01-TS)', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.getRow(1).values = [
      'Mã đơn vị',
      'Cơ quan BHXH',
      'Nợ gốc quá hạn',
      'Lãi chậm đóng',
      'Số tháng nợ',
      '< 1 tháng',
      '1–<3',
      '3–<6',
      '6–<12',
      '≥ 12',
      'Phân loại',
    ];
    ws.getRow(1).font = { bold: true };
    r.items.forEach((it, i) => {
      ws.getRow(i + 2).values = [
        it.unitCode,
        it.officeCode,
        it.overduePrincipal,
        it.chargesUnpaid,
        it.monthsOfDebt,
        ...['lt1', 'm1to3', 'm3to6', 'm6to12', 'ge12'].map((b) => it.ageing[b] ?? 0),
        labelVi('debtClass', it.debtClass),
      ];
    });
    const last = r.items.length + 1;
    const total = ws.getRow(last + 1);
    total.getCell(1).value = 'Tổng cộng';
    for (const col of ['C', 'D', 'F', 'G', 'H', 'I', 'J'])
      ws.getCell(`${col}${last + 1}`).value = { formula: `SUM(${col}2:${col}${last})` };
    for (const col of ['C', 'D', 'F', 'G', 'H', 'I', 'J']) ws.getColumn(col).numFmt = '#,##0';
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="arrears-${r.office ?? 'all'}-${r.asOf}.xlsx"`,
    );
    await wb.xlsx.write(res);
    res.end();
  }

  /** Late-payment ratio (both variants) with numerator and denominator, for a scope and year as of a day. */
  @Get('ratios')
  ratio(@Query() q: RatioQuery, @CurrentUser() user: AuthUser) {
    return this.arrears.ratio({
      user,
      scope: q.scope ?? 'all',
      code: q.code,
      year: q.year,
      asOf: q.asOf,
    });
  }
}
