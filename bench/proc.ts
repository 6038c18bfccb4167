import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How an npm script of the project at `root` starts node (`start`, `start:worker`): the environment it
 * sets before `node` (`MALLOC_ARENA_MAX=2`) and node's flags, so that a bench starts its processes as the
 * service is started.
 */
export function startCommand(
  root: string,
  script: string,
): { env: Record<string, string>; flags: string[] } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (pkg.scripts[script] ?? '').split(/\s+/).filter(Boolean);
  const node = words.indexOf('node');
  const env: Record<string, string> = {};
  for (const w of words.slice(0, Math.max(node, 0))) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(w);
    if (m) env[m[1]!] = m[2]!;
  }
  return { env, flags: words.slice(node + 1).filter((w) => w.startsWith('--')) };
}

/** A process's peak RSS (VmHWM) in MB, from /proc. */
export function vmHwmMb(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * CPU seconds (user + system) a process has used, from /proc: on a machine shared with other work, the
 * figure that does not depend on how much of the CPU the process was given.
 */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}
