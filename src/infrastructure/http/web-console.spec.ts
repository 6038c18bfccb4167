import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOT_CONSOLE_PATHS, webConsoleModules } from './web-console.js';

describe('web console serving', () => {
  it.each([
    ['/api/imports', true],
    ['/api', true],
    ['/api/docs', true],
    ['/health', true],
    ['/admin/queues', true],
    ['/admin/queues/api/queues', true],
    ['/', false],
    ['/imports/123', false],
    ['/admin/offices', false],
    ['/apis', false],
    ['/healthy', false],
  ])('%s is left to the API: %p', (path, api) => {
    expect(NOT_CONSOLE_PATHS.test(path)).toBe(api);
  });

  it('serves nothing (and starts anyway) when the console was not built', () => {
    expect(webConsoleModules(mkdtempSync(join(tmpdir(), 'sothu-noweb-')))).toEqual([]);
  });

  it('serves a built console', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sothu-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    expect(webConsoleModules(dir)).toHaveLength(1);
  });
});
