import { basename } from 'node:path';
import {
  BAD,
  newParseContext,
  toScalar,
  type CellScalar,
  type ParseContext,
} from '../../../infrastructure/excel/cell-value.util.js';
import type { WorkbookLimits } from '../../../infrastructure/excel/limits.js';
import { openWorkbook } from '../../../infrastructure/excel/open-workbook.js';
import {
  columnLetter,
  ProblemCode,
  reject,
  WorkbookRejectedError,
  type Problem,
  type ProblemDetails,
} from '../../../infrastructure/excel/problem.js';
import { parseUnitCode } from './values.js';
import { isValidPeriod } from '../../../domain/dates.js';
import type { SourceRow, WorkbookSource } from '../../../infrastructure/excel/source.js';
import type { BuildContext, ColumnSpec, SheetSchema } from './column-schema.js';
import {
  compileSheet,
  findUnitCodeLabel,
  headerCells,
  isPartialHeader,
  matchHeader,
  type CompiledSheet,
  type HeaderCell,
} from './header-detection.js';
import { IMPORT_SCHEMAS, type KindSchema } from './kinds.js';
import { IMPORT_KINDS, type ImportKind, type RecordOf } from './records.js';

export interface ReadWorkbookOptions {
  limits?: Partial<WorkbookLimits>;
  /** The name the file was uploaded with (c12-summary takes its period from it); default: basename of path. */
  fileName?: string;
  /** c12-summary: the `period` form field, `YYYY-MM`; wins over the file name. */
  period?: string;
  /** Records per yielded batch (default 1,000). */
  batchSize?: number;
  /** Rows searched for the header row at the top of each sheet (default 50). */
  headerScanRows?: number;
}

/** What one step of the reader hands over: typed records and the problems found meanwhile. */
export interface ParseBatch<K extends ImportKind> {
  records: RecordOf<K>[];
  /** Row problems (row rejected) and info notes; structural problems are thrown instead. */
  problems: Problem[];
}

/**
 * Streams an uploaded workbook of one kind into typed records, in batches of about `batchSize`.
 * Throws WorkbookRejectedError (structural problems: not a workbook, encrypted, limits, wrong
 * kind, no header row, missing column, no unit code, no period) — possibly after some batches
 * were yielded (row limit, inflated size), so a consumer must treat the whole batch as refused.
 */
export async function* readWorkbook<K extends ImportKind>(
  path: string,
  kind: K,
  options: ReadWorkbookOptions = {},
): AsyncGenerator<ParseBatch<K>, void, undefined> {
  const schema = IMPORT_SCHEMAS[kind] as KindSchema<K>;
  const period = schema.main.needsPeriod ? resolvePeriod(options) : null;
  const source = await openWorkbook(path, options.limits);
  yield* readSource(source, schema, {
    period,
    batchSize: options.batchSize ?? 1000,
    scanRows: options.headerScanRows ?? 50,
  });
}

/** Reads a whole workbook into memory: for small files and tests, not for rosters. */
export async function collectWorkbook<K extends ImportKind>(
  path: string,
  kind: K,
  options: ReadWorkbookOptions = {},
): Promise<ParseBatch<K>> {
  const out: ParseBatch<K> = { records: [], problems: [] };
  for await (const b of readWorkbook(path, kind, options)) {
    for (const r of b.records) out.records.push(r);
    for (const p of b.problems) out.problems.push(p);
  }
  return out;
}

const PERIOD_IN_NAME = /(?:^|[^0-9])((?:19|20)\d{2})-(0[1-9]|1[0-2])(?![0-9])/;

function resolvePeriod(options: ReadWorkbookOptions): string {
  if (options.period !== undefined && options.period !== '') {
    if (!isValidPeriod(options.period)) {
      throw reject(
        ProblemCode.MISSING_PERIOD,
        `The period "${options.period}" is not a month written YYYY-MM (e.g. 2026-04).`,
      );
    }
    return options.period;
  }
  const name = options.fileName ?? '';
  const m = PERIOD_IN_NAME.exec(name);
  if (m) return `${m[1]}-${m[2]}`;
  throw reject(
    ProblemCode.MISSING_PERIOD,
    `The month of this C12 summary is unknown: give the period (YYYY-MM) with the upload, or put it in the file name (e.g. c12-summary-2026-04.xlsx).${name ? ` The file name "${basename(name)}" has none.` : ''}`,
  );
}

interface ReadContext {
  period: string | null;
  batchSize: number;
  scanRows: number;
}

/** A sheet whose header row was found: everything the per-row loop needs, precomputed. */
interface MappedSheet {
  name: string;
  schema: SheetSchema;
  /** Per mapped Excel column: its column number, the schema slot, the spec, letter and header text. */
  cols: number[];
  slots: number[];
  specs: ColumnSpec[];
  letters: string[];
  labels: string[];
  /** Slots whose value is required, with the mapped column of each. */
  requiredSlots: number[];
  requiredCols: number[];
  /** Slot → mapped Excel column (first one) or 0. */
  slotCol: number[];
  values: unknown[];
  unitCode: string | null;
}

async function* readSource<K extends ImportKind>(
  source: WorkbookSource,
  kind: KindSchema<K>,
  rc: ReadContext,
): AsyncGenerator<ParseBatch<K>> {
  const mainC = compileSheet(kind.main);
  const candidates: CompiledSheet[] = [mainC, ...kind.optional.map(compileSheet)];
  const others = IMPORT_KINDS.filter((k) => k !== kind.kind).map((k) => ({
    kind: k,
    sheet: compileSheet(IMPORT_SCHEMAS[k].main),
  }));
  let mainFound = false;
  let workbookUnitCode: string | null = null;
  let wrongKind: ImportKind | null = null;
  const ctx = newParseContext(false);
  let batch: ParseBatch<K> = { records: [], problems: [] };

  for await (const sheet of source.sheets()) {
    ctx.date1904 = source.date1904;
    const buffered: SourceRow[] = [];
    let mapped: MappedSheet | null = null;
    let ignored = false;
    let best: { row: SourceRow; cells: HeaderCell[]; missing: string[]; hits: number } | null =
      null;
    let scanned = 0;

    const settleUnmatched = () => {
      // Called when the header scan ends without a complete header row.
      if (best) {
        const other = others.find((o) => matchHeader(o.sheet, best!.cells).complete);
        if (!other) {
          const names = best.missing.map((k) => `"${templateHeader(kind.main, k)}"`).join(', ');
          throw new WorkbookRejectedError([
            {
              level: 'structural',
              sheet: sheet.name,
              row: best.row.number,
              column: null,
              code: ProblemCode.MISSING_COLUMN,
              message: `Sheet "${sheet.name}", header row ${best.row.number}: required column${best.missing.length > 1 ? 's' : ''} ${names} not found.`,
              details: { header: names },
            },
          ]);
        }
        wrongKind ??= other.kind;
      }
      if (buffered.length > 0) {
        batch.problems.push({
          level: 'info',
          sheet: sheet.name,
          row: null,
          column: null,
          code: ProblemCode.SHEET_IGNORED,
          message: `Sheet "${sheet.name}" was ignored: it has no header row of a ${kind.label}${kind.optional.length ? ' or of its optional sheets' : ''}.`,
        });
      }
      ignored = true;
    };

    for await (const chunk of sheet.rows()) {
      for (const row of chunk) {
        if (mapped) {
          parseRow(row, mapped, ctx, rc, batch);
          continue;
        }
        if (ignored) continue;
        scanned++;
        buffered.push(row);
        const cells = headerCells(row.values);
        if (cells.length === 0) {
          if (scanned >= rc.scanRows) settleUnmatched();
          continue;
        }
        let hit: CompiledSheet | null = null;
        for (const c of candidates) {
          const m = matchHeader(c, cells);
          if (m.complete) {
            hit = c;
            break;
          }
          if (c === mainC && isPartialHeader(m) && (!best || m.keys.size > best.hits)) {
            best = { row, cells, missing: m.missing, hits: m.keys.size };
          }
        }
        if (!hit) {
          for (const o of others) {
            if (!wrongKind && matchHeader(o.sheet, cells).complete) wrongKind = o.kind;
          }
          if (scanned >= rc.scanRows) settleUnmatched();
          continue;
        }
        const above = buffered.slice(0, -1);
        mapped = mapSheet(sheet.name, hit, row, cells, above, workbookUnitCode, batch.problems);
        if (hit === mainC) {
          mainFound = true;
          workbookUnitCode ??= mapped.unitCode;
        }
        buffered.length = 0;
      }
      if (batch.records.length >= rc.batchSize || batch.problems.length >= rc.batchSize) {
        yield batch;
        batch = { records: [], problems: [] };
      }
    }
    if (!mapped && !ignored) settleUnmatched();
  }

  if (!mainFound) {
    if (wrongKind) {
      throw reject(
        ProblemCode.WRONG_KIND,
        `This looks like a ${IMPORT_SCHEMAS[wrongKind].label}, not a ${kind.label}. Choose the right kind of import or upload the right file.`,
        {},
        { expected: kind.kind, found: wrongKind },
      );
    }
    const expected = kind.main.requiredAnyOf[0]!.map((k) => templateHeader(kind.main, k)).join(
      ', ',
    );
    throw reject(
      ProblemCode.NO_HEADER_ROW,
      `No header row of a ${kind.label} was found in the first ${rc.scanRows} rows of any sheet. Expected columns: ${expected}.`,
    );
  }
  if (batch.records.length > 0 || batch.problems.length > 0) yield batch;
}

function templateHeader(schema: SheetSchema, key: string): string {
  return schema.columns.find((c) => c.key === key)?.headers[0] ?? key;
}

function mapSheet(
  name: string,
  sheet: CompiledSheet,
  headerRow: SourceRow,
  cells: HeaderCell[],
  above: SourceRow[],
  workbookUnitCode: string | null,
  problems: Problem[],
): MappedSheet {
  const schema = sheet.schema;
  const n = schema.columns.length;
  const m: MappedSheet = {
    name,
    schema,
    cols: [],
    slots: [],
    specs: [],
    letters: [],
    labels: [],
    requiredSlots: [],
    requiredCols: [],
    slotCol: new Array<number>(n).fill(0),
    values: new Array<unknown>(n).fill(null),
    unitCode: null,
  };
  for (const cell of cells) {
    const slot = sheet.lookup.get(cell.key);
    const letter = columnLetter(cell.col);
    if (slot === undefined) {
      problems.push({
        level: 'info',
        sheet: name,
        row: headerRow.number,
        column: letter,
        code: ProblemCode.EXTRA_COLUMN,
        message: `Column "${cell.text}" is not used by this import and was ignored.`,
        details: { header: cell.text },
      });
      continue;
    }
    const spec = schema.columns[slot]!;
    if (m.slotCol[slot] !== 0 && !spec.sum) {
      problems.push({
        level: 'info',
        sheet: name,
        row: headerRow.number,
        column: letter,
        code: ProblemCode.DUPLICATE_COLUMN,
        message: `Column "${cell.text}" repeats column ${columnLetter(m.slotCol[slot]!)} and was ignored.`,
        details: { header: cell.text, first: columnLetter(m.slotCol[slot]!) },
      });
      continue;
    }
    if (m.slotCol[slot] === 0) m.slotCol[slot] = cell.col;
    m.cols.push(cell.col);
    m.slots.push(slot);
    m.specs.push(spec);
    m.letters.push(letter);
    m.labels.push(cell.text);
    if (spec.required && !spec.allowBlank && !m.requiredSlots.includes(slot)) {
      m.requiredSlots.push(slot);
      m.requiredCols.push(cell.col);
    }
  }
  if (schema.unitCodeAbove) {
    const label = findUnitCodeLabel(above);
    if (label) {
      const ctx = newParseContext();
      const code = parseUnitCode(label.text, ctx);
      if (code === BAD) {
        throw reject(
          ProblemCode.INVALID_UNIT_CODE,
          `Sheet "${name}", cell ${columnLetter(label.col)}${label.row}: ${ctx.detail}.`,
          {
            sheet: name,
            row: label.row,
            column: columnLetter(label.col),
          },
          { value: label.text },
        );
      }
      m.unitCode = code;
    }
    const hasColumn = schema.columns.some((c, i) => c.key === 'unitCode' && m.slotCol[i] !== 0);
    if (!m.unitCode && !hasColumn) {
      if (schema.role === 'line') {
        throw reject(
          ProblemCode.MISSING_UNIT_CODE,
          `Sheet "${name}": no unit code. Add a "Mã đơn vị" column, or a cell "Mã đơn vị: TC0001C" above the header row.`,
          { sheet: name, row: headerRow.number },
        );
      }
      m.unitCode = workbookUnitCode;
    }
  }
  return m;
}

function parseRow<K extends ImportKind>(
  row: SourceRow,
  m: MappedSheet,
  ctx: ParseContext,
  rc: ReadContext,
  batch: ParseBatch<K>,
): void {
  const vals = row.values;
  const values = m.values;
  values.fill(null);
  let any = false;
  let bad = false;
  const n = m.cols.length;
  for (let i = 0; i < n; i++) {
    const raw = vals[m.cols[i]!];
    if (raw === undefined || raw === null) continue;
    const spec = m.specs[i]!;
    const s = toScalar(raw, ctx);
    if (s === null) continue;
    if (!spec.passive) any = true;
    const v = s === BAD ? BAD : spec.parse(s, ctx);
    if (v === BAD) {
      bad = true;
      batch.problems.push(
        rowProblem(
          m,
          row.number,
          m.letters[i]!,
          ctx.code,
          `${m.labels[i]}: ${ctx.detail}.`,
          s === BAD ? { header: m.labels[i]! } : { header: m.labels[i]!, value: shownValue(s) },
        ),
      );
      continue;
    }
    const slot = m.slots[i]!;
    if (spec.sum) values[slot] = ((values[slot] as number | null) ?? 0) + (v as number);
    else values[slot] = v;
  }
  if (!any) return;
  const req = m.requiredSlots;
  for (let j = 0; j < req.length; j++) {
    const slot = req[j]!;
    if (values[slot] === null && !isBadSlot(m, slot, row.number, batch)) {
      bad = true;
      const col = m.requiredCols[j]!;
      const i = m.cols.indexOf(col);
      batch.problems.push(
        rowProblem(
          m,
          row.number,
          m.letters[i]!,
          ProblemCode.REQUIRED,
          `${m.labels[i]}: a value is required.`,
          { header: m.labels[i]! },
        ),
      );
    }
  }
  if (bad) return;
  let failed = false;
  const build: BuildContext = {
    unitCode: m.unitCode,
    period: rc.period,
    fail: (key, code, detail) => {
      failed = true;
      const slot = m.schema.columns.findIndex((c) => c.key === key);
      const col = slot >= 0 ? m.slotCol[slot]! : 0;
      const i = col ? m.cols.indexOf(col) : -1;
      const label = i >= 0 ? m.labels[i]! : (m.schema.columns[slot]?.headers[0] ?? key);
      batch.problems.push(
        rowProblem(m, row.number, i >= 0 ? m.letters[i]! : null, code, `${label}: ${detail}.`, {
          header: label,
        }),
      );
    },
  };
  const rec = m.schema.build(values, { sheet: m.name, row: row.number }, build);
  if (failed || rec === undefined) return;
  const records = batch.records as unknown[];
  if (Array.isArray(rec)) for (const r of rec) records.push(r);
  else records.push(rec);
}

/** A required slot left null because its cell was bad already has its problem. */
function isBadSlot<K extends ImportKind>(
  m: MappedSheet,
  slot: number,
  row: number,
  batch: ParseBatch<K>,
): boolean {
  const col = m.slotCol[slot]!;
  const letter = columnLetter(col);
  for (let k = batch.problems.length - 1; k >= 0; k--) {
    const p = batch.problems[k]!;
    if (p.row !== row || p.sheet !== m.name) return false;
    if (p.column === letter) return true;
  }
  return false;
}

function rowProblem(
  m: MappedSheet,
  row: number,
  column: string | null,
  code: ProblemCode,
  message: string,
  details: ProblemDetails,
): Problem {
  return { level: 'row', sheet: m.name, row, column, code, message, details };
}

/** A cell's value as the catalogue quotes it: dates as dd/mm/yyyy, long text cut at 40 characters. */
function shownValue(v: CellScalar): string {
  if (v instanceof Date) {
    const iso = v.toISOString();
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
