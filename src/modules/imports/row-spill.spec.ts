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
import { copyText, copyTextPieces, decodeCopyLine } from '../../database/bulk-insert.js';
import { openRowSpill, RowSpillDamaged, RowSpillWriter } from './row-spill.js';

const dir = mkdtempSync(join(tmpdir(), 'sothu-spill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `upload.${n++}.rows`);

/** Every row back from the spill's chunks, decoded. */
async function readBack(
  path: string,
  reading?: { reused?: boolean },
  buffers?: Set<ArrayBufferLike>,
): Promise<(string | null)[][]> {
  const spill = await openRowSpill(path);
  if (!spill) throw new Error('no spill');
  const out: (string | null)[][] = [];
  for await (const chunk of spill.chunks(reading)) {
    buffers?.add(chunk.buffer);
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
    await w.append((into) => {
      into.lines(part);
      return part.length;
    });
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

  it('reads into one buffer when asked, every row back, a line longer than the buffer too', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => [
      `TC${i}`,
      i === 12_345 ? 'ư'.repeat(700_000) : `Lê Văn Ánh 😀 ${i}`, // 1.4 MB: longer than a chunk
      i % 5 ? null : 'a\\b\tc',
    ]);
    const path = await spillOf(rows);
    const reused = new Set<ArrayBufferLike>();
    expect(await readBack(path, { reused: true }, reused)).toEqual(rows);
    expect(reused.size).toBeLessThanOrEqual(3); // one buffer, made anew for the long line and after it
    const fresh = new Set<ArrayBufferLike>();
    expect(await readBack(path, {}, fresh)).toEqual(rows);
    expect(fresh.size).toBeGreaterThanOrEqual(6); // a buffer a chunk (~6 MB in 1 MB chunks)
  });

  it('keeps an empty set of rows', async () => {
    const path = await spillOf([]);
    expect(await readBack(path)).toEqual([]);
    expect((await openRowSpill(path))?.rows).toBe(0);
  });

  it('is not there until finished, and an aborted one leaves nothing', async () => {
    const path = fresh();
    const w = await RowSpillWriter.create(path);
    await w.append((into) => {
      into.lines(awkward);
      return awkward.length;
    });
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

describe('kept text decoded in pieces (copyTextPieces)', () => {
  const text = (rows: (string | null)[][]) => copyText(rows);

  it('gives the chunk back in pieces of whole lines, none split, none over the size but a longer line', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [
      `TC${i}`,
      `Trần Thị Ánh 😀 ${'x'.repeat(i % 40)}`,
      i === 150 ? 'ư'.repeat(200) : null, // one line longer than a piece
    ]);
    const chunk = text(rows);
    const pieces = [...copyTextPieces(chunk, 120)];
    expect(pieces.join('')).toBe(chunk.toString('utf8'));
    expect(pieces.length).toBeGreaterThan(100);
    for (const p of pieces) {
      expect(p.endsWith('\n')).toBe(true);
      const lines = p.split('\n').length - 1;
      if (lines > 1) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(120);
    }
    const long = pieces.find((p) => p.includes('ư'.repeat(200)));
    expect(long?.split('\n')).toHaveLength(2); // the long line alone
    const back = pieces.flatMap((p) => p.split('\n').slice(0, -1).map(decodeCopyLine));
    expect(back).toEqual(rows);
  });

  it("keeps a 1 MB chunk's strings under V8's large-object size by default", () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => [`TC${i}`, `Nguyễn Văn Ánh ${i}`]);
    const chunk = text(rows);
    expect(chunk.length).toBeGreaterThan(300_000);
    const pieces = [...copyTextPieces(chunk)];
    expect(pieces.join('')).toBe(chunk.toString('utf8'));
    // two bytes a character at most in a string: 128 KB is 64K characters
    for (const p of pieces) expect(p.length).toBeLessThan(64 * 1024);
  });
});
