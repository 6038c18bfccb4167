import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import { scope } from '../access/index.js';
import { scopedFilter } from '../access/index.js';
import { UsersService } from '../auth/index.js';
import { EmployerDirectory } from '../employers/index.js';
import { FlagQueueService } from '../flags/index.js';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { reportWorkbook, tableSheet } from '../../infrastructure/excel/report-workbook.js';
import { flagView } from '../flags/index.js';
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
import { dateTimeVi, dateVi, labelVi } from '../../domain/labels-vi.js';
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
    private readonly flags: FlagQueueService,
    private readonly employers: EmployerDirectory,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One change to a visible case (an out-of-scope case answers 404 first), audited with the change. */
  private async act(
    id: number,
    user: AuthUser,
    change: () => Promise<Parameters<typeof caseView>[0]>,
  ) {
    await this.visibleCase(id, user);
    return caseView(await change());
  }

  /** A case (or flag) of another office answers 404, as a missing one does. */
  private async visibleCase(id: number, user: AuthUser): Promise<void> {
    scope.assertVisible(user, await this.cases.officeOf(id), 'Case', String(id));
  }

  private async visibleFlag(id: number, user: AuthUser): Promise<void> {
    const f = await this.flags.get(id).catch(() => null);
    scope.assertVisible(user, f?.officeCode, 'Flag', String(id));
  }

  /** Opens a case from flags of one employer. */
  @Post('cases')
  @HttpCode(201)
  async open(
    @Body() body: OpenCaseDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    for (const id of body.flagIds) await this.visibleFlag(Number(id), user);
    return caseView(await this.cases.open(body.flagIds, body.note ?? null, actor));
  }

  @Get('cases')
  async list(@Query() q: CaseQueryDto, @CurrentUser() user: AuthUser) {
    const { limit, cursor, ...filter } = q;
    const page = await this.cases.page(scopedFilter(user, filter), limit ?? 50, cursor);
    return { items: page.items.map(caseView), nextCursor: page.nextCursor };
  }

  @Get('cases.xlsx')
  @ApiProduces(XLSX)
  async workbook(@Query() q: CaseFilterDto, @CurrentUser() user: AuthUser, @Res() res: Response) {
    const filter = scopedFilter(user, q);
    xlsxHeaders(res, 'cases.xlsx');
    const tz = { timeZone: this.config.businessTimeZone };
    const wb = await reportWorkbook(res);
    const sheet = tableSheet<InspectionCase>(
      wb,
      'Hồ sơ thanh tra',
      [
        { header: 'Số hồ sơ', kind: 'integer', width: 10, value: (c) => c.id },
        { header: 'Mã đơn vị', width: 12, value: (c) => c.unitCode },
        { header: 'Cơ quan BHXH', width: 10, value: (c) => c.officeCode },
        { header: 'Trạng thái', width: 30, value: (c) => labelVi('caseStatus', c.status) },
        { header: 'Thanh tra viên', width: 28, value: (c) => c.assignee ?? null },
        {
          header: 'Số lần đôn đốc',
          kind: 'integer',
          width: 12,
          value: (c) => c.reminders,
        },
        { header: 'Đôn đốc gần nhất', width: 12, value: (c) => dateVi(c.lastReminderOn) || null },
        { header: 'Ngày biên bản C05-TS', width: 12, value: (c) => dateVi(c.minutesOn) || null },
        { header: 'Người mở', width: 24, value: (c) => c.openedBy },
        { header: 'Ngày mở', width: 18, value: (c) => dateTimeVi(c.openedAt, tz) },
        { header: 'Cập nhật lần cuối', width: 18, value: (c) => dateTimeVi(c.updatedAt, tz) },
        { header: 'Ngày kết thúc', width: 18, value: (c) => dateTimeVi(c.closedAt, tz) || null },
      ],
      ['Danh sách hồ sơ thanh tra'],
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

  /** Whom the case can be assigned to: the active inspectors of its office (given it or its province). */
  @Get('cases/:id/assignees')
  async assignees(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    const office = await this.cases.officeOf(id);
    scope.assertVisible(user, office, 'Case', String(id));
    const inspectors = await this.users.inspectorsOf(office!);
    return { items: inspectors.map((u) => ({ id: u.id, email: u.email })) };
  }

  @Post('cases/:id/transitions')
  @HttpCode(200)
  async transition(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: TransitionDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.act(id, user, () =>
      this.cases.transition(id, body.to, body.note ?? null, body.date ?? null, actor),
    );
  }

  @Post('cases/:id/assign')
  @HttpCode(200)
  async assign(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AssignDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.act(id, user, () =>
      this.cases.assign(id, body.inspector, body.note ?? null, actor),
    );
  }

  @Post('cases/:id/sanctions')
  @HttpCode(201)
  async sanction(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SanctionDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.act(id, user, () =>
      this.cases.sanction(id, body.date, body.amount, body.note ?? null, actor),
    );
  }

  @Post('cases/:id/notes')
  @HttpCode(201)
  async note(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: NoteDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    return this.act(id, user, () => this.cases.note(id, body.note, actor));
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
    const office = (await this.employers.officesOf([code.toUpperCase()])).get(code.toUpperCase());
    scope.assertVisible(user, office, 'Employer', code);
    // figures first: a refused request gets a JSON error, not half a workbook
    const minutes = await this.minutes.figures(code, q.from, q.to);
    xlsxHeaders(res, `C05-TS-${code.replace(/[^\w-]/g, '')}.xlsx`);
    await this.minutes.write(minutes, res);
    res.end();
  }
}
