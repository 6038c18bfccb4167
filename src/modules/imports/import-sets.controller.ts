import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor, AuthUser } from '../access/index.js';
import { CurrentUser, RequestActor, Roles } from '../access/index.js';
import type { ImportBatch } from './import-batch.entity.js';
import type { ImportSet } from './import-set.entity.js';
import { summary } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

/** What the set's files add up to, and its status as an officer reads it. */
function setView(set: ImportSet, batches: ImportBatch[]) {
  const files = batches.map((b) => ({
    ...summary(b),
    /** The first few problems (open the file for all of them, or its errors.xlsx). */
    problems: b.problems.slice(0, 5).map((p) => ({
      sheet: p.sheet,
      row: p.row,
      column: p.column,
      code: p.code,
      message: p.message,
      details: p.details ?? {},
      severity: p.level === 'info' ? 'warning' : 'error',
    })),
  }));
  const count = (s: string[]) => batches.filter((b) => s.includes(b.status)).length;
  const sum = (f: (b: ImportBatch) => number) => batches.reduce((a, b) => a + f(b), 0);
  return {
    id: set.id,
    status: set.status,
    message: set.message ?? null,
    createdBy: set.createdBy ?? null,
    createdAt: set.createdAt,
    committedAt: set.committedAt ?? null,
    affectedUnits: set.affectedUnits,
    counts: {
      files: batches.length,
      checking: count(['queued', 'parsing']),
      validated: count(['validated']),
      committing: count(['committing']),
      committed: count(['committed']),
      rejected: count(['rejected']),
      failed: count(['failed']),
      validRows: sum((b) => b.validRows),
      invalidRows: sum((b) => b.invalidRows),
      committedRows: sum((b) => b.committedRows),
      errors: sum((b) => b.problemCount - b.warningCount),
      warnings: sum((b) => b.warningCount),
    },
    /** Whether "commit all valid rows" can be asked now: every file checked, one at least validated. */
    committable:
      set.status !== 'committing' &&
      count(['queued', 'parsing']) === 0 &&
      count(['validated', 'failed']) > 0,
    files,
  };
}

@ApiTags('imports')
@ApiBearerAuth()
@Roles('officer', 'admin')
@Controller('import-sets')
export class ImportSetsController {
  constructor(private readonly imports: ImportsService) {}

  /** The set's files in commit order, each with its status, counts, progress and first problems. */
  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    const { set, batches } = await this.imports.getSet(id, user);
    return setView(set, batches);
  }

  /**
   * "Commit all valid rows": the validated files in dependency order (employers → c12-summary →
   * receivables → roster → receipts), then one reconciliation of the employers the set changed.
   */
  @Post(':id/commit')
  @HttpCode(202)
  async commit(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    const set = await this.imports.requestSetCommit(id, user, actor);
    return { id: set.id, status: set.status };
  }
}
