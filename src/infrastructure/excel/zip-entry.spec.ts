import * as XLSX from '@e965/xlsx';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test/fixtures/workbooks/build-workbook.js';
import { inspectZip } from './container.js';
import { resolveLimits } from './limits.js';
import { entryChunks } from './zip-entry.js';

const dir = tempDir('sothu-zip-');

/** A zip of one part holding `bytes`, deflated or stored. */
function zipOf(file: string, bytes: Buffer, compression: boolean): string {
  const zip = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(zip, 'xl/workbook.xml', Buffer.from('<workbook/>')); // what inspectZip looks for
  XLSX.CFB.utils.cfb_add(zip, 'xl/worksheets/sheet1.xml', bytes);
  const path = join(dir, file);
  writeFileSync(
    path,
    XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression }) as Buffer,
  );
  return path;
}

/** ~2 MB of sheet-like text, multi-byte characters included: inflated in many turns. */
function sheetText(): Buffer {
  const rows: string[] = [];
  for (let i = 0; rows.length < 12_000; i++)
    rows.push(
      `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Nguyễn Văn Ánh ${i * 7919}</t></is></c><c r="B${i + 1}"><v>${i * 104_729}</v></c></row>`,
    );
  return Buffer.from(rows.join(''), 'utf8');
}

describe('entryChunks', () => {
  it.each([
    ['deflated', true],
    ['stored', false],
  ])(
    'gives a %s part back whole, in pieces of at most 32 KB, charged to the budget',
    async (_, compression) => {
      const text = sheetText();
      expect(text.length).toBeGreaterThan(1024 * 1024);
      const path = zipOf(`${String(compression)}.zip`, text, compression);
      const [entry] = (await inspectZip(path, resolveLimits())).filter((e) =>
        e.name.endsWith('sheet1.xml'),
      );
      const budget = { used: 0, limit: 64 * 1024 * 1024 };
      const pieces: Buffer[] = [];
      for await (const chunk of entryChunks(path, entry!, budget)) pieces.push(Buffer.from(chunk));
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(32 * 1024);
      expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(text.length / (32 * 1024)));
      expect(Buffer.concat(pieces).equals(text)).toBe(true);
      expect(budget.used).toBe(text.length);
    },
  );
});
