import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { crc32, createInflateRaw, type ZlibOptions } from 'node:zlib';
import { corrupt, type ZipEntryInfo } from './container.js';
import { formatBytes } from './limits.js';
import { ProblemCode, reject, WorkbookRejectedError } from './problem.js';

/**
 * Inflated bytes read so far across the whole package, against `maxUncompressedBytes`. The zip
 * directory can lie about sizes, so what is actually inflated is what counts.
 */
export interface Budget {
  used: number;
  limit: number;
}

export function charge(budget: Budget, bytes: number): void {
  budget.used += bytes;
  if (budget.used > budget.limit) {
    throw reject(
      ProblemCode.UNCOMPRESSED_TOO_LARGE,
      `The workbook expands to more than ${formatBytes(budget.limit)} when opened. Split it into smaller workbooks.`,
      {},
      { limit: formatBytes(budget.limit) },
    );
  }
}

const LOCAL_SIG = 0x04034b50;
const READ_CHUNK = 64 * 1024;
/**
 * zlib's output per turn on the thread pool. Each turn needs the main thread to hand it the next one, which
 * it does only between its own work: with 32 KB turns (one per ~60 rows) the parse waited on inflation
 * ~0.3 s in 1.6 (100k lines). Larger turns keep it ahead: the worker's parse job 1.96 → 1.62 s with 256 KB
 * (medians of 6 alternating runs), and 128 KB as fast as 256 for less memory (bench/RESULTS.md).
 */
const INFLATE_CHUNK = 128 * 1024;
const AHEAD = 512 * 1024;
/** What a consumer gets at a time: its text stays in strings the size it was (under V8's large-object size). */
const PIECE = 32 * 1024;

/**
 * Streams one zip entry's inflated bytes (node's zlib, read straight from the file at the entry's
 * offset): each chunk is charged to the budget before it is handed on, and the CRC-32 of the
 * whole entry is checked at its end. Abandoning the iteration closes the file.
 */
export async function* entryChunks(
  path: string,
  entry: ZipEntryInfo,
  budget: Budget,
): AsyncGenerator<Buffer> {
  if (entry.method !== 0 && entry.method !== 8) {
    throw corrupt(`part ${entry.name} uses compression method ${entry.method}`);
  }
  const start = await dataOffset(path, entry);
  if (entry.compressedSize === 0) {
    if (entry.crc32 !== 0) throw corrupt(`part ${entry.name} is empty`);
    return;
  }
  const raw = createReadStream(path, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: READ_CHUNK,
  });
  let src: Readable = raw;
  if (entry.method === 8) {
    // A deep readable buffer lets zlib (on the thread pool) inflate ahead while rows are parsed.
    const inflate = createInflateRaw({
      chunkSize: INFLATE_CHUNK,
      // Stream options pass through zlib's; its option type does not list them.
      ...({ readableHighWaterMark: AHEAD } as ZlibOptions),
    });
    src = pipeline(raw, inflate, () => undefined);
  }
  let crc = 0;
  try {
    for await (const chunk of src as AsyncIterable<Buffer>) {
      charge(budget, chunk.length);
      crc = crc32(chunk, crc);
      if (chunk.length <= PIECE) yield chunk;
      else for (let at = 0; at < chunk.length; at += PIECE) yield chunk.subarray(at, at + PIECE);
    }
  } catch (err) {
    if (err instanceof WorkbookRejectedError) throw err;
    throw corrupt(`part ${entry.name}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    src.destroy();
    raw.destroy();
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) throw corrupt(`part ${entry.name} fails its checksum`);
}

/** Where an entry's data starts: after its local header, whose name and extra lengths may differ. */
async function dataOffset(path: string, entry: ZipEntryInfo): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(30);
    const { bytesRead } = await fh.read(head, 0, 30, entry.localHeaderOffset);
    if (bytesRead < 30 || head.readUInt32LE(0) !== LOCAL_SIG) {
      throw corrupt(`part ${entry.name} has no local header`);
    }
    const start = entry.localHeaderOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (start + entry.compressedSize > size) throw corrupt(`part ${entry.name} is truncated`);
    return start;
  } finally {
    await fh.close();
  }
}

/** A whole (small) part as text, refused past `maxBytes`. */
export async function entryText(
  path: string,
  entry: ZipEntryInfo,
  budget: Budget,
  maxBytes = 32 * 1024 * 1024,
): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of entryChunks(path, entry, budget)) {
    n += chunk.length;
    if (n > maxBytes) throw corrupt(`part ${entry.name} is larger than ${formatBytes(maxBytes)}`);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}
