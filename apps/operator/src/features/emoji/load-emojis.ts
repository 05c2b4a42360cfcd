import { buildEmojiList } from './emoji-data';
import type { EmojiEntry } from './emoji-search';
import { canvasDrawsEmoji, hexcodesAfter, newestDrawnVersion } from './emoji-support';

/**
 * Emojibase's names and tags in the employee's language, with GitHub/Slack shortcodes (":smile:") in
 * every language, less the emoji newer than this system draws. This module and the data load on first
 * use, in chunks of their own: the data is far larger than the app's first download may grow.
 */
export async function loadEmojis(language: 'en' | 'ru'): Promise<EmojiEntry[]> {
  const [compact, shortcodes, versions] = await Promise.all([
    language === 'ru' ? import('emojibase-data/ru/compact.json') : import('emojibase-data/en/compact.json'),
    import('emojibase-data/en/shortcodes/github.json'),
    import('emojibase-data/versions/emoji.json'),
  ]);
  const hidden = hexcodesAfter(versions.default, newestDrawnVersion(versions.default, canvasDrawsEmoji()));
  return buildEmojiList(compact.default, shortcodes.default, hidden);
}
