export { ReportsModule } from './reports.module.js';
export { NoticeService, type NoticeResult } from './notice.service.js';
export { ReportsService, type ReportView } from './reports.service.js';
