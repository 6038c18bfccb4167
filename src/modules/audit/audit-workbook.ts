import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { setSafeValue } from '../../infrastructure/excel/safe-cell.util.js';
import type { AuditEvent } from './audit-event.entity.js';

const COLUMNS = [
  { header: 'id', width: 10 },
  { header: 'at (UTC)', width: 24 },
  { header: 'action', width: 22 },
  { header: 'user id', width: 38 },
  { header: 'email', width: 30 },
  { header: 'object type', width: 14 },
  { header: 'object id', width: 38 },
  { header: 'ip', width: 18 },
  { header: 'details', width: 60 },
];

/** `/audit.xlsx`, streamed; every text from users (emails, ids, details) is written formula-safe. */
export async function writeAuditWorkbook(
  events: AsyncIterable<AuditEvent[]>,
  out: Writable,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('Audit');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 2;
  for await (const page of events) {
    for (const e of page) {
      const row = ws.getRow(n++);
      const values = [
        e.id,
        e.at.toISOString(),
        e.action,
        e.userId,
        e.email,
        e.objectType,
        e.objectId,
        e.ip,
        e.details ? JSON.stringify(e.details) : null,
      ];
      values.forEach((v, i) => setSafeValue(row.getCell(i + 1), v));
      row.commit();
    }
  }
  ws.commit();
  await wb.commit();
}
