import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { buildWorkbook, tempDir } from '../../../test/fixtures/workbooks/build-workbook.js';
import { writeErrorsWorkbook } from './errors-workbook.js';
import { ProblemCode, type Problem } from './problem.js';
import { isFormulaLike, setSafeValue } from './safe-cell.util.js';

const dir = tempDir();

describe('formula-safe writing', () => {
  it.each(['=1+1', '+84 90', '-5', '@SUM(A1)', '\t=x'])('%p is formula-like', (s) =>
    expect(isFormulaLike(s)).toBe(true),
  );
  it.each(['abc', '5', '', 'a=b'])('%p is not', (s) => expect(isFormulaLike(s)).toBe(false));

  it('writes formula-like text as a text cell, never a formula', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    setSafeValue(ws.getCell('A1'), '=HYPERLINK("http://evil","x")');
    setSafeValue(ws.getCell('A2'), 'plain');
    setSafeValue(ws.getCell('A3'), 42);
    const path = join(dir, 'safe.xlsx');
    await wb.xlsx.writeFile(path);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const a1 = back.getWorksheet('S')!.getCell('A1');
    expect(a1.type).toBe(ExcelJS.ValueType.String);
    expect(a1.value).toBe('=HYPERLINK("http://evil","x")');
    expect(a1.formula).toBeUndefined();
    expect(a1.numFmt).toBe('@');
    expect(back.getWorksheet('S')!.getCell('A3').value).toBe(42);
  });
});

describe('errors workbook', () => {
  it('copies the rows and adds an error column and a problem list', async () => {
    const src = await buildWorkbook(dir, 'src.xlsx', [
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị: TC0001C'],
          ['Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng'],
          ['0123456789', '=cmd|calc', 5310000, '01/2026'],
          ['123', 'B', { formula: '1+1', result: 2 }, '01/2026'],
        ],
      },
    ]);
    const problems: Problem[] = [
      {
        level: 'row',
        sheet: 'DS',
        row: 4,
        column: 'A',
        code: ProblemCode.INVALID_SI_NUMBER,
        message: 'Mã số BHXH: "123" is not an SI number (exactly 10 digits).',
        details: { header: 'Mã số BHXH', value: '123' },
      },
      {
        level: 'info',
        sheet: 'DS',
        row: 2,
        column: 'E',
        code: ProblemCode.EXTRA_COLUMN,
        message: 'Column "x" was ignored.',
        details: { header: 'x' },
      },
    ];
    const out = join(dir, 'errors.xlsx');
    await writeErrorsWorkbook(src, problems, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('DS')!;
    expect(ws.getCell('A1').value).toBe('Mã đơn vị: TC0001C');
    expect(ws.getCell('E2').value).toBe('Lỗi'); // a warning stays off the rows: the list has it
    expect(ws.getCell('B3').value).toBe('=cmd|calc');
    expect(ws.getCell('B3').formula).toBeUndefined();
    expect(ws.getCell('C4').value).toBe(2);
    // the console's Vietnamese sentence, not the server's English nor the code
    expect(ws.getCell('E4').value).toBe(
      'Cột A: Mã số BHXH: "123" không phải mã số BHXH (10 chữ số).',
    );
    expect(ws.getCell('E3').value).toBeNull();
    const list = wb.getWorksheet('Danh sách lỗi')!;
    expect(list.rowCount).toBe(3);
    expect(list.getRow(1).values).toEqual([
      undefined,
      'Trang tính',
      'Dòng',
      'Cột',
      'Mã lỗi',
      'Nội dung',
      'Mức',
    ]);
    expect(list.getRow(2).values).toEqual([
      undefined,
      'DS',
      4,
      'A',
      'INVALID_SI_NUMBER',
      'Mã số BHXH: "123" không phải mã số BHXH (10 chữ số).',
      'Lỗi dòng',
    ]);
    expect(list.getRow(3).getCell(5).value).toBe(
      'Cột "x" không dùng cho loại tệp này và đã bỏ qua.',
    );
    expect(list.getRow(3).getCell(6).value).toBe('Cảnh báo');
    // no English the server wrote for logs is left anywhere in the workbook
    const texts: string[] = [];
    for (const w of wb.worksheets) w.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    for (const p of problems) expect(texts.join('\n')).not.toContain(p.message);
  });

  it('still lists the problems of a refused file', async () => {
    const out = join(dir, 'errors2.xlsx');
    const { writeFileSync } = await import('node:fs');
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    await writeErrorsWorkbook(
      bad,
      [
        {
          level: 'structural',
          sheet: null,
          row: null,
          column: null,
          code: ProblemCode.NOT_A_WORKBOOK,
          message: 'not a workbook',
        },
      ],
      out,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sách lỗi']);
    expect(wb.worksheets[0]!.getRow(2).getCell(5).value).toBe(
      'Tệp không phải bảng tính Excel (.xlsx hoặc .xls).',
    );
    expect(wb.worksheets[0]!.getRow(2).getCell(6).value).toBe('Lỗi tệp');
  });
});
