import { getHeapStatistics } from 'node:v8';

type Collect = () => void;

/** V8's full collection, when the process was started with `--expose-gc` (the worker scripts are). */
export function exposedGc(): Collect | null {
  const gc = (globalThis as { gc?: Collect }).gc;
  return typeof gc === 'function' ? gc : null;
}

/**
 * A soft ceiling on the JS heap for long batch work (a million-line import). V8 sizes its heap from
 * what survived the last full collection and lets garbage pile up to a multiple of that before the next
 * one, so over a long run the heap, and the RSS, settle well above what is live: ~100 MB more at a
 * million roster lines than at a hundred thousand. Checked between chunks of work (cheap: one
 * `getHeapStatistics`), the guard runs a full collection whenever the heap in use passes `limitBytes`,
 * which holds the peak where a short import leaves it, for ~25 ms a collection. Without `--expose-gc`
 * (tests, scripts) it does nothing.
 */
export class HeapGuard {
  collections = 0;

  constructor(
    private readonly limitBytes: number,
    private readonly collect: Collect | null = exposedGc(),
    private readonly used: () => number = () => getHeapStatistics().used_heap_size,
  ) {}

  /** Collects when the heap in use is over the limit; true when it did. */
  check(): boolean {
    if (!this.collect || this.used() <= this.limitBytes) return false;
    this.collect();
    this.collections++;
    return true;
  }
}
