import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDefaultPgUser } from '../../src/config/config.js';

/**
 * Runs `fn` against a fresh, empty PostgreSQL database created beside the one `baseUrl` names, and drops
 * it afterwards. Tests and tools use it so that every suite starts from a clean database.
 */
export async function withScratchPostgres<T>(
  baseUrl: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const { url, drop } = await createScratchPostgres(baseUrl);
  try {
    return await fn(url);
  } finally {
    await drop();
  }
}

export async function createScratchPostgres(
  rawUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const baseUrl = withDefaultPgUser(rawUrl);
  const name = `sothu_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
