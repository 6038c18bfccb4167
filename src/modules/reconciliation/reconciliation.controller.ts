import { EntityManager } from '@mikro-orm/core';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { businessToday } from '../../infrastructure/clock.js';
import { NotFoundError } from '../../infrastructure/http/app-error.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import { Employer } from '../employers/employer.entity.js';
import { NightlyRun } from './nightly-run.entity.js';
import { NothingToReconcileError, ReconciliationScopeError } from './reconciliation.errors.js';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

class ReconcileDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{5,10}$/, { message: 'unitCode must be 5–10 letters or digits' })
  unitCode?: string;

  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'office must be a 5-digit office code' })
  office?: string;

  @IsOptional()
  @Matches(DAY, { message: 'asOf must be YYYY-MM-DD' })
  asOf?: string;
}

class RunDto {
  @IsOptional()
  @Matches(DAY, { message: 'day must be YYYY-MM-DD' })
  day?: string;
}

class RunsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsIn(['running', 'completed', 'failed'])
  status?: string;
}

@ApiTags('reconciliation')
@Controller()
export class ReconciliationController {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reconciles one employer, an office's employers, or every employer, as of a day (default today). */
  @Post('reconciliations')
  @HttpCode(202)
  async reconcile(@Body() body: ReconcileDto) {
    if (body.unitCode && body.office) throw new ReconciliationScopeError();
    const asOf = body.asOf ?? businessToday(this.config.businessTimeZone);
    const where = body.unitCode
      ? { unitCode: body.unitCode.toUpperCase() }
      : body.office
        ? { officeCode: body.office }
        : {};
    const units = (
      await this.em
        .fork()
        .find(Employer, where, { fields: ['unitCode'], orderBy: { unitCode: 'asc' } })
    ).map((e) => e.unitCode);
    if (!units.length) throw new NothingToReconcileError(body.unitCode ?? body.office ?? 'all');
    const job = await this.jobs.enqueue('reconcile.employer', { unitCodes: units, asOf });
    return { jobId: `reconcile-${job.id}`, asOf, employers: units.length };
  }

  /** A background job's state, progress and result (ids as returned by the endpoints that start jobs). */
  @Get('jobs/:id')
  async job(@Param('id') id: string) {
    const m = /^([a-z]+)-(.+)$/.exec(id);
    const queue = m && (m[1] === 'reconcile' || m[1] === 'nightly') ? this.jobs.queue(m[1]) : null;
    // the state first: a job read before it completes would show no result under a `completed` state
    const state = queue ? await queue.getJobState(m![2]!) : 'unknown';
    const found = queue && state !== 'unknown' ? await queue.getJob(m![2]!) : null;
    if (!found) throw new NotFoundError('Job', id);
    return {
      id,
      name: found.name,
      state,
      progress: found.progress,
      attemptsMade: found.attemptsMade,
      result: found.returnvalue ?? null,
      failedReason: found.failedReason ?? null,
      createdAt: new Date(found.timestamp).toISOString(),
      finishedAt: found.finishedOn ? new Date(found.finishedOn).toISOString() : null,
    };
  }

  /** Starts a nightly run now, for a day (default: the day that has just ended); re-running a day replaces its snapshots. */
  @Post('runs')
  @HttpCode(202)
  async run(@Body() body: RunDto) {
    const job = await this.jobs.enqueue('nightly.run', { day: body.day, trigger: 'manual' });
    return { jobId: `nightly-${job.id}` };
  }

  @Get('runs')
  async runs(@Query() q: RunsQuery) {
    const items = await this.em
      .fork()
      .find(NightlyRun, q.status ? { status: q.status as NightlyRun['status'] } : {}, {
        orderBy: { startedAt: 'desc' },
        limit: q.limit ?? 50,
      });
    return { items };
  }
}
