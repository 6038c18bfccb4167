/**
 * Writes a big roster of N lines and reports time and peak RSS as JSON (used by the memory spec, and as
 * a benchmark): node dist/seeds/generator/big-roster-bench.js --lines 1000000 --out /tmp/big.xlsx
 */
import { peakRssMb } from '../../src/infrastructure/peak-rss.js';
import { parseArgs } from 'node:util';
import { generateProvince } from './generate.js';
import { writeBigRoster } from './writers/big-roster.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { lines: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  });
  if (!values.out || !values.lines || !/^\d+$/.test(values.lines)) {
    throw new Error('usage: big-roster-bench --lines N --out FILE.xlsx [--seed N]');
  }
  const province = generateProvince({ scale: 'small', seed: Number(values.seed ?? '1') });
  const t0 = performance.now();
  const summary = await writeBigRoster(province, values.out, Number(values.lines));
  const ms = Math.round(performance.now() - t0);
  const peakRss = Math.round(peakRssMb());
  console.log(
    JSON.stringify({
      lines: summary.lines,
      units: summary.units,
      ms,
      linesPerSecond: Math.round((summary.lines * 1000) / ms),
      peakRssMb: peakRss,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
