import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Clock } from '../../infrastructure/clock.js';
import { NotFoundError } from '../../infrastructure/http/app-error.js';
import { PageLimit } from '../../infrastructure/http/page-limit.decorator.js';
import { AsOfQuery, OfficeQuery } from '../../infrastructure/http/queries.js';
import { IsIsoDate, IsUnitCode } from '../../infrastructure/http/validators.js';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { Actor } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import { scope } from '../access/index.js';
import { EmployerDirectory } from '../employers/index.js';
import { NightlyService } from './nightly.service.js';
import { NightlyRun } from './nightly-run.entity.js';
import { NothingToReconcileError, ReconciliationScopeError } from './reconciliation.errors.js';

/** One employer (`unitCode`) or one office's employers (`office`), or every employer; as of a day. */
class ReconcileDto extends IntersectionType(OfficeQuery, AsOfQuery) {
  @IsOptional()
  @IsUnitCode()
  unitCode?: string;
}

class RunDto {
  @IsOptional()
  @IsIsoDate()
  day?: string;
}

class RunsQuery {
  @PageLimit()
  limit?: number;

  @IsOptional()
  @IsIn(['running', 'completed', 'failed'])
  status?: string;
}

@ApiTags('reconciliation')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller()
export class ReconciliationController {
  constructor(
    private readonly employers: EmployerDirectory,
    private readonly nightly: NightlyService,
    private readonly jobs: JobProducer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Reconciles one employer, an office's employers, or every employer, as of a day (default today). */
  @Post('reconciliations')
  @HttpCode(202)
  @Roles('officer', 'admin')
  async reconcile(
    @Body() body: ReconcileDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    if (body.unitCode && body.office) throw new ReconciliationScopeError();
    if (body.office) scope.assertOffice(user, body.office);
    const asOf = body.asOf ?? this.clock.today();
    const units = await this.employers.unitsInScope(user, {
      unitCode: body.unitCode,
      office: body.office,
    });
    if (!units.length) throw new NothingToReconcileError(body.unitCode ?? body.office ?? 'all');
    const job = await this.jobs.enqueue('reconcile.employer', { unitCodes: units, asOf });
    const jobId = `reconcile-${job.id}`;
    await this.audit.record(actor, {
      action: 'reconciliation.request',
      objectType: 'job',
      objectId: jobId,
      details: {
        asOf,
        employers: units.length,
        unitCode: body.unitCode ?? null,
        office: body.office ?? null,
      },
    });
    return { jobId, asOf, employers: units.length };
  }

  /** A background job's state, progress and result (ids as returned by the endpoints that start jobs). */
  @Get('jobs/:id')
  async job(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    const m = /^([a-z]+)-(.+)$/.exec(id);
    const queue = m && (m[1] === 'reconcile' || m[1] === 'nightly') ? this.jobs.queue(m[1]) : null;
    // the state first: a job read before it completes would show no result under a `completed` state
    const state = queue ? await queue.getJobState(m![2]!) : 'unknown';
    const found = queue && state !== 'unknown' ? await queue.getJob(m![2]!) : null;
    if (!found) throw new NotFoundError('Job', id);
    await this.assertJobVisible(found.name, found.data as { unitCodes?: string[] }, user, id);
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
  @Roles('admin')
  async run(@Body() body: RunDto, @RequestActor() actor: Actor) {
    // the run's id is ours, chosen here: never the queue's job counter (it restarts when Redis loses its data)
    const runId = randomUUID();
    const day = body.day ?? this.clock.yesterday();
    const job = await this.jobs.enqueue(
      'nightly.run',
      { runId, day, trigger: 'manual' },
      { jobId: `run-${runId}` },
    );
    await this.audit.record(actor, {
      action: 'run.start',
      objectType: 'job',
      objectId: `nightly-${job.id}`,
      details: { day, runId },
    });
    return { jobId: `nightly-${job.id}`, runId, day };
  }

  /** Run reports; a user scoped to offices sees only its offices' lines of each report. */
  @Get('runs')
  async runs(@Query() q: RunsQuery, @CurrentUser() user: AuthUser) {
    const items = await this.nightly.list(
      q.status as NightlyRun['status'] | undefined,
      q.limit ?? 50,
    );
    return { items: items.map((r) => scopedRun(r, user)) };
  }

  /** A job is visible when every employer it touches is (nightly jobs: admins only); else 404. */
  private async assertJobVisible(
    name: string,
    data: { unitCodes?: string[] },
    user: AuthUser,
    id: string,
  ): Promise<void> {
    if (user.scope === 'all') return;
    const units = name === 'reconcile.employer' ? (data.unitCodes ?? []) : null;
    const offices = units ? await this.employers.officesOf(units) : null;
    if (!units || !offices || units.some((u) => !scope.canSeeOffice(user, offices.get(u) ?? ''))) {
      throw new NotFoundError('Job', id);
    }
  }
}

function scopedRun(r: NightlyRun, user: AuthUser) {
  if (user.scope === 'all' || !r.report) return r;
  const offices = (r.report['offices'] ?? {}) as Record<string, unknown>;
  const mine = Object.fromEntries(
    Object.entries(offices).filter(([code]) => scope.canSeeOffice(user, code)),
  );
  // the warnings of the user's offices (employers kept in every figure without a charge, §6)
  const warnings = ((r.report['warnings'] ?? []) as { officeCode?: string }[]).filter((w) =>
    scope.canSeeOffice(user, w.officeCode ?? ''),
  );
  return { ...r, report: { offices: mine, warnings } };
}
