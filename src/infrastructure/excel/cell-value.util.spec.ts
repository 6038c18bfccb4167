import { BAD, newParseContext, toScalar } from './cell-value.util.js';
import { foldKey } from './normalize.util.js';
import { ProblemCode } from './problem.js';

describe('foldKey', () => {
  it.each([
    ['Mã số BHXH', 'masobhxh'],
    ['Ma so BHXH', 'masobhxh'],
    ['MA SO BHXH', 'masobhxh'],
    ['  Mã số  BHXH (*) ', 'masobhxh'],
    ['Tỷ lệ đóng TNLĐ-BNN', 'tyledongtnldbnn'],
    ['Số uỷ nhiệm chi', 'souynhiemchi'],
    ['Số ủy nhiệm chi', 'souynhiemchi'],
    ['ĐƠN VỊ', 'donvi'],
    ['Mã số BHXH'.normalize('NFD'), 'masobhxh'],
  ])('%s → %s', (a, b) => expect(foldKey(a)).toBe(b));
});

describe('toScalar', () => {
  const ctx = newParseContext();
  it('reduces exceljs values', () => {
    expect(toScalar({ formula: 'A1*2', result: 10 }, ctx)).toBe(10);
    expect(toScalar({ sharedFormula: 'B2', result: 'x' }, ctx)).toBe('x');
    expect(toScalar({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn An' }] }, ctx)).toBe(
      'Nguyễn Văn An',
    );
    expect(toScalar({ text: 'link', hyperlink: 'http://x' }, ctx)).toBe('link');
    expect(toScalar('  a  ', ctx)).toBe('a');
    expect(toScalar('   ', ctx)).toBeNull();
    expect(toScalar(undefined, ctx)).toBeNull();
    expect(toScalar({ formula: 'A1' }, ctx)).toBe(BAD);
    expect(ctx.code).toBe(ProblemCode.FORMULA_NO_RESULT);
    expect(toScalar({ error: '#N/A' }, ctx)).toBe(BAD);
    expect(ctx.code).toBe(ProblemCode.CELL_ERROR);
    expect(toScalar({ formula: 'X', result: { error: '#DIV/0!' } }, ctx)).toBe(BAD);
  });
});
