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
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../infrastructure/http/queries.js';
import { IsPeriod } from '../../infrastructure/http/validators.js';
import type { Actor } from '../access/index.js';
import type { AuthUser } from '../access/index.js';
import { CurrentUser, RateLimited, RequestActor, Roles } from '../access/index.js';
import { IMPORT_STATUSES, type ImportBatch, type ImportStatus } from './import-batch.entity.js';
import { ImportFileMissingError } from './imports.errors.js';
import { ImportsService } from './imports.service.js';
import { IMPORT_KINDS, type ImportKind } from './schema/records.js';

class UploadImportDto {
  @IsIn(IMPORT_KINDS as string[], { message: `kind must be one of ${IMPORT_KINDS.join(', ')}` })
  kind!: string;

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
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A batch in a list: everything but its problems (open the batch for those; the list does not load them). */
function summary(b: Omit<ImportBatch, 'problems'>) {
  return {
    id: b.id,
    kind: b.kind,
    fileName: b.fileName,
    sha256: b.sha256,
    period: b.period ?? null,
    status: b.status,
    counts: {
      valid: b.validRows,
      invalid: b.invalidRows,
      committed: b.committedRows,
      problems: b.problemCount,
    },
    message: b.message ?? null,
    uploadedBy: b.uploadedBy ?? null,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    sizeBytes: b.sizeBytes,
  };
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
      level: p.level,
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
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: [...IMPORT_KINDS] },
        period: {
          type: 'string',
          example: '2026-04',
          description: 'c12-summary: the month of the export',
        },
      },
    },
  })
  @UseInterceptors(FileInterceptor('file'))
  async upload(
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @Body() body: UploadImportDto,
    @CurrentUser() user: AuthUser,
    @RequestActor() actor: Actor,
  ) {
    if (!file) throw new ImportFileMissingError();
    const upload = { originalName: file.originalname, bytes: file.buffer };
    const batch = await this.imports.receive(body.kind, upload, user, actor, body.period);
    return { id: batch.id, status: batch.status };
  }

  /** The batches the user uploaded (an admin: every batch), newest first; keyset pages. */
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
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="errors-${batch.id}.xlsx"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
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
}
