import type { EmojiEntry } from './emoji-search';

/** The shape of Emojibase's compact data set that we read. */
export interface CompactEmojiInput {
  hexcode: string;
  label: string;
  unicode: string;
  group?: number;
  order?: number;
  tags?: string[];
}
export type ShortcodesInput = Record<string, string | string[]>;

/** Emojibase's "component" group (skin tones, hair) is not something to send on its own. */
const COMPONENT_GROUP = 2;

/**
 * Joins an Emojibase locale data set with a shortcode set into the entries the search and picker use,
 * leaving out the `hidden` hexcodes (emoji this system cannot draw).
 */
export function buildEmojiList(compact: readonly CompactEmojiInput[], shortcodes: ShortcodesInput, hidden: ReadonlySet<string> = new Set()): EmojiEntry[] {
  const list: EmojiEntry[] = [];
  for (const e of compact) {
    if (e.group === undefined || e.group === COMPONENT_GROUP || e.order === undefined || hidden.has(e.hexcode)) continue;
    const codes = shortcodes[e.hexcode];
    list.push({
      emoji: e.unicode,
      name: e.label,
      shortcodes: codes === undefined ? [] : Array.isArray(codes) ? codes : [codes],
      tags: e.tags ?? [],
      group: e.group,
      order: e.order,
    });
  }
  return list.sort((a, b) => a.order - b.order);
}
