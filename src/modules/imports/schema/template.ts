import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../../infrastructure/heavy-libraries.js';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setSafeValue } from '../../../infrastructure/excel/safe-cell.util.js';
import type { SheetSchema } from './column-schema.js';
import { IMPORT_SCHEMAS } from './kinds.js';
import type { ImportKind } from './records.js';

/** Layout data of a template sheet (templates/imports/<kind>.json): presentation only. */
interface SheetLayout {
  role: string;
  name: string;
  title?: string;
  /** Example unit code written as `Mã đơn vị:` + code above the header. */
  unitCodeCell?: string;
  headerRow: number;
  /** Column keys in template order; default: every column of the schema not hidden. */
  columns?: string[];
  /** Columns formatted as Text so Excel keeps leading zeros and typed dates as typed. */
  textColumns?: string[];
  widths?: Record<string, number>;
  notes?: Record<string, string>;
  examples?: Record<string, string | number | null>[];
}

export interface TemplateOptions {
  /** Folder holding `imports/<kind>.json`; default `templates/` under the working directory. */
  templatesDir?: string;
}

/**
 * The downloadable template of a kind (`GET /api/templates/{kind}.xlsx`): headers come from the
 * same column schema the importer validates with (`headers[0]` of each column), layout and
 * example rows from templates/imports/<kind>.json.
 */
export async function buildTemplate(
  kind: ImportKind,
  options: TemplateOptions = {},
): Promise<Buffer> {
  const dir = options.templatesDir ?? resolve(process.cwd(), 'templates');
  const layout = JSON.parse(await readFile(join(dir, 'imports', `${kind}.json`), 'utf8')) as {
    sheets: SheetLayout[];
  };
  const k = IMPORT_SCHEMAS[kind];
  const schemas: SheetSchema[] = [k.main, ...k.optional];
  const wb: ExcelJS.Workbook = new (await loadExcelJs()).Workbook();
  wb.creator = 'sothu';
  for (const sl of layout.sheets) {
    const schema = schemas.find((s) => s.role === sl.role);
    if (!schema) throw new Error(`Template ${kind}: no sheet schema with role ${sl.role}`);
    writeSheet(wb, schema, sl);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeSheet(wb: ExcelJS.Workbook, schema: SheetSchema, sl: SheetLayout): void {
  const ws = wb.addWorksheet(sl.name);
  const keys = sl.columns ?? schema.columns.filter((c) => !c.hiddenInTemplate).map((c) => c.key);
  const specs = keys.map((key) => {
    const spec = schema.columns.find((c) => c.key === key);
    if (!spec) throw new Error(`Template sheet ${sl.name}: unknown column ${key}`);
    return spec;
  });
  if (sl.title) {
    const cell = ws.getCell(1, 1);
    cell.value = sl.title;
    cell.font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(keys.length, 2));
  }
  if (sl.unitCodeCell) {
    ws.getCell(2, 1).value = 'Mã đơn vị:';
    ws.getCell(2, 1).font = { bold: true };
    const code = ws.getCell(2, 2);
    code.numFmt = '@';
    code.value = sl.unitCodeCell;
  }
  const header = ws.getRow(sl.headerRow);
  specs.forEach((spec, i) => {
    const col = ws.getColumn(i + 1);
    col.width = sl.widths?.[spec.key] ?? 14;
    if (sl.textColumns?.includes(spec.key)) col.numFmt = '@';
    const cell = header.getCell(i + 1);
    cell.value = spec.headers[0] ?? spec.key;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: spec.required ? 'FFFFE699' : 'FFDDEBF7' },
    };
    const note = sl.notes?.[spec.key];
    if (note) cell.note = `${spec.required ? 'Required. ' : ''}${note}`;
    else if (spec.required) cell.note = 'Required.';
  });
  ws.views = [{ state: 'frozen', ySplit: sl.headerRow }];
  (sl.examples ?? []).forEach((ex, r) => {
    const row = ws.getRow(sl.headerRow + 1 + r);
    keys.forEach((key, i) => setSafeValue(row.getCell(i + 1), ex[key]));
  });
}
