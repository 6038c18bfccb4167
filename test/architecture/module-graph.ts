/**
 * The module-level import graph of `src/modules/`: which feature module imports which, counted over the
 * relative imports of every non-spec file. `npm run graph` prints it, bottom layer first, with each
 * arrow checked against MODULE_LAYERS (eslint.config.js): an arrow pointing up is marked `UP!`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULE_LAYERS } from '../../eslint.config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modulesDir = join(root, 'src', 'modules');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) yield p;
  }
}

export interface ModuleGraph {
  modules: string[];
  /** `from → to → number of import statements`. */
  edges: Map<string, Map<string, number>>;
}

export function moduleGraph(): ModuleGraph {
  const modules = readdirSync(modulesDir).filter((m) =>
    statSync(join(modulesDir, m)).isDirectory(),
  );
  const edges = new Map<string, Map<string, number>>(modules.map((m) => [m, new Map()]));
  const spec = /(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;
  for (const from of modules) {
    for (const file of files(join(modulesDir, from))) {
      for (const m of readFileSync(file, 'utf8').matchAll(spec)) {
        const target = resolve(dirname(file), m[1] ?? m[2]!);
        const parts = relative(modulesDir, target).split(sep);
        const to = parts[0]!;
        if (parts.length < 2 || to === from || to.startsWith('..') || !edges.has(to)) continue;
        const out = edges.get(from)!;
        out.set(to, (out.get(to) ?? 0) + 1);
      }
    }
  }
  return { modules, edges };
}

/** Arrows from a module to one at or above its own layer (MODULE_LAYERS order, bottom first). */
export function upwardArrows(g: ModuleGraph): string[] {
  const rank = (m: string) => MODULE_LAYERS.indexOf(m);
  const out: string[] = [];
  for (const [from, tos] of g.edges) {
    for (const to of tos.keys())
      if (rank(to) < 0 || rank(from) < 0 || rank(to) > rank(from)) out.push(`${from} -> ${to}`);
  }
  return out;
}

/** A cycle of the graph, if any (depth-first search). */
export function findCycle(g: ModuleGraph): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (m: string): string[] | null => {
    state.set(m, 'open');
    stack.push(m);
    for (const to of g.edges.get(m)?.keys() ?? []) {
      if (state.get(to) === 'open') return [...stack.slice(stack.indexOf(to)), to];
      if (!state.has(to)) {
        const c = visit(to);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(m, 'done');
    return null;
  };
  for (const m of g.modules)
    if (!state.has(m)) {
      const c = visit(m);
      if (c) return c;
    }
  return null;
}

export function printGraph(g: ModuleGraph): string {
  const ordered = [...g.modules].sort(
    (a, b) => MODULE_LAYERS.indexOf(a) - MODULE_LAYERS.indexOf(b),
  );
  const up = new Set(upwardArrows(g));
  const lines = ordered.map((m) => {
    const tos = [...(g.edges.get(m) ?? new Map()).entries()]
      .sort((a, b) => MODULE_LAYERS.indexOf(b[0]) - MODULE_LAYERS.indexOf(a[0]))
      .map(([to, n]) => `${to}(${n})${up.has(`${m} -> ${to}`) ? ' UP!' : ''}`);
    return `${String(MODULE_LAYERS.indexOf(m)).padStart(2)} ${m.padEnd(15)} -> ${tos.join(', ') || '—'}`;
  });
  const cycle = findCycle(g);
  lines.push('', `upward arrows: ${up.size}`, `cycle: ${cycle ? cycle.join(' -> ') : 'none'}`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(printGraph(moduleGraph()));
}
