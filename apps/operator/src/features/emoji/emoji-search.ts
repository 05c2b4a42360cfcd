/** One emoji as the reply box offers it (WORK-7). */
export interface EmojiEntry {
  emoji: string;
  /** Its name in the employee's language. */
  name: string;
  /** Names typed after ":" (GitHub/Slack style, e.g. "smile", "+1"). */
  shortcodes: string[];
  /** Words in the employee's language it is also found by. */
  tags: string[];
  /** Emojibase group (0 smileys … 9 flags); the picker's categories. */
  group: number;
  /** Emojibase order: the picker's order and the tie-break of the search. */
  order: number;
}

export function normalizeEmojiQuery(query: string): string {
  return query.trim().toLowerCase().replace(/^:+|:+$/g, '').replace(/\s+/g, ' ');
}

interface Score {
  tier: number;
  /** How much longer the matched word is than the query: "smile" beats "smiley" for "smi". */
  extra: number;
}

const words = (text: string) => text.split(/[\s_:,-]+/).filter(Boolean);

function score(entry: EmojiEntry, query: string): Score | null {
  const underscored = query.replace(/ /g, '_');
  let best: Score | null = null;
  const consider = (tier: number, matched: string) => {
    const candidate = { tier, extra: matched.length - query.length };
    if (!best || tier < best.tier || (tier === best.tier && candidate.extra < best.extra)) best = candidate;
  };
  for (const code of entry.shortcodes) {
    if (code === underscored) consider(0, code);
    else if (code.startsWith(underscored)) consider(1, code);
    else if (words(code).some((w) => w.startsWith(query))) consider(2, code);
    else if (query.length >= 3 && code.includes(underscored)) consider(5, code);
  }
  const name = entry.name.toLowerCase();
  if (name.startsWith(query) || words(name).some((w) => w.startsWith(query))) consider(3, name);
  else if (query.length >= 3 && name.includes(query)) consider(5, name);
  for (const tag of entry.tags) if (tag.toLowerCase().startsWith(query)) consider(4, tag);
  return best;
}

/**
 * Emoji for what was typed after ":" or into the picker's search, best first: an exact shortcode, then
 * shortcodes starting with it, then a word of a shortcode, of the name, a tag, and last any substring.
 * Within a rank, recently used emoji come first, then the closest (shortest) match, then Emojibase's order.
 */
export function searchEmojis(list: readonly EmojiEntry[], rawQuery: string, options: { limit?: number; recent?: readonly string[] } = {}): EmojiEntry[] {
  const query = normalizeEmojiQuery(rawQuery);
  if (!query) return [];
  const recentRank = new Map((options.recent ?? []).map((emoji, i) => [emoji, i]));
  const found: { entry: EmojiEntry; score: Score; recent: number }[] = [];
  for (const entry of list) {
    const s = score(entry, query);
    if (s) found.push({ entry, score: s, recent: recentRank.get(entry.emoji) ?? Number.MAX_SAFE_INTEGER });
  }
  found.sort((a, b) => a.score.tier - b.score.tier || a.recent - b.recent || a.score.extra - b.score.extra || a.entry.order - b.entry.order);
  return found.slice(0, options.limit ?? 50).map((f) => f.entry);
}
