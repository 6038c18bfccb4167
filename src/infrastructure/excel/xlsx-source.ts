import { StringDecoder } from 'node:string_decoder';
import { collectYoung } from '../heap-guard.js';
import { corrupt, inspectZip, type ZipEntryInfo } from './container.js';
import type { WorkbookLimits } from './limits.js';
import { ProblemCode, reject, WorkbookRejectedError } from './problem.js';
import { SharedStrings, SharedStringsParser } from './shared-strings.js';
import { SheetScanner } from './sheet-scanner.js';
import type { SourceRow, SourceSheet, WorkbookSource } from './source.js';
import { attributes, startTags } from './xml-text.js';
import { entryChunks, entryText, type Budget } from './zip-entry.js';

/**
 * Streaming `.xlsx` source: the zip is read in place (each part inflated by node's zlib from its
 * offset, see zip-entry.ts), sheet XML goes through a hand-written scanner (sheet-scanner.ts)
 * rather than a SAX parser, and the shared strings are kept packed as UTF-8 (shared-strings.ts).
 * - sheets come in workbook order (`xl/workbook.xml` through its relationships), with their tab
 *   names; `date1904` is read from the workbook properties before the first sheet;
 * - styles are not read: a date cell arrives as its serial number, which the date and period
 *   parsers accept anyway;
 * - every inflated byte (workbook, shared strings, sheets) is counted against
 *   `maxUncompressedBytes` as it is inflated, since a zip directory can lie about sizes, and each
 *   part's CRC is checked;
 * - no DTD is read and no entity but XML's own is expanded.
 * `entries` is the zip directory when the caller has read it already (openWorkbook has).
 */
export function openXlsxSource(
  path: string,
  limits: WorkbookLimits,
  entries?: ZipEntryInfo[],
): WorkbookSource {
  const budget: Budget = { used: 0, limit: limits.maxUncompressedBytes };
  const book = { date1904: false };
  return {
    format: 'xlsx',
    get date1904() {
      return book.date1904;
    },
    sheets: () => xlsxSheets(path, limits, budget, entries, book),
  };
}

interface Part {
  get(name: string): ZipEntryInfo | undefined;
}

function partIndex(entries: ZipEntryInfo[]): Part {
  const exact = new Map(entries.map((e) => [e.name, e]));
  const folded = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  return { get: (name) => exact.get(name) ?? folded.get(name.toLowerCase()) };
}

interface BookLayout {
  date1904: boolean;
  sheets: { name: string; part: string }[];
  sharedStrings: string | null;
}

async function* xlsxSheets(
  path: string,
  limits: WorkbookLimits,
  budget: Budget,
  entries: ZipEntryInfo[] | undefined,
  book: { date1904: boolean },
): AsyncGenerator<SourceSheet> {
  let sst: SharedStrings;
  let parts: Part;
  let layout: BookLayout;
  try {
    parts = partIndex(entries ?? (await inspectZip(path, limits)));
    layout = await readLayout(path, parts, budget);
    book.date1904 = layout.date1904;
    sst = await readSharedStrings(path, parts, layout.sharedStrings, budget);
  } catch (err) {
    throw asRejection(err);
  }
  const cells = { cells: 0 }; // cells read, all sheets together
  try {
    for (const sheet of layout.sheets) {
      const entry = parts.get(sheet.part);
      if (!entry) continue;
      yield {
        name: sheet.name,
        rows: () => sheetRows(path, entry, sheet.name, sst, budget, limits, cells),
      };
    }
  } finally {
    sst.close();
  }
}

const REL_TYPE = /\/(worksheet|sharedStrings)$/;

async function readLayout(path: string, parts: Part, budget: Budget): Promise<BookLayout> {
  const wbEntry = parts.get('xl/workbook.xml');
  if (!wbEntry) throw reject(ProblemCode.NOT_A_WORKBOOK, 'The package has no workbook part.');
  const wbXml = await entryText(path, wbEntry, budget);
  const relsEntry = parts.get('xl/_rels/workbook.xml.rels');
  const rels = new Map<string, { type: string; part: string }>();
  let sharedStrings: string | null = null;
  if (relsEntry) {
    for (const tag of startTags(await entryText(path, relsEntry, budget), 'Relationship')) {
      const a = attributes(tag);
      const type = REL_TYPE.exec(a.Type ?? '')?.[1];
      if (!type || !a.Id || !a.Target || a.TargetMode === 'External') continue;
      const part = resolvePart('xl/', a.Target);
      if (type === 'sharedStrings') sharedStrings ??= part;
      else rels.set(a.Id, { type, part });
    }
  }
  if (sharedStrings === null && parts.get('xl/sharedStrings.xml')) {
    sharedStrings = 'xl/sharedStrings.xml';
  }
  const pr = startTags(wbXml, 'workbookPr')[0];
  const d = pr ? attributes(pr).date1904 : undefined;
  const sheets: BookLayout['sheets'] = [];
  for (const tag of startTags(wbXml, 'sheet')) {
    const a = attributes(tag);
    const idKey = Object.keys(a).find((k) => k === 'r:id' || k.endsWith(':id'));
    const rel = idKey ? rels.get(a[idKey]!) : undefined;
    if (rel && a.name !== undefined) sheets.push({ name: a.name, part: rel.part });
  }
  return { date1904: d === '1' || d === 'true', sheets, sharedStrings };
}

/** A relationship target as a zip entry name: relative to `base`, or from the root with `/`. */
export function resolvePart(base: string, target: string): string {
  const segments = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const s of target.split('/')) {
    if (s === '..') segments.pop();
    else if (s !== '.' && s !== '') segments.push(s);
  }
  return segments.join('/');
}

/**
 * Shared-string bytes read between young collections. Without them a 1M-line roster's parse peaked at
 * 223–226 MB against 176–178 when its table was read as text (whose strings kept the young generation busy).
 */
const YOUNG_EVERY_BYTES = 8 * 1024 * 1024;

async function readSharedStrings(
  path: string,
  parts: Part,
  name: string | null,
  budget: Budget,
): Promise<SharedStrings> {
  const table = new SharedStrings();
  const entry = name === null ? undefined : parts.get(name);
  if (!entry) return table;
  const parser = new SharedStringsParser(table);
  try {
    let bytes = 0;
    for await (const chunk of entryChunks(path, entry, budget)) {
      parser.pushBytes(chunk);
      // read as bytes, the table allocates little on the heap: the inflated chunks are let go from time to time
      bytes += chunk.length;
      if (bytes >= YOUNG_EVERY_BYTES) {
        collectYoung();
        bytes = 0;
      }
    }
    parser.end();
  } catch (err) {
    table.close();
    throw err;
  }
  return table;
}

async function* sheetRows(
  path: string,
  entry: ZipEntryInfo,
  name: string,
  sst: SharedStrings,
  budget: Budget,
  limits: WorkbookLimits,
  cells: { cells: number },
): AsyncGenerator<SourceRow[]> {
  const scanner = new SheetScanner(
    sst,
    { sheet: name, maxCellsPerRow: limits.maxCellsPerRow, maxCells: limits.maxCells },
    cells,
  );
  const decoder = new StringDecoder('utf8');
  let seen = 0;
  const counted = (rows: SourceRow[]): SourceRow[] => {
    seen += rows.length;
    if (seen > limits.maxRowsPerSheet) {
      throw reject(
        ProblemCode.TOO_MANY_ROWS,
        `Sheet "${name}" has more than ${limits.maxRowsPerSheet.toLocaleString('en')} rows, the most one import accepts. Split it into smaller workbooks.`,
        { sheet: name },
        { limit: limits.maxRowsPerSheet },
      );
    }
    return rows;
  };
  try {
    for await (const chunk of entryChunks(path, entry, budget)) {
      const rows: SourceRow[] = [];
      scanner.push(decoder.write(chunk), rows);
      if (rows.length > 0) yield counted(rows);
    }
    const rows: SourceRow[] = [];
    scanner.push(decoder.end(), rows);
    scanner.end();
    if (rows.length > 0) yield counted(rows);
  } catch (err) {
    throw asRejection(err);
  }
}

function asRejection(err: unknown): Error {
  if (err instanceof WorkbookRejectedError) return err;
  return corrupt((err instanceof Error ? err.message : String(err)).slice(0, 200));
}
