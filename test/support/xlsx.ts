import ExcelJS from 'exceljs';
import type request from 'supertest';
import { problemText } from '../../src/shared/problems.js';

/** Supertest parser that keeps a binary body as a Buffer. */
export function binary(
  res: request.Response,
  done: (err: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** A workbook's sheets as rows of cell values (1-based columns, as exceljs gives them). */
export async function readWorkbook(body: Buffer): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    out.set(ws.name, rows);
  });
  return out;
}

/** The name of errors.xlsx's sheet listing every problem (`src/infrastructure/excel/errors-workbook.ts`). */
export const PROBLEM_LIST_SHEET = 'Danh sách lỗi';

/**
 * errors.xlsx speaks Vietnamese (issue #18): its problem list has the Vietnamese headers, each problem
 * the console's sentence (`src/shared/problems.ts`) beside its code, and no cell anywhere holds the
 * server's English `message` of a problem. Returns the list's rows (headers dropped).
 */
export async function expectVietnameseErrors(
  body: Buffer,
  problems: readonly { code: string; message: string; details?: unknown }[],
): Promise<unknown[][]> {
  const sheets = await readWorkbook(body);
  const listed = sheets.get(PROBLEM_LIST_SHEET);
  if (!listed) throw new Error(`errors.xlsx has no sheet "${PROBLEM_LIST_SHEET}"`);
  if (
    JSON.stringify(listed[0]) !==
    JSON.stringify(['Trang tính', 'Dòng', 'Cột', 'Mã lỗi', 'Nội dung', 'Mức'])
  )
    throw new Error(`errors.xlsx list headers: ${JSON.stringify(listed[0])}`);
  const rows = listed.slice(1);
  const all = [...sheets.values()]
    .flat(2)
    .filter((v): v is string => typeof v === 'string')
    .join('\n');
  const english = [...new Set(problems.map((p) => p.message))].filter((m) => m && all.includes(m));
  if (english.length)
    throw new Error(`English problem messages in errors.xlsx: ${english.join(' | ')}`);
  const listedTexts = new Set(rows.map((r) => `${String(r[3])}\t${String(r[4])}`));
  for (const p of problems) {
    const text = problemText('vi', p);
    if (!listedTexts.has(`${p.code}\t${text}`))
      throw new Error(`errors.xlsx does not list ${p.code} as "${text}"`);
  }
  return rows;
}
