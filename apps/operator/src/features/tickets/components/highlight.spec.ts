import { splitHighlights } from './highlight';

const render = (parts: ReturnType<typeof splitHighlights>) => parts.map((p) => (p.marked ? `[${p.text}]` : p.text)).join('');

describe('splitHighlights (issue #19: the matched words of a message hit)', () => {
  it('cuts the snippet into plain and marked parts that give back the whole text', () => {
    const snippet = 'Where is order 4411? I paid for order 4411 on Monday.';
    const parts = splitHighlights(snippet, [
      [15, 19],
      [38, 42],
    ]);
    expect(parts).toEqual([
      { text: 'Where is order ', marked: false },
      { text: '4411', marked: true },
      { text: '? I paid for order ', marked: false },
      { text: '4411', marked: true },
      { text: ' on Monday.', marked: false },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(snippet);
  });

  it('marks nothing without ranges, and a mark may start or end the text', () => {
    expect(splitHighlights('no match here', [])).toEqual([{ text: 'no match here', marked: false }]);
    expect(render(splitHighlights('Заказ оплачен', [[0, 5]]))).toBe('[Заказ] оплачен');
    expect(render(splitHighlights('Заказ оплачен', [[6, 13]]))).toBe('Заказ [оплачен]');
    expect(splitHighlights('', [[0, 3]])).toEqual([]);
  });

  it('sorts ranges, joins overlapping and touching ones, cuts those past the end and drops empty ones', () => {
    expect(render(splitHighlights('abcdefghij', [[6, 8], [1, 3], [2, 4]]))).toBe('a[bcd]ef[gh]ij');
    expect(render(splitHighlights('abcdefghij', [[1, 3], [3, 5]]))).toBe('a[bcde]fghij');
    expect(render(splitHighlights('abcdefghij', [[2, 6], [3, 4]]))).toBe('ab[cdef]ghij');
    expect(render(splitHighlights('abcdef', [[4, 99]]))).toBe('abcd[ef]');
    expect(render(splitHighlights('abcdef', [[3, 3], [5, 2], [40, 50]]))).toBe('abcdef');
  });

  it('counts in UTF-16 units and never cuts an emoji in two', () => {
    const snippet = 'ok 👍 order 4411';
    // 👍 is two UTF-16 units (3 and 4): "order" starts at 6.
    expect(render(splitHighlights(snippet, [[6, 11]]))).toBe('ok 👍 [order] 4411');
    // A range with an end inside the emoji takes the whole of it.
    expect(render(splitHighlights(snippet, [[4, 5]]))).toBe('ok [👍] order 4411');
    expect(render(splitHighlights(snippet, [[0, 4]]))).toBe('[ok 👍] order 4411');
    expect(render(splitHighlights(snippet, [[4, 4]]))).toBe('ok 👍 order 4411');
  });
});
