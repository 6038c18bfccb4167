import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { addMonths, lastDayOf, periodOf } from '../../domain/dates.js';
import type { Request, Response } from 'express';
import { cacheKey, GenerationCache } from '../../infrastructure/http/generation-cache.js';
import type { Ledger } from '../../domain/ledger.js';
import { explainLedger } from '../../domain/ledger-explained.js';
import { Clock } from '../../infrastructure/clock.js';
import { AsOfQuery } from '../../infrastructure/http/queries.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, Roles } from '../access/index.js';
import { EmployerNotFoundError, EmployersService } from '../employers/index.js';
import { writeLedgerWorkbook } from './ledger-workbook.js';
import { ReconciliationService } from './reconciliation.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

class MonthsOfDebtQuery extends AsOfQuery {
  @ApiPropertyOptional({
    default: 24,
    minimum: 1,
    maximum: 60,
    description: 'month-ends before asOf',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  months?: number;
}

/** An employer's reconciliation sheet (the ledger), computed on request for any day. */
@ApiTags('employers')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller('employers')
export class LedgerController {
  constructor(
    private readonly employers: EmployersService,
    private readonly reconciliation: ReconciliationService,
    private readonly clock: Clock,
    private readonly cache: GenerationCache,
  ) {}

  /**
   * The reconciliation sheet as of D (default today): periods, payments with their allocation, totals.
   * Served again from the response cache until any data changes (GenerationCache); the day is part of
   * the key, so "today" moving on computes it afresh.
   */
  @Get(':code/ledger')
  async ledger(
    @Param('code') code: string,
    @Query() q: AsOfQuery,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const asOf = q.asOf ?? this.clock.today();
    const key = cacheKey('GET /employers/:code/ledger', user, { code: code.toUpperCase(), asOf });
    await this.cache.send(req, res, key, async () => {
      await this.employers.get(code, user);
      return ledgerView(await this.compute(code, asOf));
    });
  }

  /**
   * Months of debt over time, from the ledger itself: the ledger as of each month-end of the last
   * `months` months before D, and as of D (not only the days a run happened to snapshot). Month-ends
   * before the employer's first receivable are left out.
   */
  @Get(':code/months-of-debt')
  async monthsOfDebt(
    @Param('code') code: string,
    @Query() q: MonthsOfDebtQuery,
    @CurrentUser() user: AuthUser,
  ) {
    await this.employers.get(code, user);
    const asOf = q.asOf ?? this.clock.today();
    const n = q.months ?? 24;
    const days = [];
    for (let i = n; i >= 1; i--) days.push(lastDayOf(addMonths(periodOf(asOf), -i)));
    if (!days.includes(asOf)) days.push(asOf);
    const result = await this.reconciliation.ledgers(code.toUpperCase(), days);
    if (!result) throw new EmployerNotFoundError(code);
    const points = result.ledgers.map((l) => ({
      day: l.asOf,
      monthsOfDebt: l.monthsOfDebt,
      overduePrincipal: l.totals.overduePrincipal,
      debtClass: l.debtClass,
      receivable: l.totals.receivable,
    }));
    const first = points.findIndex((p) => p.receivable > 0);
    return {
      unitCode: code.toUpperCase(),
      asOf,
      points: (first < 0 ? points.slice(-1) : points.slice(first)).map(
        ({ receivable: _r, ...p }) => p,
      ),
    };
  }

  @Get(':code/ledger.xlsx')
  @ApiProduces(XLSX)
  async ledgerXlsx(
    @Param('code') code: string,
    @Query() q: AsOfQuery,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ) {
    const employer = await this.employers.get(code, user);
    const ledger = await this.compute(code, q.asOf);
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ledger-${ledger.unitCode}-${ledger.asOf}.xlsx"`,
    );
    await writeLedgerWorkbook(ledger, employer.name, res);
    res.end();
  }

  private async compute(code: string, asOf?: string): Promise<Ledger> {
    const result = await this.reconciliation.ledger(code.toUpperCase(), asOf ?? this.clock.today());
    if (!result) throw new EmployerNotFoundError(code);
    return result.ledger;
  }
}

/**
 * product.md's ledger shape, plus the charges and findings behind it, and what explains each figure
 * (`explainLedger`): periods carried by a C12 opening balance, overdue vs not yet due, the payment event
 * that booked each charge. Fields are only ever added here, never renamed.
 */
function ledgerView(l: Ledger) {
  const x = explainLedger(l);
  return {
    unitCode: l.unitCode,
    asOf: l.asOf,
    periods: x.periods,
    payments: x.payments,
    totals: x.totals,
    monthsOfDebt: l.monthsOfDebt,
    debtClass: l.debtClass,
    ageing: l.ageing,
    onTimeShare: l.onTimeShare,
    hardToCollect: l.hardToCollect,
    charges: x.charges,
    opening: x.opening,
    underDeclaration: l.underDeclaration,
    flags: l.flags,
    // §6 "A k not yet known": charges not booked for want of a reference value, and the values to enter
    rateMissing: l.rateMissing,
    missingReference: l.missingReference,
  };
}
