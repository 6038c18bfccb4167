import {
  buildWorkbook,
  sharedFixture,
  tempDir,
} from '../../../../test/fixtures/workbooks/build-workbook.js';
import {
  ProblemCode,
  WorkbookRejectedError,
  type Problem,
} from '../../../infrastructure/excel/problem.js';
import { collectWorkbook, readWorkbook } from './read-workbook.js';
import type { ImportKind, RosterLineRecord } from './records.js';

const dir = tempDir();
let n = 0;
async function wb(sheets: Parameters<typeof buildWorkbook>[2], name?: string): Promise<string> {
  return buildWorkbook(dir, name ?? `wb-${++n}.xlsx`, sheets);
}

async function rejection(path: string, kind: ImportKind, opts = {}): Promise<Problem> {
  try {
    await collectWorkbook(path, kind, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(WorkbookRejectedError);
    const p = (err as WorkbookRejectedError).problems[0]!;
    expect(p.level).toBe('structural');
    return p;
  }
  throw new Error('expected a rejection');
}

const rows = (p: Problem[]) =>
  p.filter((x) => x.level === 'row').map((x) => [x.sheet, x.row, x.column, x.code]);

describe('headers', () => {
  it('matches aliases, diacritics and case in any order, skipping title rows and merged titles', async () => {
    const path = await wb([
      {
        name: 'DS',
        merges: ['A1:F1'],
        rows: [
          ['DANH SÁCH LAO ĐỘNG'],
          ['Mã đơn vị:', 'tc0001c'],
          [],
          [
            'TU THANG',
            'Ho ten',
            'so so bhxh',
            'TIỀN LƯƠNG',
            'Phu cap chuc vu',
            'Phụ cấp thâm niên nghề',
            'Cột lạ',
          ],
          ['01/2026', 'Nguyễn Văn An', '0123456789', '5.310.000', 500000, '200,000', 'x'],
        ],
      },
    ]);
    const r = await collectWorkbook(path, 'roster');
    expect(r.records).toEqual([
      expect.objectContaining({
        type: 'line',
        sheet: 'DS',
        row: 5,
        unitCode: 'TC0001C',
        siNumber: '0123456789',
        name: 'Nguyễn Văn An',
        salary: 5310000,
        allowances: 700000,
        fromMonth: '2026-01',
        toMonth: null,
      }),
    ]);
    expect(r.problems).toEqual([
      expect.objectContaining({
        level: 'info',
        code: ProblemCode.EXTRA_COLUMN,
        sheet: 'DS',
        row: 4,
        column: 'G',
      }),
    ]);
  });

  it('accepts the English keys as headers', async () => {
    const path = await wb([
      {
        name: 'S',
        rows: [
          ['valueDate', 'amount', 'memo', 'bankRef', 'payerName', 'unitCode'],
          ['27/02/2026', 1000, 'nop tien', 'FT1', 'CTY', 'TC0001C'],
        ],
      },
    ]);
    const r = await collectWorkbook(path, 'receipts');
    expect(r.records).toEqual([
      {
        sheet: 'S',
        row: 2,
        valueDate: '2026-02-27',
        amount: 1000,
        memo: 'nop tien',
        payerName: 'CTY',
        bankRef: 'FT1',
        unitCode: 'TC0001C',
      },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('reports a missing required header as structural, with the sheet and header row', async () => {
    const path = await wb([
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị', 'Mã số BHXH', 'Họ và tên', 'Từ tháng'],
          ['TC0001C', '0123456789', 'A', '01/2026'],
        ],
      },
    ]);
    const p = await rejection(path, 'roster');
    expect(p).toMatchObject({ code: ProblemCode.MISSING_COLUMN, sheet: 'DS', row: 1 });
    expect(p.message).toContain('Mức lương');
  });

  it('refuses a file with no header row', async () => {
    const path = await wb([
      {
        name: 'S',
        rows: [
          ['hello', 'world'],
          [1, 2],
        ],
      },
    ]);
    expect(await rejection(path, 'employers')).toMatchObject({ code: ProblemCode.NO_HEADER_ROW });
  });

  it('detects the wrong kind', async () => {
    const path = await wb([
      {
        name: 'S',
        rows: [
          ['Ngày giá trị', 'Số tiền', 'Nội dung', 'Số tham chiếu'],
          ['27/02/2026', 1000, 'x', 'FT1'],
        ],
      },
    ]);
    const p = await rejection(path, 'roster');
    expect(p.code).toBe(ProblemCode.WRONG_KIND);
    expect(p.message).toContain('bank receipts');
  });

  it('requires a unit code column or cell for a roster', async () => {
    const path = await wb([
      { name: 'DS', rows: [['Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng']] },
    ]);
    expect(await rejection(path, 'roster')).toMatchObject({
      code: ProblemCode.MISSING_UNIT_CODE,
      sheet: 'DS',
    });
  });
});

describe('roster unit code', () => {
  it('reads "Mã đơn vị: X" in one cell', async () => {
    const path = await wb([
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị: HC0026C'],
          ['Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng'],
          ['0123456789', 'A', 1, '01/2026'],
        ],
      },
    ]);
    const r = await collectWorkbook(path, 'roster');
    expect((r.records[0] as RosterLineRecord).unitCode).toBe('HC0026C');
  });

  it('prefers the column, falling back to the cell when a row leaves it blank', async () => {
    const path = await wb([
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị:', null, 'TC0001C'],
          ['Mã ĐV', 'Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng'],
          ['CC0003C', '0123456789', 'A', 1, '01/2026'],
          [null, '0123456788', 'B', 1, '01/2026'],
        ],
      },
    ]);
    const r = await collectWorkbook(path, 'roster');
    expect(r.records.map((x) => (x as RosterLineRecord).unitCode)).toEqual(['CC0003C', 'TC0001C']);
  });

  it('refuses an invalid code above the header', async () => {
    const path = await wb([
      {
        name: 'DS',
        rows: [['Mã đơn vị: ??'], ['Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng']],
      },
    ]);
    expect(await rejection(path, 'roster')).toMatchObject({
      code: ProblemCode.INVALID_UNIT_CODE,
      sheet: 'DS',
      row: 1,
      column: 'A',
    });
  });
});

describe('roster optional sheets', () => {
  it('finds declared totals and payments by their header row, whatever their names', async () => {
    const path = await wb([
      {
        name: 'Danh sách',
        rows: [
          ['Mã đơn vị:', 'TC0001C'],
          ['Mã số BHXH', 'Họ và tên', 'Mức lương', 'Từ tháng', 'Đến tháng'],
          ['0123456789', 'A', 5310000, '01/2026', '03/2026'],
        ],
      },
      {
        name: 'Sheet2',
        rows: [
          ['Tổng hợp kê khai'],
          ['Kỳ', 'BHYT', 'BHTN', 'Tổng cộng'],
          ['01/2026', 159300, 106200, 265500],
          ['02/2026', null, null, 265500],
        ],
      },
      {
        name: 'abc',
        rows: [
          ['Ngày nộp', 'Số tiền', 'Số ủy nhiệm chi', 'Ghi chú'],
          ['25/02/2026', '1.859.200', 'UNC-1', 'T1'],
          [46080, -5, null, null],
        ],
      },
      { name: 'notes', rows: [['just some notes']] },
    ]);
    const r = await collectWorkbook(path, 'roster');
    expect(r.records).toEqual([
      expect.objectContaining({ type: 'line', row: 3, toMonth: '2026-03' }),
      {
        type: 'declaredTotal',
        sheet: 'Sheet2',
        row: 3,
        unitCode: 'TC0001C',
        period: '2026-01',
        amounts: { HI: 159300, UI: 106200 },
        total: 265500,
      },
      {
        type: 'declaredTotal',
        sheet: 'Sheet2',
        row: 4,
        unitCode: 'TC0001C',
        period: '2026-02',
        amounts: {},
        total: 265500,
      },
      {
        type: 'payment',
        sheet: 'abc',
        row: 2,
        unitCode: 'TC0001C',
        paidOn: '2026-02-25',
        amount: 1859200,
        orderNo: 'UNC-1',
        note: 'T1',
      },
    ]);
    expect(rows(r.problems)).toEqual([['abc', 3, 'B', ProblemCode.NEGATIVE_AMOUNT]]);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ level: 'info', code: ProblemCode.SHEET_IGNORED, sheet: 'notes' }),
    );
  });
});

describe('values', () => {
  it('reports each bad cell with its sheet, row, column and code', async () => {
    const path = await wb([
      {
        name: 'Đơn vị',
        rows: [
          ['Tiêu đề'],
          [
            'Mã đơn vị',
            'Tên đơn vị',
            'MST',
            'Cơ quan BHXH',
            'Vùng',
            'Phương thức đóng',
            'Tỷ lệ TNLĐ-BNN',
            'Tình trạng',
          ],
          [
            'tc0001c',
            'Cty A',
            '0100109106',
            6703,
            'Vùng I',
            'Hàng tháng',
            '0,5%',
            'Đang hoạt động',
          ],
          ['TC0002C', 'Cty B', '0100109107', '06703', '2', '3 tháng', 0.003, 'Khoanh nợ'],
          ['TC-3', 'Cty C', null, '06703', 'V', 'weekly', '2%', 'gone'],
          ['TC0004C', null, null, null, 'IV', '6 tháng một lần', 0.5, 'debt-frozen'],
          [],
          ['TC0005C', 'Cty E', '0100109106-001', '06703', 'III', 'semiannual', 0.3, 'Chủ bỏ trốn'],
        ],
      },
    ]);
    const r = await collectWorkbook(path, 'employers');
    expect(r.records).toEqual([
      {
        sheet: 'Đơn vị',
        row: 3,
        unitCode: 'TC0001C',
        name: 'Cty A',
        taxCode: '0100109106',
        officeCode: '06703',
        region: 'I',
        cycle: 'monthly',
        oaRateBp: 50,
        status: 'active',
      },
      {
        sheet: 'Đơn vị',
        row: 8,
        unitCode: 'TC0005C',
        name: 'Cty E',
        taxCode: '0100109106001',
        officeCode: '06703',
        region: 'III',
        cycle: 'semiannual',
        oaRateBp: 30,
        status: 'absconded',
      },
    ]);
    expect(rows(r.problems)).toEqual([
      ['Đơn vị', 4, 'C', ProblemCode.INVALID_TAX_CODE],
      ['Đơn vị', 5, 'A', ProblemCode.INVALID_UNIT_CODE],
      ['Đơn vị', 5, 'E', ProblemCode.INVALID_REGION],
      ['Đơn vị', 5, 'F', ProblemCode.INVALID_CYCLE],
      ['Đơn vị', 5, 'G', ProblemCode.INVALID_RATE],
      ['Đơn vị', 5, 'H', ProblemCode.INVALID_STATUS],
      ['Đơn vị', 6, 'B', ProblemCode.REQUIRED],
      ['Đơn vị', 6, 'D', ProblemCode.REQUIRED],
    ]);
    const msg = r.problems.find((p) => p.code === ProblemCode.INVALID_TAX_CODE)!.message;
    expect(msg).toMatch(/^MST: /);
  });

  it('handles formulas, rich text, date cells, serials and bad dates in receipts', async () => {
    const path = await wb([
      {
        name: 'SK',
        numFmt: { 1: 'dd/mm/yyyy' },
        rows: [
          ['Ngày giao dịch', 'Ghi có', 'Diễn giải', 'Người chuyển', 'Số bút toán', 'Mã đơn vị'],
          [
            new Date(Date.UTC(2026, 1, 27)),
            { formula: '1000*2', result: 2000 },
            { richText: [{ text: 'BHXH ' }, { text: 'TC0001C', font: { bold: true } }] },
            null,
            'FT1',
            null,
          ],
          [46080, '5,310,000', null, 'X', 'FT2', 'tc0001c'],
          ['2026-02-27', { formula: 'B2*2' }, 'm', null, 'FT3', null],
          ['01/01/1900', 10, 'm', null, 'FT4', null],
          ['27/02/2026', 10.5, 'm', null, null, null],
          [{ error: '#N/A' }, 10, 'm', null, 'FT6', null],
        ],
      },
    ]);
    const r = await collectWorkbook(path, 'receipts');
    expect(r.records).toEqual([
      {
        sheet: 'SK',
        row: 2,
        valueDate: '2026-02-27',
        amount: 2000,
        memo: 'BHXH TC0001C',
        payerName: null,
        bankRef: 'FT1',
        unitCode: null,
      },
      {
        sheet: 'SK',
        row: 3,
        valueDate: '2026-02-27',
        amount: 5310000,
        memo: '',
        payerName: 'X',
        bankRef: 'FT2',
        unitCode: 'TC0001C',
      },
    ]);
    expect(rows(r.problems)).toEqual([
      ['SK', 4, 'B', ProblemCode.FORMULA_NO_RESULT],
      ['SK', 5, 'A', ProblemCode.DATE_OUT_OF_RANGE],
      ['SK', 6, 'B', ProblemCode.MONEY_FRACTION],
      ['SK', 6, 'E', ProblemCode.REQUIRED],
      ['SK', 7, 'A', ProblemCode.CELL_ERROR],
    ]);
  });

  it('roster: SI numbers keep leading zeros, months in every format, to-month after from-month', async () => {
    const path = await wb([
      {
        name: 'DS',
        rows: [
          ['Mã đơn vị: TC0001C'],
          [
            'STT',
            'Số sổ BHXH',
            'Họ tên',
            'Ngày sinh',
            'Mức lương',
            'Các khoản bổ sung',
            'Từ tháng',
            'Đến tháng',
          ],
          [1, 12345678, 'A', '15/03/1990', 5310000, null, '1/2026', '2026-03'],
          [2, '0012345678', 'B', 32947, 5310000, 0, new Date(Date.UTC(2026, 0, 1)), null],
          [3, '12345', 'C', '15/03/1890', -1, null, '13/2026', null],
          [4, '0012345679', 'D', null, 5310000, null, '05/2026', '04/2026'],
          [5],
        ],
      },
    ]);
    const r = await collectWorkbook(path, 'roster');
    expect(
      r.records.map((x) => [
        (x as RosterLineRecord).siNumber,
        (x as RosterLineRecord).birthDate,
        (x as RosterLineRecord).fromMonth,
        (x as RosterLineRecord).toMonth,
      ]),
    ).toEqual([
      ['0012345678', '1990-03-15', '2026-01', '2026-03'],
      ['0012345678', '1990-03-15', '2026-01', null],
    ]);
    expect(rows(r.problems)).toEqual([
      ['DS', 5, 'B', ProblemCode.INVALID_SI_NUMBER],
      ['DS', 5, 'D', ProblemCode.DATE_OUT_OF_RANGE],
      ['DS', 5, 'E', ProblemCode.NEGATIVE_AMOUNT],
      ['DS', 5, 'G', ProblemCode.INVALID_PERIOD],
      ['DS', 6, 'H', ProblemCode.PERIOD_ORDER],
    ]);
  });

  it('receivables: fund + amount columns, or one column per fund', async () => {
    const path = await wb([
      {
        name: 'PT',
        rows: [
          ['Mã đơn vị', 'Kỳ', 'Quỹ', 'Số phải thu', 'BHYT', 'Hưu trí, tử tuất', 'Hạn nộp', 'Lý do'],
          ['TC0001C', '01/2026', 'Ốm đau, thai sản', 318600, 477900, null, null, null],
          ['TC0001C', '02/2026', null, null, null, 2336400, '31/03/2026', 'Điều chỉnh'],
          ['TC0001C', '02/2026', 'BHXH', 1, null, null, null, null],
          ['TC0001C', '03/2026', null, null, null, null, null, null],
        ],
      },
    ]);
    const r = await collectWorkbook(path, 'receivables');
    expect(r.records).toEqual([
      {
        sheet: 'PT',
        row: 2,
        unitCode: 'TC0001C',
        period: '2026-01',
        fund: 'SI_SICK',
        amount: 318600,
        dueDate: null,
        reason: null,
      },
      {
        sheet: 'PT',
        row: 2,
        unitCode: 'TC0001C',
        period: '2026-01',
        fund: 'HI',
        amount: 477900,
        dueDate: null,
        reason: null,
      },
      {
        sheet: 'PT',
        row: 3,
        unitCode: 'TC0001C',
        period: '2026-02',
        fund: 'SI_RETIRE',
        amount: 2336400,
        dueDate: '2026-03-31',
        reason: 'Điều chỉnh',
      },
    ]);
    expect(rows(r.problems)).toEqual([
      ['PT', 4, 'C', ProblemCode.INVALID_FUND],
      ['PT', 5, 'D', ProblemCode.REQUIRED],
    ]);
  });

  it('yields batches of the requested size', async () => {
    const data: unknown[][] = [['Mã đơn vị', 'Kỳ', 'Quỹ', 'Số tiền']];
    for (let i = 0; i < 2500; i++) data.push(['TC0001C', '01/2026', 'BHYT', i]);
    const path = await wb([{ name: 'PT', rows: data }]);
    const sizes: number[] = [];
    for await (const b of readWorkbook(path, 'receivables', { batchSize: 1000 }))
      sizes.push(b.records.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2500);
    expect(Math.max(...sizes)).toBeLessThan(2000);
  });
});

describe('c12-summary', () => {
  const fixtureDir = sharedFixture('c12-summary');

  it('parses the .xlsx fixture (719 rows)', async () => {
    const r = await collectWorkbook(`${fixtureDir}/c12-summary-2026-04.xlsx`, 'c12-summary', {
      fileName: 'c12-summary-2026-04.xlsx',
    });
    expect(r.problems).toEqual([]);
    expect(r.records).toHaveLength(719);
    expect(r.records[0]).toMatchObject({
      sheet: '06703',
      row: 2,
      unitCode: 'BH0020C',
      period: '2026-04',
      closing: null,
    });
    expect(r.records.find((x) => x.unitCode === 'TC1015C')).toMatchObject({
      row: 717,
      closing: 3552000,
    });
    expect(r.records.filter((x) => x.closing !== null && x.closing < 0)).toHaveLength(188);
    expect(
      r.records.filter((x) => [x.opening, x.paid, x.closing].some((v) => v !== null)),
    ).toHaveLength(550);
  });

  it('parses the .xls fixture (696 rows) by conversion', async () => {
    const r = await collectWorkbook(`${fixtureDir}/c12-summary-2026-04.xls`, 'c12-summary', {
      period: '2026-04',
    });
    expect(r.problems).toEqual([]);
    expect(r.records).toHaveLength(696);
    expect(r.records[0]).toMatchObject({
      row: 2,
      unitCode: 'CC0007C',
      name: 'Hộ Kinh Doanh Mẫu 0014',
      closing: 0,
      payable: null,
      monthsOfDebtMilli: 0,
    });
    expect(r.records[2]).toMatchObject({
      unitCode: 'CC0044C',
      closing: 1184000,
      payable: 1184000,
      difference: 1184000,
      monthsOfDebtMilli: 1000,
    });
    expect(r.records.filter((x) => x.payable === null)).toHaveLength(2);
    expect(r.records.filter((x) => x.closing! < 0)).toHaveLength(127);
    expect(
      r.records.every((x) => x.difference === null || x.difference === x.payable! - x.paid!),
    ).toBe(true);
  });

  it('takes the period from the form, else the file name, else refuses', async () => {
    const path = await wb(
      [
        {
          name: 'X',
          rows: [
            ['madvi', 'tiền cuối kỳ', 'tyleno'],
            ['TC0001C', -5000, '9,344'],
          ],
        },
      ],
      'export.xlsx',
    );
    const fromForm = await collectWorkbook(path, 'c12-summary', {
      period: '2026-03',
      fileName: 'c12-2026-04.xlsx',
    });
    expect(fromForm.records[0]).toMatchObject({
      period: '2026-03',
      closing: -5000,
      monthsOfDebtMilli: 9344,
    });
    const fromName = await collectWorkbook(path, 'c12-summary', {
      fileName: 'C12 tong hop 2026-04.xlsx',
    });
    expect(fromName.records[0]!.period).toBe('2026-04');
    expect(await rejection(path, 'c12-summary', { fileName: 'export.xlsx' })).toMatchObject({
      code: ProblemCode.MISSING_PERIOD,
    });
    expect(await rejection(path, 'c12-summary', { period: '04/2026' })).toMatchObject({
      code: ProblemCode.MISSING_PERIOD,
    });
  });
});
