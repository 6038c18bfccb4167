import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type PDFDocument from 'pdfkit';
import type { C12Notice } from '../../domain/c12-notice.js';
import {
  dmy,
  FUND_HEADERS,
  mmyyyy,
  noticeColumns,
  noticeLines,
  noticeTitle,
  percent,
  TAG_LABELS,
  vnd,
  type NoticeParty,
} from './notice-layout.js';
import { loadPdfKit } from '../../infrastructure/heavy-libraries.js';

/** The TrueType fonts a PDF embeds (Vietnamese needs Unicode glyphs: Debian's DejaVu by default). */
export interface PdfFonts {
  regular: string;
  bold: string;
}

export type Pdf = InstanceType<typeof PDFDocument>;

/** What pdfkit accepts as a font: a file's bytes, or a font object it parsed already (`layout`). */
type FontSource = Buffer | { layout: (...args: unknown[]) => unknown };

const fontCache = new Map<string, FontSource>();

/**
 * A font parsed once per process. Parsing the TrueType file (and its glyphs, which fontkit caches on
 * the font object) is most of a small PDF's cost: 700 notices must not parse DejaVu 1,400 times.
 * pdfkit takes a parsed font wherever it takes a file (`PDFFontFactory.open`: any object with
 * `layout`); the first document parses it from the file's bytes and the parsed font is kept.
 */
function fontOf(path: string): FontSource {
  return fontCache.get(path) ?? readFileSync(path);
}

function keepParsedFont(doc: Pdf, path: string): void {
  if (fontCache.has(path)) return;
  const parsed = (doc as unknown as { _font?: { font?: FontSource } })._font?.font;
  if (parsed && typeof (parsed as { layout?: unknown }).layout === 'function') {
    fontCache.set(path, parsed);
  }
}

/** A new A4 document with the report fonts registered as `regular` and `bold`. */
export async function newPdf(
  fonts: PdfFonts,
  layout: 'portrait' | 'landscape',
  title: string,
): Promise<Pdf> {
  const doc = new (await loadPdfKit())({
    size: 'A4',
    layout,
    margin: 36,
    // no default font: pdfkit would parse Helvetica's metrics for every document, unused here
    font: '',
    info: { Title: title, Producer: 'sothu', Creator: 'sothu' },
    compress: true,
  });
  doc.registerFont('regular', fontOf(fonts.regular) as Buffer);
  doc.registerFont('bold', fontOf(fonts.bold) as Buffer);
  doc.font('bold');
  keepParsedFont(doc, fonts.bold);
  doc.font('regular');
  keepParsedFont(doc, fonts.regular);
  return doc;
}

/** Ends the document into `out` and resolves once everything is written. */
export function finishPdf(doc: Pdf, out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.on('error', reject);
    doc.on('error', reject);
    doc.on('end', resolve);
    doc.pipe(out, { end: false });
    doc.end();
  });
}

interface Col {
  header: string;
  width: number;
  align: 'left' | 'right';
}

/** Draws a grid row of cells at `y`; returns the next y. */
function drawRow(
  doc: Pdf,
  x0: number,
  y: number,
  cols: readonly Col[],
  cells: readonly string[],
  opts: { bold?: boolean; fill?: string; size?: number; header?: boolean } = {},
): number {
  const size = opts.size ?? 8;
  doc.font(opts.bold ? 'bold' : 'regular').fontSize(size);
  // only text columns wrap; figures (right-aligned) take one line: measuring them would lay them out twice
  const line = doc.currentLineHeight(true);
  const heights = cols.map((c, i) =>
    (c.align === 'left' || opts.header) && cells[i]
      ? doc.heightOfString(cells[i], { width: c.width - 6, align: c.align })
      : line,
  );
  const h = Math.max(...heights) + 6;
  let x = x0;
  const total = cols.reduce((s, c) => s + c.width, 0);
  if (opts.fill) doc.save().rect(x0, y, total, h).fill(opts.fill).restore();
  for (const [i, c] of cols.entries()) {
    doc.rect(x, y, c.width, h).lineWidth(0.5).stroke('#555555');
    doc
      .fillColor('black')
      .text(cells[i] ?? '', x + 3, y + 3, { width: c.width - 6, align: c.align, lineBreak: true });
    x += c.width;
  }
  return y + h;
}

function ensureRoom(doc: Pdf, y: number, need: number): number {
  if (y + need <= doc.page.height - doc.page.margins.bottom) return y;
  doc.addPage();
  return doc.page.margins.top;
}

/** A titled detail table below the main one: its header row, then one row per item, pages as needed. */
function drawDetailTable(
  doc: Pdf,
  left: number,
  y: number,
  title: string,
  cols: readonly Col[],
  rows: readonly (readonly string[])[],
): number {
  y = ensureRoom(doc, y + 14, 40);
  doc.font('bold').fontSize(9).text(title, left, y);
  y = drawRow(
    doc,
    left,
    doc.y + 4,
    cols,
    cols.map((c) => c.header),
    { bold: true, fill: '#e8e8e8', header: true },
  );
  for (const row of rows) {
    y = ensureRoom(doc, y, 20);
    y = drawRow(doc, left, y, cols, row);
  }
  return y;
}

/** The notice as a PDF (A4 landscape): header, the C12-TS table by fund, B.5 and C in detail. */
export async function writeNoticePdf(
  n: C12Notice,
  party: NoticeParty,
  fonts: PdfFonts,
  out: Writable,
): Promise<void> {
  const doc = await newPdf(fonts, 'landscape', `C12-TS ${n.unitCode} ${n.period}`);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font('regular').fontSize(9);
  doc.text(`BẢO HIỂM XÃ HỘI VIỆT NAM — ${party.officeName.toUpperCase()}`, left, 36);
  doc.text(`Mã cơ quan BHXH: ${party.officeCode}`);
  doc.font('bold').fontSize(9).text('Mẫu C12-TS', left, 36, { width, align: 'right' });
  doc.moveDown(2);
  doc.font('bold').fontSize(13).text(noticeTitle(n), left, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(9);
  doc.text(`Kính gửi: ${party.name}`, { width, align: 'center' });
  doc.text(
    `Mã đơn vị: ${party.unitCode}${party.taxCode ? `   Mã số thuế: ${party.taxCode}` : ''}   ` +
      `Kỳ: tháng ${mmyyyy(n.period)} (${dmy(n.opening.asOf)} – ${dmy(n.closing.asOf)})   Đơn vị tính: đồng`,
    { width, align: 'center' },
  );
  doc.moveDown(1);

  const funds = noticeColumns(n);
  const codeW = 38;
  const totalW = 92;
  const fundW = Math.min(92, Math.floor((width - codeW - totalW - 200) / funds.length));
  const labelW = width - codeW - totalW - fundW * funds.length;
  const cols: Col[] = [
    { header: 'Mục', width: codeW, align: 'left' },
    { header: 'Chỉ tiêu', width: labelW, align: 'left' },
    ...funds.map((f): Col => ({ header: FUND_HEADERS[f], width: fundW, align: 'right' })),
    { header: 'Tổng cộng', width: totalW, align: 'right' },
  ];
  let y = drawRow(
    doc,
    left,
    doc.y,
    cols,
    cols.map((c) => c.header),
    { bold: true, fill: '#e8e8e8', header: true },
  );
  for (const l of noticeLines(n)) {
    y = ensureRoom(doc, y, 20);
    if (l.kind === 'section') {
      y = drawRow(doc, left, y, cols, [l.code, l.label, ...funds.map(() => ''), ''], {
        bold: true,
        fill: '#f4f4f4',
      });
    } else if (l.kind === 'row') {
      y = drawRow(doc, left, y, cols, [
        l.code,
        l.label,
        ...funds.map((f) => vnd(l.row[f])),
        vnd(l.row.total),
      ]);
    } else {
      y = drawRow(doc, left, y, cols, [l.code, l.label, ...funds.map(() => ''), vnd(l.amount)]);
    }
  }

  if (n.charges.length) {
    y = drawDetailTable(
      doc,
      left,
      y,
      'B.5 — Chi tiết tiền chậm đóng phát sinh trong kỳ',
      [
        { header: 'Ngày ghi nhận', width: 80, align: 'left' },
        { header: 'Loại', width: 60, align: 'left' },
        { header: 'Kỳ chậm đóng', width: 80, align: 'left' },
        { header: 'Số tiền tính (đồng hoặc đồng × ngày)', width: 200, align: 'right' },
        { header: 'Tỷ lệ', width: 100, align: 'right' },
        { header: 'Số tiền chậm đóng', width: 120, align: 'right' },
      ],
      n.charges.map((c) => [
        dmy(c.bookedOn),
        TAG_LABELS[c.tag],
        mmyyyy(c.causingPeriod),
        vnd(c.base),
        `${percent(c.rate)}/${c.regime === 'daily' ? 'ngày' : 'tháng'}`,
        vnd(c.amount),
      ]),
    );
  }

  if (n.payments.length) {
    y = drawDetailTable(
      doc,
      left,
      y,
      'C — Chi tiết số tiền đã nộp và phân bổ',
      [
        { header: 'Ngày nộp', width: 80, align: 'left' },
        { header: 'Số ủy nhiệm chi', width: 160, align: 'left' },
        { header: 'Số tiền', width: 110, align: 'right' },
        { header: 'D.1 Tiền đóng', width: 110, align: 'right' },
        { header: 'D.2 Tiền chậm đóng', width: 110, align: 'right' },
        { header: 'Chuyển thành số thừa', width: 110, align: 'right' },
      ],
      n.payments.map((p) => [
        dmy(p.valueDate),
        p.bankRef,
        vnd(p.amount),
        vnd(p.contributions.total),
        vnd(p.charges.total),
        vnd(p.toCredit),
      ]),
    );
  }
  y = ensureRoom(doc, y + 16, 30);
  doc
    .font('regular')
    .fontSize(8)
    .text(
      'Số tiền thiếu gồm cả số phải đóng của tháng chưa đến hạn. Tiền chậm đóng BHXH ghi vào cột hưu trí, tử tuất. ' +
        'Đề nghị đơn vị đối chiếu; nếu có chênh lệch, liên hệ cơ quan BHXH trong 10 ngày.',
      left,
      y,
      { width },
    );
  await finishPdf(doc, out);
}
