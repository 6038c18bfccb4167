/**
 * Synthetic province CLI.
 *   node dist/seeds/generator/cli.js --out DIR [--seed N] [--offices N] [--employers-per-office N]
 *     [--months N] [--end YYYY-MM] [--avg-employees N] [--scale small|demo|bench] [--c12 YYYY-MM]
 *     [--big-roster-lines N] [--no-employer-rosters] [--no-truth]
 * Dev, without a build: node --import ./seeds/generator/dev-register.mjs seeds/generator/cli.ts …
 */
import { parseArgs } from 'node:util';
import { generateProvince } from './generate.js';
import type { GeneratorOptions } from './types.js';
import { writeProvince } from './writers/province.js';

const USAGE = `usage: cli --out DIR [--seed N] [--offices N] [--employers-per-office N] [--months N] [--end YYYY-MM]
           [--avg-employees N] [--scale small|demo|bench] [--c12 YYYY-MM] [--big-roster-lines N]
           [--no-employer-rosters] [--no-truth]`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a non-negative integer, got ${v}`);
  return Number(v);
}

function scaleOf(v: string | undefined): GeneratorOptions['scale'] | undefined {
  if (v === undefined) return undefined;
  if (v === 'small' || v === 'demo' || v === 'bench') return v;
  throw new Error(`--scale must be small, demo or bench, got ${v}`);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      offices: { type: 'string' },
      'employers-per-office': { type: 'string' },
      months: { type: 'string' },
      end: { type: 'string' },
      'avg-employees': { type: 'string' },
      scale: { type: 'string' },
      c12: { type: 'string' },
      'big-roster-lines': { type: 'string' },
      'no-employer-rosters': { type: 'boolean' },
      'no-truth': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);
  const scale = scaleOf(values.scale);
  const options: Partial<GeneratorOptions> = {};
  const set = <K extends keyof GeneratorOptions>(k: K, v: GeneratorOptions[K] | undefined): void => {
    if (v !== undefined) options[k] = v;
  };
  set('seed', int('seed', values.seed));
  set('offices', int('offices', values.offices));
  set('employersPerOffice', int('employers-per-office', values['employers-per-office']));
  set('months', int('months', values.months));
  set('endPeriod', values.end);
  set('averageEmployees', int('avg-employees', values['avg-employees']));
  set('scale', scale);
  set('c12Period', values.c12);

  const t0 = performance.now();
  const province = generateProvince(options);
  const log = (m: string): void => {
    const rss = Math.round(process.memoryUsage().rss / 1048576);
    console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s rss ${rss} MB] ${m}`);
  };
  log(
    `generated seed ${province.options.seed}: ${province.offices.length} offices, ${province.employers.length} employers, ` +
      `${province.roster.length} roster lines, ${province.receipts.length} receipts, periods ${province.periods[0]}..${province.options.endPeriod}`,
  );
  const manifest = await writeProvince(province, values.out, {
    employerRosters: !(values['no-employer-rosters'] ?? province.options.scale === 'bench'),
    bigRosterLines: int('big-roster-lines', values['big-roster-lines']) ?? 0,
    truth: !values['no-truth'],
    onProgress: log,
  });
  log(`done: ${values.out}`);
  console.log(JSON.stringify({ out: values.out, ...manifest, rosters: manifest.rosters.length }, null, 2));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
