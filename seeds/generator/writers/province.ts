/** Writes every workbook of a province and truth.json beside them. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Period } from '../calendar.js';
import type { Province } from '../types.js';
import { writeBigRoster } from './big-roster.js';
import type { BigRosterSummary } from './big-roster.js';
import { c12FileName, writeC12Summary } from './c12.js';
import { writeEmployers } from './employers.js';
import { receiptsByMonth, receiptsFileName, writeReceiptsStatement } from './receipts.js';
import { writeReceivables } from './receivables.js';
import { indexProvince, rosterFileName, writeEmployerRoster } from './roster.js';
import { writeJsonStreamed } from './truth.js';

export interface WriteOptions {
  /** One D02-LT workbook per employer under `rosters/` (default true). */
  employerRosters?: boolean;
  /** Lines of the combined benchmark roster `big-roster.xlsx`; 0 or absent: none. */
  bigRosterLines?: number;
  /** Write truth.json (default true). */
  truth?: boolean;
  onProgress?: (message: string) => void;
}

/** Paths relative to the output directory. */
export interface WorkbookManifest {
  employers: string;
  rosters: string[];
  receipts: { month: Period; file: string; rows: number }[];
  receivables: string;
  c12Summary: string;
  bigRoster: BigRosterSummary | null;
  truth: string | null;
}

export async function writeProvince(province: Province, outDir: string, options: WriteOptions = {}): Promise<WorkbookManifest> {
  const log = options.onProgress ?? ((): void => undefined);
  await mkdir(outDir, { recursive: true });
  const manifest: WorkbookManifest = {
    employers: 'employers.xlsx',
    rosters: [],
    receipts: [],
    receivables: 'receivables.xlsx',
    c12Summary: c12FileName(province),
    bigRoster: null,
    truth: null,
  };
  await writeEmployers(province, join(outDir, manifest.employers));
  log(`employers.xlsx: ${province.employers.length} units`);

  if (options.employerRosters ?? true) {
    await mkdir(join(outDir, 'rosters'), { recursive: true });
    const index = indexProvince(province);
    for (const e of province.employers) {
      const rel = join('rosters', rosterFileName(e.unitCode));
      await writeEmployerRoster(province, e, join(outDir, rel), index);
      manifest.rosters.push(rel);
    }
    log(`rosters/: ${manifest.rosters.length} workbooks, ${province.roster.length} lines`);
  }

  const months = [...receiptsByMonth(province).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [month, receipts] of months) {
    const file = receiptsFileName(month);
    await writeReceiptsStatement(province, month, receipts, join(outDir, file));
    manifest.receipts.push({ month, file, rows: receipts.length });
  }
  log(`receipts-*.xlsx: ${months.length} statements, ${province.receipts.length} receipts`);

  await writeReceivables(province, join(outDir, manifest.receivables));
  await writeC12Summary(province, join(outDir, manifest.c12Summary));
  log(`receivables.xlsx: ${province.ledger.length} lines; ${manifest.c12Summary}: ${province.c12.rows.length} rows`);

  const lines = options.bigRosterLines ?? 0;
  if (lines > 0) {
    const summary = await writeBigRoster(province, join(outDir, 'big-roster.xlsx'), lines, (n) => log(`big-roster.xlsx: ${n} lines`));
    manifest.bigRoster = { ...summary, file: 'big-roster.xlsx' };
    log(`big-roster.xlsx: ${summary.lines} lines`);
  }

  if (options.truth ?? true) {
    manifest.truth = 'truth.json';
    await writeJsonStreamed(join(outDir, manifest.truth), { ...province, workbooks: manifest });
    log('truth.json written');
  }
  return manifest;
}
