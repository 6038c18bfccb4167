import type { Writable } from 'node:stream';
import { loadExcelJs } from '../../infrastructure/heavy-libraries.js';
import { setSafeValue } from '../../infrastructure/excel/safe-cell.util.js';
import { dateTimeVi } from '../../domain/labels-vi.js';
import { auditActionText } from '../../shared/audit-actions.js';
import type { AuditEvent } from './audit-event.entity.js';

/**
 * Vietnamese headers (issue #18); the action and object type stay the stable codes auditors filter on,
 * with the action's meaning in words beside its code.
 */
const COLUMNS = [
  { header: 'Số', width: 10 },
  { header: 'Thời điểm (giờ Việt Nam)', width: 22 },
  { header: 'Hành động', width: 22 },
  { header: 'Diễn giải', width: 30 },
  { header: 'Mã người dùng', width: 38 },
  { header: 'Thư điện tử', width: 30 },
  { header: 'Loại đối tượng', width: 14 },
  { header: 'Mã đối tượng', width: 38 },
  { header: 'Địa chỉ IP', width: 18 },
  { header: 'Chi tiết', width: 60 },
];

/** `/audit.xlsx`, streamed; every text from users (emails, ids, details) is written formula-safe. */
export async function writeAuditWorkbook(
  events: AsyncIterable<AuditEvent[]>,
  out: Writable,
  timeZone?: string,
): Promise<void> {
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('Nhật ký');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 2;
  for await (const page of events) {
    for (const e of page) {
      const row = ws.getRow(n++);
      const values = [
        e.id,
        dateTimeVi(e.at, { seconds: true, timeZone }),
        e.action,
        auditActionText(e.action, 'vi'),
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
