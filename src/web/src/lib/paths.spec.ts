import { matchPath, safeNext } from './paths.js';

describe('console routes', () => {
  it.each([
    ['/imports', '/imports', {}],
    ['/imports/:id', '/imports/0b6c', { id: '0b6c' }],
    ['/employers/:code', '/employers/TC%200001', { code: 'TC 0001' }],
    ['/employers/:code', '/employers/TC0001C/', { code: 'TC0001C' }],
    ['/imports/:id', '/imports', null],
    ['/imports', '/imports/x', null],
    ['/flags/:id', '/cases/1', null],
    ['/employers/:code', '/employers/%E0%A4%A', null],
  ])('matchPath(%p, %p) = %p', (pattern, path, expected) => {
    expect(matchPath(pattern, path)).toEqual(expected);
  });

  it.each([
    ['/employers?q=x', '/employers?q=x'],
    [null, '/'],
    ['', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
  ])('safeNext(%p) = %p', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
