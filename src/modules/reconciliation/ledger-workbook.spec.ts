import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { computeLedger, type LedgerInput } from '../../domain/ledger.js';
import { referenceFixture } from '../../domain/reference.fixture.spec.js';
import { buildReferenceData } from '../../domain/reference-data.js';
import { writeLedgerWorkbook } from './ledger-workbook.js';

const input: LedgerInput = {
  employer: {
    unitCode: 'TC0001C',
    cycle: 'monthly',
    status: 'active',
    oaRate: 'standard',
    region: 'I',
  },
  ledgerLines: [
    { period: '2025-10', fund: 'SI_RETIRE', amount: 10_000_000 },
    { period: '2025-10', fund: 'UI', amount: 1_000_000 },
    { period: '2025-11', fund: 'SI_RETIRE', amount: 10_000_000 },
  ],
  declared: [{ period: '2025-07', total: 9_000_000 }],
  payments: [
    { valueDate: '2025-09-15', amount: 4_000_000, bankRef: 'OLD' },
    { valueDate: '2025-12-10', amount: 5_000_000, bankRef: 'P1' },
  ],
  openingBalances: [{ period: '2025-09', closingBalance: 30_000_000, payable: 10_000_000 }],
};

async function cells(): Promise<Map<string, unknown[][]>> {
  const ledger = computeLedger(input, '2025-12-15', {}, buildReferenceData(referenceFixture));
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeLedgerWorkbook(ledger, 'Công ty Mẫu', out);
  out.end();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    sheets.set(ws.name, rows);
  });
  return sheets;
}

describe('ledger.xlsx', () => {
  it('writes periods MM/YYYY, dates dd/mm/yyyy and funds by name in every sheet', async () => {
    const sheets = await cells();
    expect([...sheets.keys()]).toEqual(['Đối chiếu (C12)', 'Phân bổ (D)', 'Lãi chậm đóng (B.5)']);
    // no English gloss in any header or label (issue #18): every heading row reads Vietnamese only
    const headings = [...sheets.values()].flatMap((rows) => rows.slice(0, 4).flat());
    expect(headings.filter((v) => typeof v === 'string' && /\((?:[a-z]+ ?)+\)/.test(v))).toEqual(
      [],
    );
    for (const [name, rows] of sheets)
      for (const v of rows.flat())
        if (typeof v === 'string') {
          expect([name, v, /^\d{4}-\d{2}(-\d{2})?$/.test(v)]).toEqual([name, v, false]);
          expect([name, v, /\b(SI_SICK|SI_RETIRE|SI_OA|OPENING)\b|^(HI|UI|SI)$/.test(v)]).toEqual([
            name,
            v,
            false,
          ]);
        }
    const alloc = sheets.get('Phân bổ (D)')!.flat();
    expect(alloc).toEqual(expect.arrayContaining(['Số dư đầu kỳ', '08/2025', 'D.1 Tiền đóng']));
  });

  it('explains the opening balance, the overdue split and each charge with its payment event', async () => {
    const sheets = await cells();
    const main = sheets.get('Đối chiếu (C12)')!;
    const text = main.flat().filter((v): v is string => typeof v === 'string');
    expect(text).toEqual(expect.arrayContaining(['Trong đó quá hạn', 'Chưa đến hạn']));
    expect(text.some((v) => v.startsWith('Số dư đầu kỳ chuyển từ C12 tháng 09/2025'))).toBe(true);
    expect(text.some((v) => v.startsWith('Đã tính trong số dư đầu kỳ C12 tháng 09/2025'))).toBe(
      true,
    );
    expect(
      text.some((v) => v.startsWith('Lãi chậm đóng được ghi tại mỗi lần đơn vị nộp tiền')),
    ).toBe(true);
    const charges = sheets.get('Lãi chậm đóng (B.5)')!.slice(1);
    expect(charges.length).toBeGreaterThan(0);
    for (const c of charges) expect(c[1]).toBe('10/12/2025 · P1');
    // months of debt: the exact 3-decimal value
    const months = main.find((r) => r[0] === 'Số tháng nợ')!;
    expect(typeof months[2]).toBe('number');
  });
});
