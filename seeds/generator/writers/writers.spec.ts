import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { generateProvince } from '../generate.js';
import type { Province } from '../types.js';
import { BIG_ROSTER_HEADERS } from './big-roster.js';
import { C12_HEADERS } from './c12.js';
import { EMPLOYER_HEADERS } from './employers.js';
import { writeProvince } from './province.js';
import type { WorkbookManifest } from './province.js';
import { RECEIPT_HEADERS, RECEIPT_HEADERS_ALT } from './receipts.js';
import { RECEIVABLE_HEADERS } from './receivables.js';
import { DECLARED_HEADERS, ROSTER_HEADERS, STATED_PAYMENT_HEADERS } from './roster.js';

type Cell = ExcelJS.CellValue;

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function rows(ws: ExcelJS.Worksheet): Cell[][] {
  const out: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    out[n - 1] = values;
  });
  return out.map((r) => r ?? []);
}

/** The first row holding all of `headers` (title rows above it are skipped, as the importer does). */
function headerRowIndex(ws: ExcelJS.Worksheet, headers: readonly string[]): number {
  return rows(ws).findIndex((r) => headers.every((h) => r.includes(h)));
}

/** Product.md's names for each kind's key columns (one accepted spelling each suffices). */
const PRODUCT = {
  employers: ['Mã đơn vị', 'Tên đơn vị', 'Mã số thuế', 'Mã cơ quan BHXH', 'Vùng lương', 'Phương thức đóng', 'Tỷ lệ đóng TNLĐ-BNN', 'Trạng thái'],
  roster: [['Mã số BHXH', 'Số sổ BHXH'], ['Họ và tên', 'Họ tên'], ['Mức lương', 'Tiền lương'], ['Từ tháng'], ['Đến tháng'], ['Phụ cấp chức vụ']],
  receipts: [['Ngày giá trị', 'Ngày hạch toán'], ['Số tiền', 'Ghi có'], ['Nội dung', 'Diễn giải'], ['Tên người nộp', 'Người chuyển'], ['Số tham chiếu', 'Số bút toán']],
  receivables: ['Mã đơn vị', 'Kỳ', 'Quỹ', 'Số tiền', 'Hạn nộp', 'Lý do'],
  c12: ['madvi', 'tendvi', 'tiền đầu kỳ', 'tiền cuối kỳ', 'số tiền phải nộp', 'tiền đã nộp', 'tyleno'],
};

describe('workbook writers', () => {
  let dir: string;
  let province: Province;
  let manifest: WorkbookManifest;
  const BIG = 1234;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sothu-gen-'));
    province = generateProvince({ scale: 'small', seed: 11 });
    manifest = await writeProvince(province, dir, { bigRosterLines: BIG });
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes employers.xlsx with the product headers and one row per unit', async () => {
    const ws = (await load(join(dir, manifest.employers))).worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(rows(ws)[0]).toEqual([...EMPLOYER_HEADERS]);
    expect(EMPLOYER_HEADERS).toEqual(PRODUCT.employers);
    const data = rows(ws).slice(1);
    expect(data.map((r) => r[0])).toEqual(province.employers.map((e) => e.unitCode));
    // Office codes and tax codes stay text, leading zeros kept.
    expect(data.every((r) => typeof r[3] === 'string' && /^0\d{4}$/.test(r[3]))).toBe(true);
    expect(data.every((r) => typeof r[2] === 'string')).toBe(true);
  });

  it('writes a D02-LT roster per employer: unit code above the header, every line, optional sheets', async () => {
    expect(manifest.rosters.length).toBe(province.employers.length);
    const withSheets = province.employers.find(
      (e) => province.declared.some((d) => d.unitCode === e.unitCode) && province.statedPayments.some((s) => s.unitCode === e.unitCode),
    );
    expect(withSheets).toBeDefined();
    for (const e of [province.employers[0], withSheets]) {
      if (!e) continue;
      const wb = await load(join(dir, 'rosters', `roster-${e.unitCode}.xlsx`));
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      const all = rows(ws);
      const header = all.findIndex((r) => r.includes('STT') && r.includes('Từ tháng'));
      expect(header).toBeGreaterThan(0);
      const above = all.slice(0, header).flat();
      expect(above.includes(`Mã đơn vị: ${e.unitCode}`) || (above.includes('Mã đơn vị:') && above.includes(e.unitCode))).toBe(true);
      const headerRow = all[header] ?? [];
      for (const alts of PRODUCT.roster) expect(alts.some((h) => headerRow.includes(h))).toBe(true);
      expect(headerRow.length).toBe(ROSTER_HEADERS.length);
      const lines = province.roster.filter((l) => l.unitCode === e.unitCode);
      const data = all.slice(header + 1);
      expect(data.length).toBe(lines.length);
      const siCol = headerRow.findIndex((h) => h === 'Mã số BHXH' || h === 'Số sổ BHXH');
      expect(data.map((r) => r[siCol])).toEqual(lines.map((l) => l.siNumber));
    }
    if (withSheets) {
      const wb = await load(join(dir, 'rosters', `roster-${withSheets.unitCode}.xlsx`));
      const names = wb.worksheets.map((w) => w.name);
      expect(names.length).toBe(3);
      const [, totals, pays] = wb.worksheets;
      if (!totals || !pays) throw new Error('missing optional sheets');
      expect(headerRowIndex(totals, DECLARED_HEADERS)).toBeGreaterThanOrEqual(0);
      expect(headerRowIndex(pays, STATED_PAYMENT_HEADERS)).toBe(0);
    }
  });

  it('writes one receipts statement per month with the product headers and varied value formats', async () => {
    expect(manifest.receipts.reduce((s, r) => s + r.rows, 0)).toBe(province.receipts.length);
    const seenTypes = new Set<string>();
    const refs: Cell[] = [];
    for (const m of manifest.receipts) {
      const ws = (await load(join(dir, m.file))).worksheets[0];
      if (!ws) throw new Error('no sheet');
      const alt = headerRowIndex(ws, RECEIPT_HEADERS_ALT);
      const h = alt >= 0 ? alt : headerRowIndex(ws, RECEIPT_HEADERS);
      expect(h).toBeGreaterThanOrEqual(0);
      const all = rows(ws);
      const headerRow = all[h] ?? [];
      for (const alts of PRODUCT.receipts) expect(alts.some((x) => headerRow.includes(x))).toBe(true);
      const data = all.slice(h + 1);
      expect(data.length).toBe(m.rows);
      for (const r of data) {
        seenTypes.add(`date:${r[1] instanceof Date ? 'date' : typeof r[1]}`);
        seenTypes.add(`amount:${typeof r[3]}`);
        refs.push(r[2]);
      }
    }
    expect(new Set(refs).size).toBe(province.receipts.length);
    for (const t of ['date:date', 'date:string', 'amount:number', 'amount:string']) expect(seenTypes).toContain(t);
  });

  it('writes receivables.xlsx and the C12 summary with the product headers', async () => {
    const rec = (await load(join(dir, manifest.receivables))).worksheets[0];
    if (!rec) throw new Error('no sheet');
    expect(rows(rec)[0]).toEqual([...RECEIVABLE_HEADERS]);
    expect(RECEIVABLE_HEADERS).toEqual(PRODUCT.receivables);
    expect(rows(rec).length - 1).toBe(province.ledger.length);

    expect(manifest.c12Summary).toBe(`c12-summary-${province.c12.period}.xlsx`);
    const c12 = (await load(join(dir, manifest.c12Summary))).worksheets[0];
    if (!c12) throw new Error('no sheet');
    const header = rows(c12)[0] ?? [];
    expect(header).toEqual([...C12_HEADERS]);
    for (const h of PRODUCT.c12) expect(header).toContain(h);
    expect(rows(c12).length - 1).toBe(province.c12.rows.length);
  });

  it('writes exactly N big-roster lines with a unit-code column', async () => {
    expect(manifest.bigRoster?.lines).toBe(BIG);
    const ws = (await load(join(dir, 'big-roster.xlsx'))).worksheets[0];
    if (!ws) throw new Error('no sheet');
    const all = rows(ws);
    expect(all[0]).toEqual([...BIG_ROSTER_HEADERS]);
    expect(all.length - 1).toBe(BIG);
    const units = new Set(province.employers.map((e) => e.unitCode));
    expect(all.slice(1).every((r) => units.has(String(r[0])) && /^\d{10}$/.test(String(r[2])))).toBe(true);
  });

  it('writes truth.json equal to the model', async () => {
    const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as Record<string, unknown>;
    const { workbooks, ...model } = truth;
    expect(model).toEqual(JSON.parse(JSON.stringify(province)));
    expect(workbooks).toEqual(JSON.parse(JSON.stringify(manifest)));
  });
});
