import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobPayloads } from '../../infrastructure/queue/job-catalogue.js';
import { HandlesJob } from '../../infrastructure/queue/job-handler.decorator.js';
import { ReportsService } from './reports.service.js';

@Injectable()
export class ReportsJobs {
  constructor(private readonly reports: ReportsService) {}

  @HandlesJob('report.render')
  async render({ reportId, unitCodes }: JobPayloads['report.render'], job: Job) {
    const rendered = await this.reports.renderChunk(reportId, unitCodes);
    await job.updateProgress(100);
    return { reportId, employers: unitCodes.length, rendered };
  }
}
