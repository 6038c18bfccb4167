import { Global, Injectable, Module } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataGeneration } from '../../database/data-generation.js';

/** Bodies kept, at most. */
const MAX_ENTRIES = 500;
/** Bytes of bodies kept, at most (the least recently served go first). */
const MAX_BYTES = 64 * 1024 * 1024;
/** A body larger than this is served but not kept. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

interface Entry {
  generation: string;
  body: Buffer;
  etag: string | undefined;
}

/** What about the signed-in user can change a scoped answer: its role and the offices it sees. */
export interface CacheUser {
  role: string;
  scope: 'all' | ReadonlySet<string>;
}

/**
 * A cache key: the route, the values its answer depends on (the normalised query: keys sorted,
 * undefined left out) and the user's role and office scope. Two users who see different offices never
 * share a key.
 */
export function cacheKey(route: string, user: CacheUser, parts: Record<string, unknown>): string {
  const scope = user.scope === 'all' ? '*' : [...user.scope].sort().join(',');
  const query = Object.keys(parts)
    .filter((k) => parts[k] !== undefined)
    .sort()
    .map((k) => `${k}=${JSON.stringify(parts[k])}`)
    .join('&');
  return `${route}\n${user.role}\n${scope}\n${query}`;
}

/**
 * Serialized JSON bodies of read routes, each kept with the data generation ({@link DataGeneration}) it
 * was computed at, and served again while the generation has not moved: any commit, in this process or
 * another, makes every entry stale. The route still authenticates and authorises as always (the guard
 * reads the user on every request); only the computation is skipped. Errors are never kept: a
 * computation that throws stores nothing and the error goes to the filter as before.
 *
 * Concurrent misses of one key at one generation share one computation. Bounded by entries and bytes,
 * least recently served dropped first. Per process: each API process has its own.
 */
@Injectable()
export class GenerationCache {
  private readonly entries = new Map<string, Entry>();
  private readonly computing = new Map<string, { generation: string; entry: Promise<Entry> }>();
  private bytes = 0;

  constructor(private readonly generation: DataGeneration) {}

  /** Sends the body for `key`: the kept one if the data has not changed since, else `compute()`'s. */
  async send(
    req: Request,
    res: Response,
    key: string,
    compute: () => Promise<unknown>,
  ): Promise<void> {
    const entry = await this.entry(req, key, compute);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    // Express would hash the body again on every send: the kept tag is the same bytes' tag
    if (entry.etag) res.setHeader('ETag', entry.etag);
    res.send(entry.body);
  }

  private async entry(req: Request, key: string, compute: () => Promise<unknown>): Promise<Entry> {
    // read before computing: a commit landing meanwhile leaves a body at least as new as its generation
    const generation = await this.generation.current();
    const kept = this.entries.get(key);
    if (kept && kept.generation === generation) {
      this.entries.delete(key);
      this.entries.set(key, kept); // most recently served last
      return kept;
    }
    const running = this.computing.get(key);
    if (running && running.generation === generation) return running.entry;
    const made = (async (): Promise<Entry> => {
      const body = Buffer.from(JSON.stringify(await compute()), 'utf8');
      const etagOf = req.app?.get('etag fn') as ((b: Buffer) => string) | undefined;
      return { generation, body, etag: etagOf?.(body) };
    })();
    this.computing.set(key, { generation, entry: made });
    try {
      const entry = await made;
      this.keep(key, entry);
      return entry;
    } finally {
      if (this.computing.get(key)?.entry === made) this.computing.delete(key);
    }
  }

  private keep(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length;
    }
    if (entry.body.length > MAX_BODY_BYTES) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) {
      const [oldest, dropped] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= dropped.body.length;
    }
  }

  /** Entries and bytes kept (for tests and diagnostics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/** One response cache for the process, for every feature's read routes. */
@Global()
@Module({ providers: [GenerationCache], exports: [GenerationCache] })
export class GenerationCacheModule {}
