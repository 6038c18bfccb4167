import { Body, Controller, Get, Logger, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { JobProducer } from '../../infrastructure/queue/job-producer.service.js';
import type { Actor } from '../access/index.js';
import { RequestActor, Roles } from '../access/index.js';
import type { ReferenceEntry } from './reference-kinds.js';
import { ReferenceService } from './reference.service.js';

/**
 * Reference data (domain.md §2, §3, §6): every signed-in role reads it (it explains the figures);
 * administrators add values. A value added recomputes the employers it touches (`reference.recompute`).
 */
@ApiTags('reference')
@ApiBearerAuth()
@Roles('officer', 'inspector', 'admin')
@Controller('reference')
export class ReferenceController {
  private readonly logger = new Logger(ReferenceController.name);

  constructor(
    private readonly reference: ReferenceService,
    private readonly jobs: JobProducer,
  ) {}

  /** The kinds, each with its keys, the unit of its integer values and the accepted range. */
  @Get()
  kinds() {
    return { items: this.reference.kinds() };
  }

  /** Every (kind, key, year) some stored figure needed and did not find, with the employers affected. */
  @Get('gaps')
  async gaps() {
    return { items: await this.reference.gaps() };
  }

  /** One kind's effective-dated values, with source and who entered them. */
  @Get(':kind')
  async list(@Param('kind') kind: string) {
    return { kind, items: await this.reference.list(kind) };
  }

  /**
   * Adds a value in force from `effectiveFrom` (validated: key, unit range, an old-regime k from 1
   * January; one value per key and date — a correction is a later date). Audited; then the employers it
   * touches are recomputed by a queued job (`jobId`, progress at `GET /api/jobs/{jobId}`).
   */
  @Post(':kind')
  @Roles('admin')
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        key: 'SI',
        effectiveFrom: '2023-01-01',
        value: 9500,
        source: 'Công văn 123/BHXH-TST ngày 05/01/2023',
      },
    },
  })
  async add(@Param('kind') kind: string, @Body() body: unknown, @RequestActor() actor: Actor) {
    const entry = (body && typeof body === 'object' ? body : {}) as Partial<ReferenceEntry>;
    const value = await this.reference.add(kind, entry, actor);
    try {
      const job = await this.jobs.enqueue('reference.recompute', {
        kind: value.kind,
        key: value.key,
        effectiveFrom: value.effectiveFrom,
      });
      return { ...value, jobId: `reconcile-${job.id}` };
    } catch (err) {
      // the value is stored (and audited): the next nightly run recomputes everyone with it
      this.logger.warn(
        { kind: value.kind, key: value.key, err: (err as Error).message },
        'reference.recompute not queued',
      );
      return { ...value, jobId: null };
    }
  }
}
