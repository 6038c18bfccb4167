import { ESLint } from 'eslint';
import { projectRoot } from '../src/infrastructure/project-root.js';

/** Proves each import-boundary rule of style.md fires on a deliberately bad import (and not on a good one). */
describe('import boundaries', () => {
  const eslint = new ESLint({ cwd: projectRoot() });
  const restricted = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages
      .filter((m) => m.ruleId === 'no-restricted-imports')
      .map((m) => m.message);
  };

  it.each([
    ["import { Injectable } from '@nestjs/common';", 'no framework'],
    ["import { Entity } from '@mikro-orm/decorators/legacy';", 'no framework'],
    ["import { Queue } from 'bullmq';", 'no framework'],
    ["import ExcelJS from 'exceljs';", 'no framework'],
    ["import { readFileSync } from 'node:fs';", 'I/O'],
    ["import { loadConfig } from '../config/config.js';", 'imports only src/domain'],
    ["import { x } from '../../jobs/main.js';", 'imports only src/domain'],
  ])('src/domain refuses %s', async (code, expected) => {
    const messages = await restricted(`${code}\nexport const y = 1;\n`, 'src/domain/bad-import.ts');
    expect(messages.join('\n')).toContain(expected);
  });

  it('src/domain may import its own files', async () => {
    expect(
      await restricted(
        "import { a } from './money.js';\nexport const y = a;\n",
        'src/domain/ok.ts',
      ),
    ).toEqual([]);
  });

  it('src/ never imports jobs/', async () => {
    const messages = await restricted(
      "import { WorkerModule } from '../../jobs/worker.module.js';\nexport const y = WorkerModule;\n",
      'src/modules/bad.ts',
    );
    expect(messages.join('\n')).toContain('src/ never imports jobs/');
  });

  it('jobs/ may import src/', async () => {
    expect(
      await restricted(
        "import { AppModule } from '../src/app.module.js';\nexport const y = AppModule;\n",
        'jobs/ok.ts',
      ),
    ).toEqual([]);
  });

  it.each([
    ["import { Injectable } from '@nestjs/common';", 'no server packages'],
    ["import { Money } from '../../domain/money.js';", 'src/web imports only src/web'],
    [
      "import { AppError } from '../../../infrastructure/http/app-error.js';",
      'src/web imports only src/web',
    ],
  ])('the web console (src/web) refuses %s', async (code, expected) => {
    const messages = await restricted(
      `${code}\nexport const y = 1;\n`,
      'src/web/src/pages/bad.tsx',
    );
    expect(messages.join('\n')).toContain(expected);
  });

  it('the web console may import its own files and browser packages', async () => {
    expect(
      await restricted(
        "import { api } from '../lib/api.js';\nimport { Button } from 'antd';\nexport const y = [api, Button];\n",
        'src/web/src/pages/ok.tsx',
      ),
    ).toEqual([]);
  });

  const boundaries = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(`${code}\nexport const y = 1;\n`, { filePath });
    return result.messages
      .filter((m) => m.ruleId === 'sothu/boundaries' || m.ruleId === 'no-restricted-imports')
      .map((m) => m.message)
      .join('\n');
  };

  it.each([
    [
      'another module through its index only',
      "import { FlagsService } from '../flags/flags.service.js';",
      'src/modules/cases/bad.ts',
      'only through index.ts',
    ],
    [
      'another module through its index only (from a nested folder)',
      "import { RosterLine } from '../../ledger-facts/roster-line.entity.js';",
      'src/modules/imports/writers/bad.ts',
      'only through index.ts',
    ],
    [
      'no arrow pointing up the layers',
      "import { ReconciliationService } from '../reconciliation/index.js';",
      'src/modules/snapshots/bad.ts',
      'which is above it',
    ],
    [
      'no seeds/ code in src/',
      "import { loadReferenceRecords } from '../../../seeds/reference/records.js';",
      'src/modules/reference/bad.ts',
      'src/ never imports seeds/',
    ],
    [
      'no seeds/ code in src/ (outside modules too)',
      "import { generateProvince } from '../../seeds/generator/index.js';",
      'src/infrastructure/bad.ts',
      'src/ never imports seeds/',
    ],
    [
      'no test/ code in src/ (specs excepted)',
      "import { withScratchPostgres } from '../../test/support/scratch-postgres.js';",
      'src/database/bad.ts',
      'src/ never imports test/',
    ],
    [
      'a module that owns no table imports no ORM',
      "import { EntityManager } from '@mikro-orm/core';",
      'src/modules/arrears/bad.ts',
      'owns no table',
    ],
  ])('refuses: %s', async (_what, code, file, expected) => {
    expect(await boundaries(code, file)).toContain(expected);
  });

  const heavy = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(`${code}\nexport const y = 1;\n`, { filePath });
    return result.messages
      .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
      .map((m) => m.message)
      .join('\n');
  };

  it.each([
    ["import ExcelJS from 'exceljs';", 'src/modules/arrears/bad.ts'],
    ["import PDFDocument from 'pdfkit';", 'src/modules/reports/bad.ts'],
    ["import { ZipArchive } from 'archiver';", 'src/modules/reports/bad.ts'],
    ["import * as XLSX from '@e965/xlsx';", 'src/infrastructure/excel/bad.ts'],
    ["import { createBullBoard } from '@bull-board/api';", 'src/modules/auth/bad.ts'],
  ])(
    'a heavy library is loaded when first used, not at the top: refuses %s',
    async (code, file) => {
      expect(await heavy(code, file)).toContain('heavy-libraries.ts');
    },
  );

  it.each([
    ["import type ExcelJS from 'exceljs';", 'src/modules/arrears/ok.ts'],
    ["import ExcelJS from 'exceljs';", 'src/modules/arrears/ok.spec.ts'],
  ])('allows %s in %s (a type, or a spec reading what was written)', async (code, file) => {
    expect(await heavy(code, file)).toBe('');
  });

  it.each([
    ["import { FlagsService } from '../flags/index.js';", 'src/modules/cases/ok.ts'],
    [
      "import { LedgerFactsWriter } from '../../ledger-facts/index.js';",
      'src/modules/imports/writers/ok.ts',
    ],
    ["import { KindWriter } from './kind-writer.js';", 'src/modules/imports/writers/ok.ts'],
    ["import { EntityManager } from '@mikro-orm/core';", 'src/modules/flags/ok.ts'],
  ])('allows %s in %s', async (code, file) => {
    expect(await boundaries(code, file)).toBe('');
  });
});
