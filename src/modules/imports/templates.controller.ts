import { join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { projectRoot } from '../../infrastructure/project-root.js';
import { Public } from '../access/index.js';
import { UnknownImportKindError } from './imports.errors.js';
import { buildTemplate } from './schema/template.js';
import { IMPORT_KINDS, type ImportKind } from './schema/records.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Downloadable templates, generated from the same column schema the importer validates with. */
@ApiTags('imports')
@Public() // blank layouts, the same for everyone
@Controller('templates')
export class TemplatesController {
  @Get(':kind.xlsx')
  @ApiOperation({ summary: 'Workbook template of an import kind' })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  async template(@Param('kind') kind: string, @Res() res: Response): Promise<void> {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UnknownImportKindError(kind);
    const body = await buildTemplate(kind as ImportKind, {
      templatesDir: join(projectRoot(), 'templates'),
    });
    res
      .status(200)
      .type(XLSX)
      .setHeader('content-disposition', `attachment; filename="sothu-${kind}-template.xlsx"`)
      .send(body);
  }
}
