import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { searchEmojis, type EmojiEntry } from '../emoji-search';
import { recentEmojis } from '../recent';

export type EmojiLanguage = 'en' | 'ru';
export const emojiLanguage = (language: string): EmojiLanguage => (language.startsWith('ru') ? 'ru' : 'en');

/** The emoji data set for the employee's language, loaded (with the code building it) on first use. */
export const fetchEmojis = (language: EmojiLanguage): Promise<EmojiEntry[]> => import('../load-emojis').then((m) => m.loadEmojis(language));

export const emojiKeys = { list: (language: EmojiLanguage) => ['emoji', language] as const };

export const emojiListQuery = (language: EmojiLanguage) =>
  queryOptions({ queryKey: emojiKeys.list(language), queryFn: () => fetchEmojis(language), staleTime: Infinity, gcTime: Infinity });

export function useEmojiList(language: string, enabled = true) {
  return useQuery({ ...emojiListQuery(emojiLanguage(language)), enabled });
}

/** What ":query" offers in the reply box; loads the data the first time it is needed. */
export function useEmojiSuggestions(language: string, query: string | null, limit = 8): EmojiEntry[] {
  const list = useEmojiList(language, query !== null).data;
  return useMemo(() => (list && query ? searchEmojis(list, query, { limit, recent: recentEmojis() }) : []), [list, query, limit]);
}
