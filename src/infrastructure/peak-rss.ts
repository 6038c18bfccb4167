import { readFileSync } from 'node:fs';

/**
 * This process's peak RSS in MB: VmHWM, the high-water mark of its own address space. Not getrusage's
 * maxRSS, which Linux carries over from the parent at fork (a child of a big test runner would report
 * the parent's peak).
 */
export function peakRssMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS / 1024;
}
