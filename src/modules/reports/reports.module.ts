import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/index.js';
import { CasesModule } from '../cases/index.js';
import { EmployersModule } from '../employers/index.js';
import { FlagsModule } from '../flags/index.js';
import { SnapshotsModule } from '../snapshots/index.js';
import { OfficesModule } from '../offices/index.js';
import { NoticeService } from './notice.service.js';
import { NoticesController } from './notices.controller.js';
import { RatiosController } from './ratios.controller.js';
import { RatiosService } from './ratios.service.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsJobs } from './reports.jobs.js';
import { ReportsService } from './reports.service.js';

/**
 * The month's paperwork and the headline over time: C12-TS notices (one employer, or an office in bulk
 * through `report.render`), reminder letters, the late-payment ratio series, targets and league table.
 * Reads the ledger through reconciliation and the snapshots through their owner; owns `report`,
 * `report_item` and `ratio_target`.
 */
@Module({
  imports: [AuditModule, EmployersModule, OfficesModule, CasesModule, FlagsModule, SnapshotsModule],
  controllers: [NoticesController, ReportsController, RemindersController, RatiosController],
  providers: [NoticeService, ReportsService, ReportsJobs, RemindersService, RatiosService],
  exports: [NoticeService, ReportsService],
})
export class ReportsModule {}
