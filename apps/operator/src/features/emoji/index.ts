export { emojiLanguage, emojiListQuery, fetchEmojis, useEmojiList, useEmojiSuggestions } from './api/emoji';
export { EmojiButton } from './components/emoji-button';
export { normalizeEmojiQuery, searchEmojis, type EmojiEntry } from './emoji-search';
export { recentEmojis, rememberEmoji } from './recent';
