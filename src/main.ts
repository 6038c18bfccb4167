import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config.js';
import { createHttpApp } from './bootstrap.js';
import { exitOnSignals } from './infrastructure/shutdown.js';

/** API entry point: `npm start` (ROLE=all runs the workers in this process too). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.role === 'worker') {
    throw new ConfigError([
      'ROLE: worker runs through `npm run start:worker` (jobs/main.ts), not the API entry',
    ]);
  }
  const app = await createHttpApp(config);
  exitOnSignals(app, config.shutdownGraceMs);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  process.stdout.write(
    `sothu listening on ${url} (role ${config.role}, ${config.database.kind})\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`sothu: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
