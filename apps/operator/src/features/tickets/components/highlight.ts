/** A part of a search hit's snippet: marked when it matched. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Moves an offset that falls inside a surrogate pair to the pair's start (`back`) or end, so no emoji is cut in two. */
function onCharacter(text: string, offset: number, back: boolean): number {
  if (offset <= 0 || offset >= text.length || !isLowSurrogate(text.charCodeAt(offset))) return offset;
  return back ? offset - 1 : offset + 1;
}

/**
 * Issue #19: a snippet cut into plain and marked parts by the server's `[start, end)` UTF-16 ranges, to
 * render as text nodes and <mark> elements (never as HTML). Ranges may come in any order, overlap or
 * touch (they are joined), or reach past the text (they are cut); empty ones mark nothing; one that cuts an emoji takes all of it.
 */
export function splitHighlights(snippet: string, highlights: readonly (readonly [number, number])[]): SnippetPart[] {
  const ranges = highlights
    .map(([start, end]) => [Math.min(start, snippet.length), Math.min(end, snippet.length)] as const)
    .filter(([start, end]) => end > start)
    .map(([start, end]) => [onCharacter(snippet, start, true), onCharacter(snippet, end, false)] as const)
    .sort((a, b) => a[0] - b[0]);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    const last = parts.at(-1);
    if (start <= at && last?.marked) {
      // Overlaps or touches the previous mark: widen it.
      if (end > at) {
        last.text += snippet.slice(at, end);
        at = end;
      }
      continue;
    }
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: snippet.slice(at, from), marked: false });
    if (end > from) {
      parts.push({ text: snippet.slice(from, end), marked: true });
      at = end;
    }
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false });
  return parts;
}
