import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { EmployersModule } from '../employers/index.js';
import { FlagsModule } from '../flags/index.js';
import { SnapshotsModule } from '../snapshots/index.js';
import { OfficesModule } from '../offices/index.js';
import { NoticeService } from './notice.service.js';
import { NoticesController } from './notices.controller.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsJobs } from './reports.jobs.js';
import { ReportsService } from './reports.service.js';

/**
 * The month's paperwork: C12-TS notices (one employer, or an office in bulk through `report.render`).
 * Reads the ledger through reconciliation (global) and owns only its reports' state.
 */
@Module({
  imports: [EmployersModule, OfficesModule, CasesModule, FlagsModule, SnapshotsModule],
  controllers: [NoticesController, ReportsController, RemindersController],
  providers: [NoticeService, ReportsService, ReportsJobs, RemindersService],
  exports: [NoticeService, ReportsService],
})
export class ReportsModule {}
