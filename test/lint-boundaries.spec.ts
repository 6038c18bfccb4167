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
});
