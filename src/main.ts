import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config.js';
import { createHttpApp } from './bootstrap.js';
import { isClusterWorker, runApiCluster } from './infrastructure/api-cluster.js';
import { exitOnSignals } from './infrastructure/shutdown.js';

/**
 * API entry point: `npm start` (ROLE=all runs the workers in this process too). With API_PROCESSES > 1
 * this process only forks and watches that many API processes sharing the port (api-cluster.ts).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.role === 'worker') {
    throw new ConfigError([
      'ROLE: worker runs through `npm run start:worker` (jobs/main.ts), not the API entry',
    ]);
  }
  const where = `${config.http.host}:${config.http.port}`;
  if (config.apiProcesses > 1 && !isClusterWorker()) {
    await runApiCluster(config);
    process.stdout.write(
      `sothu listening on http://${where} (role ${config.role}, ${config.database.kind}, ${config.apiProcesses} API processes)\n`,
    );
    return;
  }
  const app = await createHttpApp(config);
  exitOnSignals(app, config.shutdownGraceMs);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  process.stdout.write(
    isClusterWorker()
      ? `sothu API process ${process.pid} serving on ${url}\n`
      : `sothu listening on ${url} (role ${config.role}, ${config.database.kind})\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`sothu: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
