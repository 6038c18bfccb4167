import { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../audit/actor.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, RequestActor, Roles } from '../auth/auth.decorators.js';
import * as scope from '../auth/office-scope.js';
import { scopedFilter } from '../auth/scoped-filter.js';
import { employerOffices } from '../employers/employer-office.js';
import { Flag } from '../flags/flag.entity.js';
import {
  Body,
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
import { reportWorkbook, tableSheet } from '../../infrastructure/excel/report-workbook.js';
import { actorOf } from '../../infrastructure/http/actor.util.js';
import { flagView } from '../flags/flag-queue.service.js';
import { caseView, eventView } from './case-view.js';
import { CasesService } from './cases.service.js';
import {
  AssignDto,
  CaseFilterDto,
  CaseQueryDto,
  MinutesQueryDto,
  NoteDto,
  OpenCaseDto,
  SanctionDto,
  TransitionDto,
} from './dto/case.dto.js';
import { InspectionCase } from './inspection-case.entity.js';
import { MinutesWorkbookService } from './minutes-workbook.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function xlsxHeaders(res: Response, name: string) {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

@ApiTags('cases')
@ApiBearerAuth()
@Roles('inspector', 'admin')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly minutes: MinutesWorkbookService,
    private readonly audit: AuditService,
    private readonly em: EntityManager,
  ) {}

  private audited(
    actor: Actor,
    action: string,
    caseId: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(actor, {
      action,
      objectType: 'case',
      objectId: String(caseId),
      details,
    });
  }

  /** One change to a visible case: made, shown, audited (an out-of-scope case answers 404 first). */
  private async act(
    id: number,
    user: AuthUser,
    actor: Actor,
    action: string,
    details: Record<string, unknown>,
    change: () => Promise<Parameters<typeof caseView>[0]>,
  ) {
    await this.visibleCase(id, user);
    const c = caseView(await change());
    await this.audited(actor, action, id, details);
    return c;
  }

  /** A case (or flag) of another office answers 404, as a missing one does. */
  private async visibleCase(id: number, user: AuthUser): Promise<void> {
    const c = await this.em.fork().findOne(InspectionCase, { id }, { fields: ['officeCode'] });
    scope.assertVisible(user, c?.officeCode, 'Case', String(id));
  }

  private async visibleFlag(id: number, user: AuthUser): Promise<void> {
    const f = await this.em.fork().findOne(Flag, { id }, { fields: ['officeCode'] });
    scope.assertVisible(user, f?.officeCode, 'Flag', String(id));
  }

  /** Opens a case from flags of one employer. */
  @Post('cases')
  @HttpCode(201)
  async open(
    @Body() body: OpenCaseDto,
    @Req() req: Request,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    for (const id of body.flagIds) await this.visibleFlag(Number(id), user);
    const c = caseView(await this.cases.open(body.flagIds, body.note ?? null, actorOf(req)));
    await this.audited(actor, 'case.open', c.id, { flagIds: body.flagIds });
    return c;
  }

  @Get('cases')
  async list(@Query() q: CaseQueryDto, @CurrentUser() user: AuthUser) {
    const { limit, cursor, ...filter } = q;
    const page = await this.cases.page(
      scopedFilter(user, filter),
      limit ?? 50,
      cursor ? Number(cursor) : undefined,
    );
    return { items: page.items.map(caseView), nextCursor: page.nextCursor };
  }

  @Get('cases.xlsx')
  @ApiProduces(XLSX)
  async workbook(@Query() q: CaseFilterDto, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const filter = scopedFilter(user, q);
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
        {
          header: 'Số lần đôn đốc (reminders)',
          kind: 'integer',
          width: 12,
          value: (c) => c.reminders,
        },
        { header: 'Đôn đốc gần nhất', width: 12, value: (c) => c.lastReminderOn ?? null },
        { header: 'Ngày biên bản C05-TS', width: 12, value: (c) => c.minutesOn ?? null },
        { header: 'Người mở (opened by)', width: 24, value: (c) => c.openedBy },
        { header: 'Ngày mở (opened)', width: 20, value: (c) => c.openedAt.toISOString() },
        { header: 'Cập nhật (updated)', width: 20, value: (c) => c.updatedAt.toISOString() },
        { header: 'Đóng (closed)', width: 20, value: (c) => c.closedAt?.toISOString() ?? null },
      ],
      ['Danh sách hồ sơ thanh tra — inspection cases'],
    );
    for await (const page of this.cases.all(filter)) for (const c of page) sheet.add(c);
    sheet.commit();
    await wb.commit();
    res.end();
  }

  /** A case with its flags and timeline. */
  @Get('cases/:id')
  async detail(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.visibleCase(id, user);
    const d = await this.cases.detail(id);
    return { ...caseView(d.case), flags: d.flags.map(flagView), timeline: d.events.map(eventView) };
  }

  @Post('cases/:id/transitions')
  @HttpCode(200)
  async transition(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: TransitionDto,
    @Req() req: Request,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.act(
      id,
      user,
      actor,
      'case.transition',
      { to: body.to, date: body.date ?? null },
      () => this.cases.transition(id, body.to, body.note ?? null, body.date ?? null, actorOf(req)),
    );
  }

  @Post('cases/:id/assign')
  @HttpCode(200)
  async assign(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AssignDto,
    @Req() req: Request,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.act(id, user, actor, 'case.assign', { inspector: body.inspector }, () =>
      this.cases.assign(id, body.inspector, body.note ?? null, actorOf(req)),
    );
  }

  @Post('cases/:id/sanctions')
  @HttpCode(201)
  async sanction(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SanctionDto,
    @Req() req: Request,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.act(
      id,
      user,
      actor,
      'case.sanction',
      { date: body.date, amount: body.amount },
      () => this.cases.sanction(id, body.date, body.amount, body.note ?? null, actorOf(req)),
    );
  }

  @Post('cases/:id/notes')
  @HttpCode(201)
  async note(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: NoteDto,
    @Req() req: Request,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.act(id, user, actor, 'case.note', {}, () =>
      this.cases.note(id, body.note, actorOf(req)),
    );
  }

  /** The C05-TS reconciliation minutes of an employer between two days. */
  @Get('employers/:code/minutes.xlsx')
  @ApiProduces(XLSX)
  @Roles('officer', 'inspector', 'admin')
  async minutesWorkbook(
    @Param('code') code: string,
    @Query() q: MinutesQueryDto,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ) {
    const office = (await employerOffices(this.em.fork(), [code.toUpperCase()])).get(
      code.toUpperCase(),
    );
    scope.assertVisible(user, office, 'Employer', code);
    // figures first: a refused request gets a JSON error, not half a workbook
    const minutes = await this.minutes.figures(code, q.from, q.to);
    xlsxHeaders(res, `C05-TS-${code.replace(/[^\w-]/g, '')}.xlsx`);
    await this.minutes.write(minutes, res);
    res.end();
  }
}
