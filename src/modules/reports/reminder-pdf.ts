import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { ReminderFigures } from '../../domain/reminder.js';
import { projectRoot } from '../../infrastructure/project-root.js';
import { dmy, mmyyyy, vnd, type NoticeParty } from './notice-layout.js';
import { finishPdf, newPdf, type Pdf, type PdfFonts } from './notice-pdf.js';

/** The reminder letter's wording (data, not logic): `templates/reports/reminder-letter.vi.txt`. */
export const REMINDER_TEMPLATE = join(
  projectRoot(),
  'templates',
  'reports',
  'reminder-letter.vi.txt',
);

let template: string[] | null = null;

function templateLines(): string[] {
  template ??= readFileSync(REMINDER_TEMPLATE, 'utf8')
    .split(/\r?\n/)
    .filter((l) => !l.startsWith('# '));
  return template;
}

export interface ReminderLetter {
  figures: ReminderFigures;
  party: NoticeParty;
  /** The letter's date (the day it is printed and sent). */
  date: string;
}

function values(l: ReminderLetter): Record<string, string> {
  const f = l.figures;
  return {
    officeName: l.party.officeName,
    officeNameUpper: l.party.officeName.toUpperCase(),
    officeCode: l.party.officeCode,
    reference: `${l.date.replaceAll('-', '')}-${l.party.unitCode}`,
    dateLong: `${l.date.slice(8, 10)} tháng ${l.date.slice(5, 7)} năm ${l.date.slice(0, 4)}`,
    unitName: l.party.name,
    unitCode: l.party.unitCode,
    taxCode: l.party.taxCode ?? '—',
    asOfDate: dmy(f.asOf),
    overduePrincipal: vnd(f.overduePrincipal),
    monthsOfDebt: f.monthsOfDebt.toFixed(3).replace('.', ','),
    chargesUnpaid: vnd(f.chargesUnpaid),
    totalDue: vnd(f.overduePrincipal + f.chargesUnpaid),
  };
}

function fill(line: string, v: Record<string, string>): string {
  return line.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k] ?? '');
}

function periodsTable(doc: Pdf, f: ReminderFigures, left: number): void {
  const cols = [
    { header: 'Kỳ (tháng)', width: 110, align: 'left' as const },
    { header: 'Hạn nộp', width: 110, align: 'left' as const },
    { header: 'Số tiền gốc chưa nộp (đồng)', width: 180, align: 'right' as const },
  ];
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(9);
    const y = doc.y;
    let x = left;
    for (const [i, c] of cols.entries()) {
      doc.rect(x, y, c.width, 16).lineWidth(0.5).stroke('#555555');
      doc.fillColor('black').text(cells[i]!, x + 4, y + 4, { width: c.width - 8, align: c.align });
      x += c.width;
    }
    doc.x = left;
    doc.y = y + 16;
  };
  row(
    cols.map((c) => c.header),
    true,
  );
  for (const p of f.periods) row([mmyyyy(p.period), dmy(p.dueDate), vnd(p.unpaid)]);
  row(['Cộng', '', vnd(f.overduePrincipal)], true);
  doc.moveDown(0.5);
}

function writeLetter(doc: Pdf, l: ReminderLetter): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const v = values(l);
  doc.x = left;
  doc.y = doc.page.margins.top;
  for (const raw of templateLines()) {
    if (raw.trim() === '{{periods}}') {
      periodsTable(doc, l.figures, left);
      continue;
    }
    if (raw.trim() === '') {
      doc.moveDown(0.5);
      continue;
    }
    const bold = raw.startsWith('## ');
    const text = fill(bold ? raw.slice(3) : raw, v);
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(bold ? 11 : 10)
      .text(text, left, doc.y, { width, align: bold ? 'center' : 'justify' });
  }
}

/** Reminder letters, one employer a page (A4 portrait), into one PDF to print and post. */
export async function writeReminderPdf(
  letters: readonly ReminderLetter[],
  fonts: PdfFonts,
  out: Writable,
): Promise<void> {
  const doc = await newPdf(fonts, 'portrait', 'Văn bản đôn đốc đóng BHXH, BHYT, BHTN');
  letters.forEach((l, i) => {
    if (i > 0) doc.addPage();
    writeLetter(doc, l);
  });
  if (!letters.length) doc.font('regular').fontSize(10).text('Không có đơn vị nào cần đôn đốc.');
  await finishPdf(doc, out);
}
