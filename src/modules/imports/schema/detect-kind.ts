import { cellText } from '../../../infrastructure/excel/cell-value.util.js';
import type { WorkbookLimits } from '../../../infrastructure/excel/limits.js';
import { foldText } from '../../../infrastructure/excel/normalize.util.js';
import { openWorkbook } from '../../../infrastructure/excel/open-workbook.js';
import { compileSheet, headerCells, matchHeader } from './header-detection.js';
import { IMPORT_SCHEMAS } from './kinds.js';
import { IMPORT_KINDS, type ImportKind } from './records.js';

export interface DetectedWorkbook {
  /** The kind whose main header row the file has (null: none found, or the file cannot be read). */
  kind: ImportKind | null;
  /** c12-summary: the month its title rows name (`Tháng 04/2026`, `Kỳ: 4/2026`, `tháng 4 năm 2026`, `2026-04`). */
  period: string | null;
}

const MAIN = IMPORT_KINDS.map((kind) => ({ kind, sheet: compileSheet(IMPORT_SCHEMAS[kind].main) }));

const MONTH_YEAR =
  /(?:thang|ky|period|month)\s*:?\s*(\d{1,2})\s*(?:\/|-|\.|nam)\s*((?:19|20)\d{2})\b/;
const ISO_MONTH = /\b((?:19|20)\d{2})-(0[1-9]|1[0-2])\b/;

/** A month named in a title cell, `YYYY-MM`; null when the text names none. */
export function periodInTitle(text: string): string | null {
  const t = foldText(text);
  const m = MONTH_YEAR.exec(t);
  if (m) {
    const month = Number(m[1]);
    if (month >= 1 && month <= 12) return `${m[2]}-${String(month).padStart(2, '0')}`;
  }
  const iso = ISO_MONTH.exec(t);
  return iso ? `${iso[1]}-${iso[2]}` : null;
}

/**
 * Recognises a workbook's kind from its header rows: the first rows (`scanRows`) of each sheet are
 * matched against every kind's main sheet, and the first row that is a complete header of one kind
 * decides. Two kinds complete on one row (never with the shipped schemas) are told apart by the number
 * of their columns found, then by the officer's `hint`. For a C12 summary the title rows above the
 * header are searched for the month. Reads only the top of the file; a file that cannot be opened is
 * left to the parse, which reports why.
 */
export async function detectWorkbook(
  path: string,
  options: { limits?: Partial<WorkbookLimits>; hint?: ImportKind | null; scanRows?: number } = {},
): Promise<DetectedWorkbook> {
  const scanRows = options.scanRows ?? 50;
  let source;
  try {
    source = await openWorkbook(path, options.limits);
  } catch {
    return { kind: null, period: null };
  }
  try {
    for await (const sheet of source.sheets()) {
      const above: string[] = [];
      let scanned = 0;
      for await (const chunk of sheet.rows()) {
        for (const row of chunk) {
          if (++scanned > scanRows) break;
          const cells = headerCells(row.values);
          const complete = MAIN.map((m) => ({ kind: m.kind, match: matchHeader(m.sheet, cells) }))
            .filter((m) => m.match.complete)
            .sort(
              (a, b) =>
                b.match.keys.size - a.match.keys.size ||
                Number(b.kind === options.hint) - Number(a.kind === options.hint),
            );
          const found = complete[0];
          if (found) {
            let period: string | null = null;
            if (found.kind === 'c12-summary') {
              for (const t of above) if ((period = periodInTitle(t))) break;
            }
            return { kind: found.kind, period };
          }
          for (const v of row.values) {
            const t = v === undefined || v === null ? '' : cellText(v).trim();
            if (t) above.push(t);
          }
        }
        if (scanned > scanRows) break;
      }
    }
  } catch {
    // damaged past its first sheets: the parse says how
  }
  return { kind: null, period: null };
}

const PERIOD_IN_NAME = /(?:^|[^0-9])((?:19|20)\d{2})-(0[1-9]|1[0-2])(?![0-9])/;

/** The `YYYY-MM` a file name carries (`c12-summary-2026-04.xlsx`), or null. */
export function periodInFileName(name: string): string | null {
  const m = PERIOD_IN_NAME.exec(name);
  return m ? `${m[1]}-${m[2]}` : null;
}
