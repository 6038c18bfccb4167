import fc from 'fast-check';
import { copyText, CopyTextBuffer, decodeCopyLine } from './bulk-insert.js';

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
  it('writes the bytes copyText makes, as UTF-8, whatever the values', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 64 }), (given, initial) => {
        const into = new CopyTextBuffer(initial); // small: it grows many times on the way
        into.lines(given);
        expect(into.bytes().equals(Buffer.from(copyText(given), 'utf8'))).toBe(true);
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
    expect(() => copyText([[{ a: 1 }]])).toThrow('bulkInsert takes plain values, not object');
  });
});
