import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyText, decodeCopyLine } from '../../database/bulk-insert.js';
import { openRowSpill, RowSpillDamaged, RowSpillWriter } from './row-spill.js';

const dir = mkdtempSync(join(tmpdir(), 'sothu-spill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `upload.${n++}.rows`);

/** Every row back from the spill's chunks, decoded. */
async function readBack(path: string): Promise<(string | null)[][]> {
  const spill = await openRowSpill(path);
  if (!spill) throw new Error('no spill');
  const out: (string | null)[][] = [];
  for await (const chunk of spill.chunks()) {
    expect(chunk[chunk.length - 1]).toBe(0x0a); // whole lines only
    const lines = chunk.toString('utf8').split('\n');
    lines.pop();
    out.push(...lines.map(decodeCopyLine));
  }
  return out;
}

async function spillOf(rows: (string | null)[][], meta: unknown = { m: 1 }): Promise<string> {
  const path = fresh();
  const w = await RowSpillWriter.create(path);
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    await w.append(copyText(part), part.length);
  }
  await w.finish(meta);
  return path;
}

const awkward: (string | null)[][] = [
  ['plain', 'Nguyễn Văn An', null, '5310000'],
  ['tab\tinside', 'new\nline', 'carriage\rreturn', 'back\\slash'],
  ['\\N', '\\\\', '\\t literal', 'ends with \\'],
  ['😀 astral 𝄞', '', null, '\t\n\\'],
  [null, null, null, null],
];

describe('row spill', () => {
  it('gives back every value as written: tabs, newlines, backslashes, astral characters, nulls', async () => {
    const path = await spillOf(awkward, { kind: 'roster', units: { A: 'ok' } });
    expect(await readBack(path)).toEqual(awkward);
    const spill = await openRowSpill(path);
    expect(spill?.rows).toBe(awkward.length);
    expect(spill?.meta).toEqual({ kind: 'roster', units: { A: 'ok' } });
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });

  it('hands a file larger than a chunk back in whole lines, none split', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [
      `TC${i}`,
      `Trần Thị Ánh 😀 ${i}\t`,
      i % 7 ? null : 'x\\y',
    ]);
    const path = await spillOf(rows);
    expect(await readBack(path)).toEqual(rows);
  });

  it('keeps an empty set of rows', async () => {
    const path = await spillOf([]);
    expect(await readBack(path)).toEqual([]);
    expect((await openRowSpill(path))?.rows).toBe(0);
  });

  it('is not there until finished, and an aborted one leaves nothing', async () => {
    const path = fresh();
    const w = await RowSpillWriter.create(path);
    await w.append(copyText(awkward), awkward.length);
    expect(await openRowSpill(path)).toBeNull();
    await w.abort();
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });

  it('refuses a truncated file', async () => {
    const path = await spillOf(awkward);
    const size = readFileSync(path).length;
    for (const cut of [1, 5, 30, size - 10]) {
      const copy = fresh();
      writeFileSync(copy, readFileSync(path));
      truncateSync(copy, size - cut);
      expect(await openRowSpill(copy)).toBeNull();
    }
  });

  it('refuses data whose lines are not the count its end line gives', async () => {
    const path = await spillOf(awkward);
    const bytes = readFileSync(path);
    bytes[bytes.indexOf(0x0a)] = 0x20; // two lines made one, the sizes unchanged
    writeFileSync(path, bytes);
    await expect(readBack(path)).rejects.toThrow(RowSpillDamaged);
  });
});
