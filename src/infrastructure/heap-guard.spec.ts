import { exposedGc, HeapGuard } from './heap-guard.js';

describe('HeapGuard', () => {
  it('collects only when the heap in use is over the limit', () => {
    let used = 50;
    let collected = 0;
    const guard = new HeapGuard(
      96,
      () => {
        collected++;
        used = 30; // what a full collection leaves
      },
      () => used,
    );
    expect(guard.check()).toBe(false);
    used = 96;
    expect(guard.check()).toBe(false); // at the limit is not over it
    used = 97;
    expect(guard.check()).toBe(true);
    expect(guard.check()).toBe(false); // the collection brought it down
    expect([collected, guard.collections]).toEqual([1, 1]);
  });

  it('does nothing in a process started without --expose-gc', () => {
    const guard = new HeapGuard(0, null, () => 1e12);
    expect(guard.check()).toBe(false);
    expect(guard.collections).toBe(0);
    // Jest runs without the flag: the default collector is then absent too
    expect(exposedGc()).toBeNull();
  });
});
