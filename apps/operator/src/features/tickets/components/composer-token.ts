/** What the employee is typing at the caret that the reply box offers to complete (TPL-2, WORK-7). */
export interface ComposerToken {
  /** "/tag" offers templates, ":name" offers emoji. */
  kind: 'template' | 'emoji';
  /** The text typed after the trigger up to the caret, lowercased. */
  query: string;
  /** Where the trigger character is. */
  start: number;
  /** Where the word ends (it may go on after the caret): the range [start, end) is replaced on insert. */
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}_+-]/u;
const TAG_QUERY = /^[\p{L}\p{N}_-]+$/u;
const EMOJI_QUERY = /^[\p{L}\p{N}_+-]+$/u;
/** A trigger counts only at the start of a word: "10:30", "a/b" and "http://" offer nothing. */
const BEFORE_TRIGGER = /[\s([{"'«„“]/u;

/** Emoji names are offered from two characters on (":D" and ":)" stay plain text). */
export const EMOJI_MIN_QUERY = 2;

export function findToken(text: string, caret: number): ComposerToken | null {
  if (caret < 0 || caret > text.length) return null;
  let from = caret;
  while (from > 0 && WORD_CHAR.test(text.charAt(from - 1))) from--;
  const start = from - 1;
  if (start < 0) return null;
  const trigger = text.charAt(start);
  if (trigger !== '/' && trigger !== ':') return null;
  if (start > 0 && !BEFORE_TRIGGER.test(text.charAt(start - 1))) return null;
  let end = caret;
  while (end < text.length && WORD_CHAR.test(text.charAt(end))) end++;
  const query = text.slice(from, caret).toLowerCase();
  if (trigger === '/') return TAG_QUERY.test(query) && TAG_QUERY.test(text.slice(from, end)) ? { kind: 'template', query, start, end } : null;
  return query.length >= EMOJI_MIN_QUERY && EMOJI_QUERY.test(query) ? { kind: 'emoji', query, start, end } : null;
}

/** Replaces the token's range with `insert`; returns the new text and where the caret goes. */
export function replaceToken(text: string, token: Pick<ComposerToken, 'start' | 'end'>, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, token.start) + insert + text.slice(token.end), caret: token.start + insert.length };
}
