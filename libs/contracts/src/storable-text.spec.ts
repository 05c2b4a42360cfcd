import { findUnstorableText } from './storable-text';

describe('findUnstorableText (issue #10 point 9: what PostgreSQL cannot store)', () => {
  it('finds NUL and lone surrogates in any string, with its path', () => {
    expect(findUnstorableText('a\u0000b')).toEqual({ path: [], character: 'U+0000' });
    expect(findUnstorableText({ name: 'x\uD800' })).toEqual({ path: ['name'], character: 'U+D800' });
    expect(findUnstorableText({ a: [{ b: 'ok' }, { b: '\uDC00x' }] })).toEqual({ path: ['a', 1, 'b'], character: 'U+DC00' });
    expect(findUnstorableText({ values: { ['k\u0000']: 'v' } })).toEqual({ path: ['values', 'k\u0000'], character: 'U+0000' });
  });

  it('accepts everything else: pairs, emoji, other control characters, non-strings', () => {
    expect(findUnstorableText({ s: 'Привет 😀 \uD83D\uDE00 \t\n\u0001 \uFFFF', n: 1, b: true, z: null, list: ['x', 2] })).toBeNull();
    expect(findUnstorableText(undefined)).toBeNull();
  });

  it('walks deep nesting without recursion', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.character).toBe('U+0000');
  });
});
