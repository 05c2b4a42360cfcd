import { findToken, replaceToken } from './composer-token';

describe('findToken', () => {
  const at = (marked: string) => findToken(marked.replace('|', ''), marked.indexOf('|'));

  it('finds "/tag" at the start of the text and after a space', () => {
    expect(at('/hel|')).toEqual({ kind: 'template', query: 'hel', start: 0, end: 4 });
    expect(at('Hi! /Pri|')).toEqual({ kind: 'template', query: 'pri', start: 4, end: 8 });
    expect(at('line one\n/ref|')).toEqual({ kind: 'template', query: 'ref', start: 9, end: 13 });
  });

  it('accepts tags in any script, with digits, "-" and "_"', () => {
    expect(at('/цены|')?.query).toBe('цены');
    expect(at('/price_2-b|')?.query).toBe('price_2-b');
  });

  it('needs at least one character after "/"', () => {
    expect(at('/|')).toBeNull();
    expect(at('text /|')).toBeNull();
  });

  it('ignores "/" inside a word, a path or a URL', () => {
    expect(at('and/or|')).toBeNull();
    expect(at('see https://x.io/pa|')).toBeNull();
    expect(at('1/2|')).toBeNull();
  });

  it('does not offer templates for characters tags cannot have', () => {
    expect(at('/a+b|')).toBeNull();
  });

  it('takes the query up to the caret and the range to the end of the word', () => {
    expect(at('/hel|lo world')).toEqual({ kind: 'template', query: 'hel', start: 0, end: 6 });
  });

  it('ends at a space: the caret after the word offers nothing', () => {
    expect(at('/hello |')).toBeNull();
  });

  it('finds ":name" from two characters on', () => {
    expect(at(':s|')).toBeNull();
    expect(at(':sm|')).toEqual({ kind: 'emoji', query: 'sm', start: 0, end: 3 });
    expect(at('thanks :Smi|')).toEqual({ kind: 'emoji', query: 'smi', start: 7, end: 11 });
    expect(at('(:+1|')).toEqual({ kind: 'emoji', query: '+1', start: 1, end: 4 });
    expect(at(':улыб|')?.query).toBe('улыб');
  });

  it('leaves times, emoticons and labels alone', () => {
    expect(at('at 10:30|')).toBeNull();
    expect(at('Note:ab|')).toBeNull();
    expect(at(':D|')).toBeNull();
    expect(at('ok :) |')).toBeNull();
  });

  it('returns nothing for a caret outside the text', () => {
    expect(findToken('/a', 5)).toBeNull();
    expect(findToken('/a', -1)).toBeNull();
  });
});

describe('replaceToken', () => {
  it('replaces the whole word and puts the caret after the insert', () => {
    expect(replaceToken('Hi /hel|lo there'.replace('|', ''), { start: 3, end: 9 }, 'Hello!')).toEqual({ text: 'Hi Hello! there', caret: 9 });
  });
});
