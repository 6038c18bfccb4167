import { Module } from '@nestjs/common';
import { EmployersModule } from '../employers/index.js';
import { OfficesModule } from '../offices/index.js';
import { NoticeService } from './notice.service.js';
import { NoticesController } from './notices.controller.js';
import { ReportsController } from './reports.controller.js';
import { ReportsJobs } from './reports.jobs.js';
import { ReportsService } from './reports.service.js';

/**
 * The month's paperwork: C12-TS notices (one employer, or an office in bulk through `report.render`).
 * Reads the ledger through reconciliation (global) and owns only its reports' state.
 */
@Module({
  imports: [EmployersModule, OfficesModule],
  controllers: [NoticesController, ReportsController],
  providers: [NoticeService, ReportsService, ReportsJobs],
  exports: [NoticeService, ReportsService],
})
export class ReportsModule {}
