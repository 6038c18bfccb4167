import { asPage, withQuery } from './api.js';

describe('console API client helpers', () => {
  it('withQuery keeps only the filled values', () => {
    expect(withQuery('/api/employers', { office: '', q: 'Hòa Bình', class: undefined, limit: 50, cursor: null })).toBe(
      '/api/employers?q=H%C3%B2a+B%C3%ACnh&limit=50',
    );
    expect(withQuery('/api/x', {})).toBe('/api/x');
    expect(withQuery('/api/x?a=1', { b: 2 })).toBe('/api/x?a=1&b=2');
  });

  it('asPage reads {items, nextCursor}, a bare array, or nothing', () => {
    expect(asPage({ items: [1, 2], nextCursor: 'c2' })).toEqual({ items: [1, 2], nextCursor: 'c2' });
    expect(asPage([1])).toEqual({ items: [1], nextCursor: null });
    expect(asPage(undefined)).toEqual({ items: [], nextCursor: null });
  });
});
