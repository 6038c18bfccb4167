import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { exitOnSignals } from '../src/infrastructure/shutdown.js';
import { OfficesService } from '../src/modules/offices/offices.service.js';
import { generateProvince, writeProvince } from './generator/index.js';

/**
 * `npm run demo`: the service on the embedded SQLite default with demo data — a synthetic province's
 * offices in the database and its workbooks of every kind under `data/demo/` to upload. Grows as
 * capabilities land.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const province = generateProvince({ seed: 1, scale: 'small' });
  const outDir = join(config.dataDir, 'demo');
  if (!existsSync(join(outDir, 'employers.xlsx'))) {
    await writeProvince(province, outDir, { truth: true });
  }
  const app = await createHttpApp(config);
  exitOnSignals(app, config.shutdownGraceMs);
  const offices = app.get(OfficesService);
  const known = new Set((await offices.list()).map((o) => o.code));
  for (const o of province.offices) if (!known.has(o.code)) await offices.create(o);
  await app.listen(config.http.port, config.http.host);
  const url = `http://localhost:${config.http.port}`;
  process.stdout.write(
    [
      '',
      `sothu demo is running on ${config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL'}`,
      `  health:   ${url}/health`,
      `  API docs: ${url}/api/docs`,
      `  offices:  ${url}/api/offices (${province.offices.length} demo offices)`,
      `  workbooks of every kind to import: ${outDir}`,
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`sothu demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
