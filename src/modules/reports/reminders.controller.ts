import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import type { Response } from 'express';
import { Clock } from '../../infrastructure/clock.js';
import { IsIsoDate, IsOfficeCode, IsUnitCode } from '../../infrastructure/http/validators.js';
import type { Actor, AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import { writeReminderPdf } from './reminder-pdf.js';
import { RemindersService } from './reminders.service.js';
import { NoticeService } from './notice.service.js';

export class ReminderQuery {
  @ApiProperty({ example: '06703' })
  @IsOfficeCode()
  office!: string;

  @ApiPropertyOptional({ description: 'run day read (default: the latest reconciled day)' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;

  @ApiPropertyOptional({ example: 2, description: 'at least this many months of debt' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  minMonths?: number;

  @ApiPropertyOptional({ enum: ['late', 'overdue', 'prolonged', 'hard-to-collect'] })
  @IsOptional()
  @IsIn(['late', 'overdue', 'prolonged', 'hard-to-collect'])
  class?: string;

  @ApiPropertyOptional({
    example: 'PROLONGED_ARREARS',
    description: 'with an open flag of this code',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  flag?: string;
}

export class OneReminderQuery {
  @ApiPropertyOptional({ description: 'figures as of this day (default yesterday)' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

export class RemindersSent {
  @ApiProperty({ example: ['TC0001C'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUnitCode({ each: true })
  unitCodes!: string[];

  @ApiProperty({ example: '2026-06-15', description: 'the day the letters were sent' })
  @IsIsoDate()
  date!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** Written reminders to employers in arrears (domain.md §10): who, the letters, "mark as sent". */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller()
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly notices: NoticeService,
    private readonly clock: Clock,
  ) {}

  /** An office's employers in arrears on a run day, filtered by months of debt, class and flag. */
  @Get('reminders')
  list(@Query() q: ReminderQuery, @CurrentUser() user: AuthUser) {
    return this.reminders.candidates(user, {
      office: q.office,
      asOf: q.asOf,
      minMonths: q.minMonths,
      debtClass: q.class,
      flag: q.flag,
    });
  }

  /** The letters of that list, one employer a page, dated today, figures as of the run day. */
  @Get('reminders/letters.pdf')
  @ApiProduces('application/pdf')
  async letters(@Query() q: ReminderQuery, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const { day, items } = await this.reminders.candidates(user, {
      office: q.office,
      asOf: q.asOf,
      minMonths: q.minMonths,
      debtClass: q.class,
      flag: q.flag,
    });
    const letters = await this.reminders.letters(
      items.map((i) => i.unitCode),
      day,
      this.clock.today(),
    );
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="reminders-${q.office}-${day}.pdf"`);
    await writeReminderPdf(letters, this.notices.fonts, res);
    res.end();
  }

  /** One employer's letter, figures as of D (default yesterday, the day that has ended). */
  @Get('employers/:code/reminder.pdf')
  @ApiProduces('application/pdf')
  async one(
    @Param('code') code: string,
    @Query() q: OneReminderQuery,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ) {
    const [e] = await this.reminders.visibleEmployers(user, [code]);
    const asOf = q.asOf ?? this.clock.yesterday();
    const letters = await this.reminders.letters([e!.unitCode], asOf, this.clock.today());
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="reminder-${e!.unitCode}-${asOf}.pdf"`,
    );
    await writeReminderPdf(letters, this.notices.fonts, res);
    res.end();
  }

  /** Records the letters as sent: a dated reminder on each employer's case (opened where none is). */
  @Post('reminders/sent')
  @HttpCode(200)
  sent(@Body() body: RemindersSent, @CurrentUser() user: AuthUser, @RequestActor() actor: Actor) {
    return this.reminders.markSent(user, actor, body.unitCodes, body.date, body.note ?? null);
  }
}
