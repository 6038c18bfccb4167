/**
 * Micro-benchmark of the roster parse path (no database).
 *   tsx bench/parse-roster.ts [lines=100000]
 * Generates a roster workbook with exceljs' streaming writer (title rows, `Mã đơn vị:` cell, shared
 * strings, date cells, text periods), then reads it in child processes so each run has its own
 * peak RSS: `bare` = exceljs WorkbookReader alone iterating rows; `parse` = readWorkbook (header
 * detection, value parsing, validation, typed records in batches of 1,000).
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWorkbook } from '../src/modules/imports/schema/read-workbook.js';

const FIRST_NAMES = [
  'Nguyễn Văn',
  'Trần Thị',
  'Lê Hoàng',
  'Phạm Minh',
  'Hoàng Thị',
  'Vũ Đức',
  'Đặng Ngọc',
  'Bùi Quang',
];
const LAST = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hùng',
  'Lan',
  'Minh',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Thảo',
  'Tú',
  'Yến',
];

export async function generateRoster(path: string, lines: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('D02-LT');
  ws.addRow(['DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN']).commit();
  ws.addRow(['Mã đơn vị:', 'TC0001C']).commit();
  ws.addRow([]).commit();
  ws.addRow([
    'STT',
    'Mã số BHXH',
    'Họ và tên',
    'Ngày sinh',
    'Giới tính',
    'Số CCCD',
    'Chức vụ',
    'Mức lương',
    'Phụ cấp chức vụ',
    'Phụ cấp thâm niên nghề',
    'Từ tháng',
    'Đến tháng',
    'Ghi chú',
  ]).commit();
  for (let i = 1; i <= lines; i++) {
    const row = ws.addRow([
      i,
      String(100000000 + i).padStart(10, '0'),
      `${FIRST_NAMES[i % 8]} ${LAST[i % 16]} ${i}`,
      new Date(Date.UTC(1970 + (i % 35), i % 12, 1 + (i % 28))),
      i % 2 ? 'Nam' : 'Nữ',
      String(1000000000 + i).padStart(12, '0'),
      i % 10 === 0 ? 'Tổ trưởng' : 'Công nhân',
      5_310_000 + (i % 50) * 10_000,
      i % 10 === 0 ? 500_000 : null,
      i % 7 === 0 ? 300_000 : null,
      `${String(1 + (i % 12)).padStart(2, '0')}/2025`,
      i % 5 === 0 ? '12/2025' : null,
      null,
    ]);
    row.getCell(4).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

async function bare(path: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let n = 0;
  for await (const ws of reader) for await (const row of ws) if (row.number > 4) n++;
  return n;
}

async function parse(path: string): Promise<{ records: number; problems: number }> {
  let records = 0;
  let problems = 0;
  for await (const b of readWorkbook(path, 'roster')) {
    records += b.records.length;
    problems += b.problems.length;
  }
  return { records, problems };
}

async function child(mode: string, path: string): Promise<void> {
  const t = process.hrtime.bigint();
  const out = mode === 'bare' ? { records: await bare(path), problems: 0 } : await parse(path);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ mode, ...out, ms, rssMb }) + '\n');
}

async function main(): Promise<void> {
  const [, , a, b] = process.argv;
  if (a === '--child') return child(b!, process.argv[4]!);
  const lines = Number(a ?? 100_000);
  const dir = join(tmpdir(), 'sothu-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `roster-${lines}.xlsx`);
  if (!existsSync(path)) {
    const t = Date.now();
    await generateRoster(path, lines);
    console.log(
      `generated ${path} (${(statSync(path).size / 1e6).toFixed(1)} MB) in ${Date.now() - t} ms`,
    );
  }
  const self = fileURLToPath(import.meta.url);
  for (const mode of ['bare', 'parse', 'bare', 'parse']) {
    const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', mode, path], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(r.stderr);
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      mode: string;
      records: number;
      problems: number;
      ms: number;
      rssMb: number;
    };
    console.log(
      `${res.mode.padEnd(6)} ${res.records} lines, ${res.problems} problems, ${(res.ms / 1000).toFixed(2)} s, ` +
        `${Math.round((res.records / res.ms) * 1000).toLocaleString('en')} lines/s, peak RSS ${Math.round(res.rssMb)} MB`,
    );
  }
}

await main();
