/**
 * What a worker process loads when it starts: the built worker module's whole import graph, recorded by
 * a module hook in a process of its own. The libraries that write office files (exceljs, pdfkit,
 * archiver), read `.xls` (SheetJS) or serve the queue dashboard (Bull Board) are loaded when first used
 * (src/infrastructure/heavy-libraries.ts): a worker that imports rosters and runs the nightly never
 * keeps them (~30 MB of its RSS; issue #20's flat worker memory). A static import anywhere in the graph,
 * ours or a package's, brings one back and fails here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/infrastructure/project-root.js';

const HOOK = `
import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({
  load(url, context, next) {
    const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(url);
    if (m) loaded.add(m[1]);
    return next(url, context);
  },
});
process.on('exit', () => process.stdout.write(JSON.stringify([...loaded].sort()) + '\\n'));
`;

/** The packages a process loads when it imports `modulePath` (a built file) and nothing else. */
function packagesLoadedBy(modulePath: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sothu-footprint-'));
  try {
    const hook = join(dir, 'hook.mjs');
    writeFileSync(hook, HOOK);
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        pathToFileURL(hook).href,
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(pathToFileURL(modulePath).href)});`,
      ],
      { encoding: 'utf8', cwd: projectRoot() },
    );
    if (r.status !== 0) throw new Error(`loading ${modulePath} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a worker process starts without the office-file libraries', () => {
  const heavy = [
    'exceljs',
    'pdfkit',
    'fontkit',
    'archiver',
    '@e965/xlsx',
    '@bull-board/api',
    '@bull-board/express',
  ];

  it('the worker module loads the framework, the ORM and the queue, and none of them', () => {
    const loaded = packagesLoadedBy(join(projectRoot(), 'dist', 'jobs', 'worker.module.js'));
    // the hook sees the graph: the packages every feature needs are there
    expect(loaded).toEqual(expect.arrayContaining(['@nestjs/core', '@mikro-orm/core', 'bullmq']));
    expect(loaded.filter((p) => heavy.includes(p))).toEqual([]);
  });

  it('the loaders bring each library in when a file of its kind is first made', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sothu-footprint-use-'));
    try {
      const use = join(dir, 'use.mjs');
      const lib = pathToFileURL(
        join(projectRoot(), 'dist', 'src', 'infrastructure', 'heavy-libraries.js'),
      ).href;
      writeFileSync(
        use,
        `import * as h from ${JSON.stringify(lib)};\n` +
          'const [x, p, s, z] = await Promise.all([h.loadExcelJs(), h.loadPdfKit(), h.loadSheetJs(), h.loadZipArchive()]);\n' +
          'if (typeof x.Workbook !== "function" || typeof p !== "function" || typeof s.read !== "function" || typeof z !== "function") throw new Error("a loader returned the wrong export");\n' +
          'if ((await h.loadExcelJs()) !== x) throw new Error("loaded twice");\n',
      );
      const loaded = packagesLoadedBy(use);
      expect(loaded).toEqual(
        expect.arrayContaining(['exceljs', 'pdfkit', 'archiver', '@e965/xlsx']),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
