import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { reportWorkbook, tableSheet } from '../../infrastructure/excel/report-workbook.js';
import { actorOf } from '../../infrastructure/http/actor.util.js';
import { flagView } from '../flags/flag-queue.service.js';
import { caseView, eventView } from './case-view.js';
import { CasesService } from './cases.service.js';
import { AssignDto, CaseFilterDto, CaseQueryDto, MinutesQueryDto, NoteDto, OpenCaseDto, SanctionDto, TransitionDto } from './dto/case.dto.js';
import type { InspectionCase } from './inspection-case.entity.js';
import { MinutesWorkbookService } from './minutes-workbook.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function xlsxHeaders(res: Response, name: string) {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly minutes: MinutesWorkbookService,
  ) {}

  /** Opens a case from flags of one employer. */
  @Post('cases')
  @HttpCode(201)
  async open(@Body() body: OpenCaseDto, @Req() req: Request) {
    return caseView(await this.cases.open(body.flagIds, body.note ?? null, actorOf(req)));
  }

  @Get('cases')
  async list(@Query() q: CaseQueryDto) {
    const { limit, cursor, ...filter } = q;
    const page = await this.cases.page(filter, limit ?? 50, cursor ? Number(cursor) : undefined);
    return { items: page.items.map(caseView), nextCursor: page.nextCursor };
  }

  @Get('cases.xlsx')
  @ApiProduces(XLSX)
  async workbook(@Query() q: CaseFilterDto, @Res() res: Response) {
    xlsxHeaders(res, 'cases.xlsx');
    const wb = reportWorkbook(res);
    const sheet = tableSheet<InspectionCase>(
      wb,
      'Hồ sơ thanh tra',
      [
        { header: 'Số hồ sơ (case)', kind: 'integer', width: 10, value: (c) => c.id },
        { header: 'Mã đơn vị', width: 12, value: (c) => c.unitCode },
        { header: 'Cơ quan BHXH', width: 10, value: (c) => c.officeCode },
        { header: 'Trạng thái (status)', width: 20, value: (c) => c.status },
        { header: 'Thanh tra viên (inspector)', width: 28, value: (c) => c.assignee ?? null },
        { header: 'Số lần đôn đốc (reminders)', kind: 'integer', width: 12, value: (c) => c.reminders },
        { header: 'Đôn đốc gần nhất', width: 12, value: (c) => c.lastReminderOn ?? null },
        { header: 'Ngày biên bản C05-TS', width: 12, value: (c) => c.minutesOn ?? null },
        { header: 'Người mở (opened by)', width: 24, value: (c) => c.openedBy },
        { header: 'Ngày mở (opened)', width: 20, value: (c) => c.openedAt.toISOString() },
        { header: 'Cập nhật (updated)', width: 20, value: (c) => c.updatedAt.toISOString() },
        { header: 'Đóng (closed)', width: 20, value: (c) => c.closedAt?.toISOString() ?? null },
      ],
      ['Danh sách hồ sơ thanh tra — inspection cases'],
    );
    for await (const page of this.cases.all(q)) for (const c of page) sheet.add(c);
    sheet.commit();
    await wb.commit();
    res.end();
  }

  /** A case with its flags and timeline. */
  @Get('cases/:id')
  async detail(@Param('id', ParseIntPipe) id: number) {
    const d = await this.cases.detail(id);
    return { ...caseView(d.case), flags: d.flags.map(flagView), timeline: d.events.map(eventView) };
  }

  @Post('cases/:id/transitions')
  @HttpCode(200)
  async transition(@Param('id', ParseIntPipe) id: number, @Body() body: TransitionDto, @Req() req: Request) {
    return caseView(await this.cases.transition(id, body.to, body.note ?? null, body.date ?? null, actorOf(req)));
  }

  @Post('cases/:id/assign')
  @HttpCode(200)
  async assign(@Param('id', ParseIntPipe) id: number, @Body() body: AssignDto, @Req() req: Request) {
    return caseView(await this.cases.assign(id, body.inspector, body.note ?? null, actorOf(req)));
  }

  @Post('cases/:id/sanctions')
  @HttpCode(201)
  async sanction(@Param('id', ParseIntPipe) id: number, @Body() body: SanctionDto, @Req() req: Request) {
    return caseView(await this.cases.sanction(id, body.date, body.amount, body.note ?? null, actorOf(req)));
  }

  @Post('cases/:id/notes')
  @HttpCode(201)
  async note(@Param('id', ParseIntPipe) id: number, @Body() body: NoteDto, @Req() req: Request) {
    return caseView(await this.cases.note(id, body.note, actorOf(req)));
  }

  /** The C05-TS reconciliation minutes of an employer between two days. */
  @Get('employers/:code/minutes.xlsx')
  @ApiProduces(XLSX)
  async minutesWorkbook(@Param('code') code: string, @Query() q: MinutesQueryDto, @Res() res: Response) {
    // figures first: a refused request gets a JSON error, not half a workbook
    await this.minutes.figures(code, q.from, q.to);
    xlsxHeaders(res, `C05-TS-${code.replace(/[^\w-]/g, '')}.xlsx`);
    await this.minutes.write(code, q.from, q.to, res);
    res.end();
  }
}
