import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { detectWorkbook, periodInFileName, periodInTitle } from './detect-kind.js';

const dir = mkdtempSync(join(tmpdir(), 'sothu-detect-'));

async function workbook(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((r) => ws.addRow(r));
  }
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('periodInTitle', () => {
  it.each([
    ['BÁO CÁO C12 Tháng 04/2026', '2026-04'],
    ['Kỳ: 4/2026', '2026-04'],
    ['tháng 11 năm 2025', '2025-11'],
    ['Kỳ báo cáo 2026-03', '2026-03'],
    ['THÁNG 12-2024', '2024-12'],
  ])('%s → %s', (text, period) => {
    expect(periodInTitle(text)).toBe(period);
  });

  it.each(['Tháng 13/2026', 'Bảo hiểm xã hội Hà Nội', 'Ngày 05/04/2026'])(
    'finds no month in %s',
    (text) => {
      expect(periodInTitle(text)).toBeNull();
    },
  );

  it('reads a month from a file name', () => {
    expect(periodInFileName('c12-summary-2026-04.xlsx')).toBe('2026-04');
    expect(periodInFileName('c12.xlsx')).toBeNull();
  });
});

describe('detectWorkbook', () => {
  it('recognises each kind by its header row, whatever the hint', async () => {
    const receipts = await workbook('sk.xlsx', {
      SK: [
        ['SAO KÊ TÀI KHOẢN'],
        ['STT', 'Ngày giá trị', 'Số tham chiếu', 'Số tiền', 'Nội dung'],
        [1, '2026-02-10', 'FT1', 100000, 'TC0001C'],
      ],
    });
    expect(await detectWorkbook(receipts, { hint: 'roster' })).toEqual({
      kind: 'receipts',
      period: null,
    });
    const roster = await workbook('d02.xlsx', {
      D02: [['Mã đơn vị: TC0001C'], ['STT', 'Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng']],
    });
    expect((await detectWorkbook(roster)).kind).toBe('roster');
    const registry = await workbook('dn.xlsx', {
      DS: [['Mã đơn vị', 'Tên đơn vị', 'Mã cơ quan BHXH', 'Vùng']],
    });
    expect((await detectWorkbook(registry)).kind).toBe('employers');
  });

  it("takes a C12 summary's month from its title rows", async () => {
    const c12 = await workbook('c12.xlsx', {
      '06701': [
        ['BẢO HIỂM XÃ HỘI TỈNH'],
        ['TỔNG HỢP THU - Tháng 04/2026'],
        ['madvi', 'tendvi', 'tiền cuối kỳ'],
        ['TC0001C', 'A', 1000],
      ],
    });
    expect(await detectWorkbook(c12)).toEqual({ kind: 'c12-summary', period: '2026-04' });
  });

  it('says nothing of a file with no known header or not a workbook', async () => {
    const blank = await workbook('x.xlsx', { A: [['hello', 'world']] });
    expect(await detectWorkbook(blank)).toEqual({ kind: null, period: null });
    const notXlsx = join(dir, 'y.xlsx');
    await import('node:fs/promises').then((fs) => fs.writeFile(notXlsx, 'not a workbook'));
    expect(await detectWorkbook(notXlsx)).toEqual({ kind: null, period: null });
  });
});
