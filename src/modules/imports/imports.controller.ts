import { pipeline } from 'node:stream/promises';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../infrastructure/http/queries.js';
import { IsPeriod } from '../../infrastructure/http/validators.js';
import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RateLimited, RequestActor, Roles } from '../access/index.js';
import { IMPORT_STATUSES, type ImportBatch, type ImportStatus } from './import-batch.entity.js';
import {
  ImportFileMissingError,
  ImportHintsMismatchError,
  ImportTooManyFilesError,
} from './imports.errors.js';
import { MAX_FILES_PER_UPLOAD } from './workbook-limits.js';
import { ImportsService } from './imports.service.js';
import { IMPORT_KINDS, type ImportKind } from './schema/records.js';

class UploadImportDto {
  /**
   * A hint: each file's kind is read from its headers; a file whose headers say nothing clear takes it.
   * One value is every file's hint; repeated once per `file` field, each is the hint of its file in
   * order (an empty value: none).
   */
  @IsOptional()
  @IsIn(['', ...IMPORT_KINDS], {
    each: true,
    message: `kind must be one of ${IMPORT_KINDS.join(', ')}`,
  })
  kind?: string | string[];

  @IsOptional()
  @IsPeriod()
  period?: string;
}

class ImportListQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: IMPORT_KINDS })
  @IsOptional()
  @IsIn(IMPORT_KINDS as string[], { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind?: ImportKind;

  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_STATUSES as readonly string[] as string[], {
    message: `status must be one of ${IMPORT_STATUSES.join(', ')}`,
  })
  status?: ImportStatus;

  @ApiPropertyOptional({ description: 'only the files of this import set' })
  @IsOptional()
  @IsUUID()
  setId?: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A batch in a list: everything but its problems (open the batch for those; the list does not load them). */
export function summary(b: Omit<ImportBatch, 'problems'>) {
  return {
    id: b.id,
    setId: b.setId ?? null,
    kind: b.kind,
    kindHint: b.kindHint ?? null,
    fileName: b.fileName,
    sha256: b.sha256,
    period: b.period ?? null,
    status: b.status,
    counts: {
      valid: b.validRows,
      invalid: b.invalidRows,
      committed: b.committedRows,
      problems: b.problemCount,
      /** Problems that refuse a row or the file. */
      errors: b.problemCount - b.warningCount,
      /** Problems reported only (an ignored column, a noted row): the row still commits. */
      warnings: b.warningCount,
    },
    progress: { read: b.rowsRead, checked: b.rowsChecked, written: b.rowsWritten },
    message: b.message ?? null,
    /** A fault is being retried: the attempt that comes next, of how many (the status is not `failed` yet). */
    retrying: retryingOf(b.message),
    /** Which step of a failed batch failed (`parse`, `commit`); `POST …/retry` runs it again. */
    failedStep: b.status === 'failed' ? (b.failedStep ?? 'commit') : null,
    uploadedBy: b.uploadedBy ?? null,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    sizeBytes: b.sizeBytes,
  };
}

/** `… retrying (attempt 2 of 3) …`, as the pipeline writes it, for the console to word. */
function retryingOf(message: string | null | undefined): { attempt: number; of: number } | null {
  const m = message ? /retrying \(attempt (\d+) of (\d+)\)/.exec(message) : null;
  return m ? { attempt: Number(m[1]), of: Number(m[2]) } : null;
}

/** A batch with every problem kept. */
function view(b: ImportBatch) {
  const { sizeBytes: _size, ...rest } = summary(b);
  return {
    ...rest,
    problems: b.problems.map((p) => ({
      sheet: p.sheet,
      row: p.row,
      column: p.column,
      code: p.code,
      message: p.message,
      details: p.details ?? {},
      level: p.level,
      severity: p.level === 'info' ? 'warning' : 'error',
    })),
  };
}

@ApiTags('imports')
@ApiBearerAuth()
@Roles('officer', 'admin')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @RateLimited('upload')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description: 'one or more workbooks (the field repeated; `files` is taken too)',
        },
        kind: {
          type: 'string',
          enum: [...IMPORT_KINDS],
          description: "a hint: each file's kind is recognised from its headers",
        },
        period: {
          type: 'string',
          example: '2026-04',
          description: 'c12-summary: the month of the export',
        },
      },
    },
  })
  @UseInterceptors(
    FileFieldsInterceptor([
      { name: 'file', maxCount: MAX_FILES_PER_UPLOAD },
      { name: 'files', maxCount: MAX_FILES_PER_UPLOAD },
    ]),
  )
  async upload(
    @UploadedFiles() fields: Record<string, { originalname: string; buffer: Buffer }[]> | undefined,
    @Body() body: UploadImportDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    const files = [...(fields?.file ?? []), ...(fields?.files ?? [])];
    if (!files.length) throw new ImportFileMissingError();
    if (files.length > MAX_FILES_PER_UPLOAD)
      throw new ImportTooManyFilesError(MAX_FILES_PER_UPLOAD);
    const hints = Array.isArray(body.kind) ? body.kind : null;
    if (hints && hints.length !== files.length)
      throw new ImportHintsMismatchError(hints.length, files.length);
    const uploads = files.map((f, i) => ({
      originalName: f.originalname,
      bytes: f.buffer,
      hint: hints ? hints[i] || undefined : (body.kind as string | undefined) || undefined,
    }));
    const { set, batches } = await this.imports.receiveSet(uploads, user, actor, body.period);
    const one = batches.length === 1 ? batches[0]! : null;
    return {
      // one file: the batch, as before sets
      ...(one ? { id: one.id, status: one.status } : {}),
      setId: set.id,
      files: batches.map((b) => ({
        id: b.id,
        fileName: b.fileName,
        kind: b.kind,
        kindHint: b.kindHint ?? null,
        status: b.status,
      })),
    };
  }

  /**
   * The batches the user and the officers of its offices uploaded (an admin: every batch), newest first;
   * keyset pages (`nextCursor` until the last).
   */
  @Get()
  async list(@Query() q: ImportListQueryDto, @CurrentUser() user: AuthUser) {
    const { limit, ...rest } = q;
    const page = await this.imports.list(user, { ...rest, limit: limit ?? 50 });
    return { items: page.items.map(summary), nextCursor: page.nextCursor };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return view(await this.imports.get(id, user));
  }

  /** The uploaded rows with an error column, and a sheet listing every problem kept. */
  @Get(':id/errors.xlsx')
  @ApiProduces(XLSX)
  async errors(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ) {
    const batch = await this.imports.get(id, user);
    const source = await this.imports.errorsWorkbook(batch);
    if (source.kind === 'rendering') {
      // a large upload's workbook is rendered by a job, never on a request: come back shortly
      res.status(202).setHeader('Retry-After', '3');
      res.json({ id: batch.id, status: 'rendering' });
      return;
    }
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="errors-${batch.id}.xlsx"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (source.kind === 'file') {
      await pipeline(this.imports.openErrorsFile(source.path), res);
      return;
    }
    await this.imports.writeErrors(batch, res);
    res.end();
  }

  @Post(':id/commit')
  @HttpCode(202)
  async commit(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    const b = await this.imports.requestCommit(id, user, actor);
    return { id: b.id, status: b.status };
  }

  /** A failed batch again, from the step that failed (its check, or its commit). */
  @Post(':id/retry')
  @HttpCode(202)
  async retry(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    const b = await this.imports.requestRetry(id, user, actor);
    return { id: b.id, status: b.status };
  }
}
