import fc from 'fast-check';
import { copyText, CopyTextBuffer, decodeCopyLine } from './bulk-insert.js';

/**
 * COPY's text format as PostgreSQL's documentation gives it, the plain way (a string built value by
 * value: the form `copyText` had before `CopyTextBuffer`), kept here as the oracle of the buffer's bytes.
 */
function copyTextOracle(rows: readonly (readonly unknown[])[]): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '';
  for (const row of rows) {
    out += row
      .map((v) => {
        if (v === null || v === undefined) return '\\N';
        if (typeof v === 'number' || typeof v === 'bigint') return String(v);
        if (typeof v === 'boolean') return v ? 't' : 'f';
        if (typeof v === 'string') return v.replace(/[\\\n\r\t]/g, (c) => escapes[c]!);
        throw new TypeError(`bulkInsert takes plain values, not ${typeof v}`);
      })
      .join('\t');
    out += '\n';
  }
  return out;
}

/** Values as the bulk writers get them: text with COPY's special characters, any Unicode, numbers of every kind. */
const value = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ unit: fc.constantFrom('a', '\\', '\t', '\n', '\r', 'N', 'ư', '😀', ' ') }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }), // lone surrogates too
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -0, 9, 10, 99, 100, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
);
const rows = fc.array(fc.array(value, { minLength: 1, maxLength: 9 }), { maxLength: 30 });

describe('CopyTextBuffer', () => {
  it('writes COPY text as UTF-8, whatever the values', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 64 }), (given, initial) => {
        const expected = Buffer.from(copyTextOracle(given), 'utf8');
        const into = new CopyTextBuffer(initial); // small: it grows many times on the way
        into.lines(given);
        expect(into.bytes().equals(expected)).toBe(true);
        expect(copyText(given).equals(expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('starts again from nothing at reset, in the memory it has', () => {
    const into = new CopyTextBuffer(8);
    into.lines([['Nguyễn Văn An', 5_310_000, null, 'a\tb']]);
    into.reset();
    into.field('TA0001');
    into.field(-42);
    into.field(true);
    into.endLine();
    into.field(null);
    into.endLine();
    expect(into.bytes().toString('utf8')).toBe('TA0001\t-42\tt\n\\N\n');
    expect(into.length).toBe(16);
  });

  it('reads back as the values it was given', () => {
    const line = ['Trần Thị\tÁnh', 'x\\y', null, 'line\nbreak', 'cr\r'];
    const into = new CopyTextBuffer();
    into.lines([line]);
    const text = into.bytes().toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(decodeCopyLine(text.slice(0, -1))).toEqual(line);
  });

  it('refuses what is not a plain value, as copyText does', () => {
    expect(() => new CopyTextBuffer().field({ a: 1 })).toThrow(
      'bulkInsert takes plain values, not object',
    );
    expect(() => copyText([['a', { a: 1 }]])).toThrow('bulkInsert takes plain values, not object');
  });
});
