import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import { projectRoot } from '../project-root.js';

/** Paths the console never answers: the API, health and the queue dashboard keep their own 404s. */
export const NOT_CONSOLE_PATHS = /^\/(api|health|admin\/queues)(\/|$)/;

/** Where `vite build --config src/web/vite.config.ts` writes the console. */
export function webConsoleDir(): string {
  return join(projectRoot(), 'dist', 'web');
}

/**
 * Serves the web console (src/web, built into dist/web) at `/`: hashed assets cached for good,
 * index.html never cached, and every other non-API path answered with index.html (client-side routes).
 * Without a built console (a server-only build) nothing is served and a warning says how to build it.
 */
export function webConsoleModules(dir = webConsoleDir()): DynamicModule[] {
  if (!existsSync(join(dir, 'index.html'))) {
    new Logger('WebConsole').warn(`no web console at ${dir}: run \`npm run build\` to build it`);
    return [];
  }
  return [
    ServeStaticModule.forRoot({
      rootPath: dir,
      exclude: NOT_CONSOLE_PATHS,
      serveStaticOptions: {
        index: 'index.html',
        setHeaders: (res: Response, path: string) => {
          res.setHeader(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      },
    }),
  ];
}
