import fc from 'fast-check';
describe('smoke', () => {
  it('adds', () => {
    fc.assert(fc.property(fc.integer(), fc.integer(), (a, b) => a + b === b + a));
    expect(1 + 1).toBe(2);
  });
});
