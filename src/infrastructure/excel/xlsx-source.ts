import ExcelJS from 'exceljs';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { formatBytes, type WorkbookLimits } from './limits.js';
import { ProblemCode, reject, WorkbookRejectedError } from './problem.js';
import type { SourceRow, SourceSheet, WorkbookSource } from './source.js';

/**
 * Streaming `.xlsx` source over exceljs' `WorkbookReader`: one sheet at a time, row events in the
 * chunks the SAX parser produces, nothing kept but the shared-string table.
 * - `styles: 'ignore'`: with styles ignored a date cell arrives as its serial number, which the
 *   date and period parsers accept anyway; loading styles only to turn numbers into Dates costs
 *   time and memory on every cell.
 * - inflated bytes of the sheets and the shared strings are counted against
 *   `maxUncompressedBytes` while streaming, since a zip directory can lie about sizes.
 */
export function openXlsxSource(path: string, limits: WorkbookLimits): WorkbookSource {
  const budget = { used: 0, limit: limits.maxUncompressedBytes };
  const reader = new CountingWorkbookReader(path, budget);
  return {
    format: 'xlsx',
    get date1904() {
      return reader.date1904;
    },
    sheets: () => xlsxSheets(reader, budget, limits),
  };
}

interface Budget {
  used: number;
  limit: number;
}

function overBudget(budget: Budget): WorkbookRejectedError {
  return reject(
    ProblemCode.UNCOMPRESSED_TOO_LARGE,
    `The workbook expands to more than ${formatBytes(budget.limit)} when opened. Split it into smaller workbooks.`,
  );
}

function count(budget: Budget, chunk: Buffer | string): void {
  budget.used += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  if (budget.used > budget.limit) throw overBudget(budget);
}

async function* countingIterable(src: AsyncIterable<Buffer | string>, budget: Budget) {
  for await (const chunk of src) {
    count(budget, chunk);
    yield chunk;
  }
}

// exceljs' reader has no hook for the shared-strings part; its method takes the zip entry stream.
const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: string,
  options: object,
) => {
  [Symbol.asyncIterator](): AsyncGenerator<unknown>;
  properties?: { model?: { date1904?: boolean } };
};

class CountingWorkbookReader extends Base {
  constructor(
    path: string,
    private readonly budget: Budget,
  ) {
    super(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
  }

  get date1904(): boolean {
    return this.properties?.model?.date1904 === true;
  }

  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    const budget = this.budget;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        try {
          count(budget, chunk);
          done(null, chunk);
        } catch (err) {
          done(err as Error);
        }
      },
    });
    entry.on('error', (err) => counted.destroy(err));
    const out = entry.pipe(counted).pipe(new PassThrough());
    counted.on('error', (err) => out.destroy(err));
    const parent = (
      Base.prototype as unknown as Record<string, (e: Readable) => AsyncGenerator<unknown>>
    )._parseSharedStrings;
    return parent.call(this, out);
  }
}

interface ExcelWorksheetReader {
  name: string;
  iterator: AsyncIterable<Buffer | string>;
  parse(): AsyncIterable<{ eventType: string; value: { number: number; values: unknown[] } }[]>;
}

async function* xlsxSheets(
  reader: CountingWorkbookReader,
  budget: Budget,
  limits: WorkbookLimits,
): AsyncGenerator<SourceSheet> {
  try {
    for await (const raw of reader) {
      const ws = raw as ExcelWorksheetReader;
      ws.iterator = countingIterable(ws.iterator, budget);
      yield { name: ws.name, rows: () => xlsxRows(ws, limits) };
    }
  } catch (err) {
    throw asRejection(err);
  }
}

async function* xlsxRows(
  ws: ExcelWorksheetReader,
  limits: WorkbookLimits,
): AsyncGenerator<SourceRow[]> {
  let seen = 0;
  try {
    for await (const events of ws.parse()) {
      const chunk: SourceRow[] = [];
      for (const ev of events) {
        if (ev.eventType !== 'row') continue;
        if (++seen > limits.maxRowsPerSheet) {
          throw reject(
            ProblemCode.TOO_MANY_ROWS,
            `Sheet "${ws.name}" has more than ${limits.maxRowsPerSheet.toLocaleString('en')} rows, the most one import accepts. Split it into smaller workbooks.`,
            { sheet: ws.name },
          );
        }
        chunk.push({ number: ev.value.number, values: ev.value.values });
      }
      if (chunk.length > 0) yield chunk;
    }
  } catch (err) {
    throw asRejection(err);
  }
}

function asRejection(err: unknown): Error {
  if (err instanceof WorkbookRejectedError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return reject(
    ProblemCode.CORRUPT_FILE,
    `The workbook is damaged and cannot be read (${detail.slice(0, 200)}). Open it in Excel, save it again as .xlsx and re-upload.`,
  );
}
