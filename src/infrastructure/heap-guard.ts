import { getHeapStatistics } from 'node:v8';

type Collect = () => void;

/** V8's full collection, when the process was started with `--expose-gc` (the worker scripts are). */
export function exposedGc(): Collect | null {
  const gc = (globalThis as { gc?: Collect }).gc;
  return typeof gc === 'function' ? gc : null;
}

/**
 * A young-generation collection when the process was started with `--expose-gc` (a few ms, where a full
 * one takes ~40): it frees the memory of the Buffers that died young, which the heap in use does not
 * count, so nothing else may collect them soon in work that streams much through Buffers and allocates
 * little else on the heap (a kept roster streamed into COPY: ~100 MB of 1 MB chunks at 1M lines; a
 * shared-string table read as bytes: ~90 MB of inflated chunks).
 */
export function collectYoung(collect: Collect | null = exposedGc()): void {
  (collect as ((options?: { type: 'minor' }) => void) | null)?.({ type: 'minor' });
}

/**
 * A soft ceiling on the JS heap for long batch work (a million-line import). V8 sizes its heap from
 * what survived the last full collection and lets garbage pile up to a multiple of that before the next
 * one, so a long run's heap, and its RSS, settle well above what is live. Checked between chunks of work
 * (cheap: one `getHeapStatistics`), the guard runs a full collection whenever the heap in use passes
 * `limitBytes` (~30 ms each). Measured on the roster import (bench/RESULTS.md): peak RSS 183–192 MB at
 * 100k lines and 193–213 MB at 1M with a 64 MB limit, 235–261 and 281–306 MB without, for 10–25% of
 * the speed; the import's limit was then 48 MB (IMPORT_HEAP_MB: 1M lines 196 MB against 213, for ~10–15%
 * more of the parse's CPU at 100k), and is 40 MB since the worker runs with
 * `--no-allocation-site-pretenuring` (fewer full collections, a few MB more young survivors: 1M lines in the
 * worker 197–198 MB against 201–203 at 48, for 2–5% of the parse's time).
 * Without `--expose-gc` (tests, scripts) it does nothing.
 */
export class HeapGuard {
  collections = 0;
  /** Where the next collection starts: the limit, or higher when much of it is live (see check). */
  private threshold: number;

  constructor(
    private readonly limitBytes: number,
    private readonly collect: Collect | null = exposedGc(),
    private readonly used: () => number = () => getHeapStatistics().used_heap_size,
  ) {
    this.threshold = limitBytes;
  }

  /** A young-generation collection (see `collectYoung`). */
  collectYoung(): void {
    collectYoung(this.collect);
  }

  /** Collects when the heap in use is over the limit; true when it did. */
  check(): boolean {
    if (!this.collect || this.used() <= this.threshold) return false;
    this.collect();
    this.collections++;
    // What the process keeps for good (its modules, the ORM's metadata: ~53 MB in the worker) can leave
    // little of the limit free: then every check collected again (a 100k-line import spent 40% of its
    // time in full collections). The next collection waits until half the limit is garbage again.
    this.threshold = Math.max(this.limitBytes, this.used() + this.limitBytes / 2);
    return true;
  }
}
