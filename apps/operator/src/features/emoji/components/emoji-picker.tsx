import { Center, Loader, Text, TextInput } from '@mantine/core';
import {
  IconBallFootball,
  IconBulb,
  IconClockHour3,
  IconFlag,
  IconHeart,
  IconMoodSmile,
  IconPaw,
  IconPlane,
  IconSearch,
  IconToolsKitchen2,
  IconUser,
  type Icon,
} from '@tabler/icons-react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useEmojiList } from '../api/emoji';
import { searchEmojis, type EmojiEntry } from '../emoji-search';
import { recentEmojis } from '../recent';
import classes from './emoji-picker.module.css';

type CategoryKey = 'recent' | 'smileys' | 'people' | 'animals' | 'food' | 'travel' | 'activities' | 'objects' | 'symbols' | 'flags';

/** Emojibase groups shown as the picker's categories (group 2, skin tones and hair, is left out). */
const categories: { key: CategoryKey; group: number | null; icon: Icon }[] = [
  { key: 'recent', group: null, icon: IconClockHour3 },
  { key: 'smileys', group: 0, icon: IconMoodSmile },
  { key: 'people', group: 1, icon: IconUser },
  { key: 'animals', group: 3, icon: IconPaw },
  { key: 'food', group: 4, icon: IconToolsKitchen2 },
  { key: 'travel', group: 5, icon: IconPlane },
  { key: 'activities', group: 6, icon: IconBallFootball },
  { key: 'objects', group: 7, icon: IconBulb },
  { key: 'symbols', group: 8, icon: IconHeart },
  { key: 'flags', group: 9, icon: IconFlag },
];

/** WORK-7: the emoji picker: search by name, shortcode or tag, categories, recently used first. */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const { t, i18n } = useTranslation();
  const list = useEmojiList(i18n.language);
  const [query, setQuery] = useState('');
  const [hovered, setHovered] = useState<EmojiEntry | null>(null);
  const [active, setActive] = useState<CategoryKey>('recent');
  const scroller = useRef<HTMLDivElement>(null);
  const recent = useMemo(() => recentEmojis(), []);

  const sections = useMemo(() => {
    const all = list.data ?? [];
    const byEmoji = new Map(all.map((e) => [e.emoji, e]));
    return categories
      .map((c) => ({
        ...c,
        items: c.group === null ? recent.flatMap((e) => byEmoji.get(e) ?? []) : all.filter((e) => e.group === c.group),
      }))
      .filter((c) => c.items.length > 0);
  }, [list.data, recent]);

  const results = useMemo(() => (query.trim() && list.data ? searchEmojis(list.data, query, { limit: 180, recent }) : null), [query, list.data, recent]);

  const jumpTo = (key: CategoryKey) => {
    setQuery('');
    setActive(key);
    requestAnimationFrame(() => {
      const section = scroller.current?.querySelector<HTMLElement>(`[data-section="${key}"]`);
      if (scroller.current && section) scroller.current.scrollTop = section.offsetTop;
    });
  };

  const onScroll = () => {
    const box = scroller.current;
    if (!box || results) return;
    let current: CategoryKey = sections[0]?.key ?? 'recent';
    for (const section of box.querySelectorAll<HTMLElement>('[data-section]')) {
      if (section.offsetTop <= box.scrollTop + 8) current = section.dataset.section as CategoryKey;
    }
    setActive(current);
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const first = results?.[0];
    if (event.key === 'Enter' && first) {
      event.preventDefault();
      onPick(first.emoji);
    }
  };

  const grid = (items: EmojiEntry[]) => (
    <div className={classes.grid} role="listbox" aria-label={t('emoji.button')}>
      {items.map((e) => (
        <button
          key={e.emoji}
          type="button"
          role="option"
          aria-selected={false}
          className={classes.cell}
          title={e.shortcodes[0] ? `${e.name} :${e.shortcodes[0]}:` : e.name}
          aria-label={e.name}
          data-hovered={hovered === e || undefined}
          onMouseEnter={() => setHovered(e)}
          onFocus={() => setHovered(e)}
          onClick={() => onPick(e.emoji)}
          data-testid="emoji-picker-item"
        >
          {e.emoji}
        </button>
      ))}
    </div>
  );

  return (
    <div className={classes.picker} data-testid="emoji-picker">
      <div style={{ padding: '10px 10px 6px' }}>
        <TextInput
          size="sm"
          leftSection={<IconSearch size={15} />}
          placeholder={t('emoji.search')}
          aria-label={t('emoji.search')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onSearchKey}
          data-autofocus
          data-testid="emoji-picker-search"
        />
      </div>
      <div className={classes.tabs} role="tablist" aria-label={t('emoji.button')}>
        {sections.map(({ key, icon: CategoryIcon }) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={!results && active === key}
            className={classes.tab}
            data-active={(!results && active === key) || undefined}
            title={t(`emoji.categories.${key}`)}
            aria-label={t(`emoji.categories.${key}`)}
            onClick={() => jumpTo(key)}
          >
            <CategoryIcon size={18} stroke={1.6} />
          </button>
        ))}
      </div>
      <div className={classes.scroll} ref={scroller} onScroll={onScroll}>
        {list.isPending ? (
          <Center h="100%">
            <Loader size="sm" aria-label={t('emoji.loading')} />
          </Center>
        ) : results ? (
          results.length > 0 ? (
            <div style={{ paddingTop: 8 }}>{grid(results)}</div>
          ) : (
            <Center h="100%">
              <Text size="sm" c="dimmed">
                {t('emoji.notFound')}
              </Text>
            </Center>
          )
        ) : (
          sections.map((s) => (
            <section key={s.key} data-section={s.key} className={s.key === 'recent' ? undefined : classes.section} aria-label={t(`emoji.categories.${s.key}`)}>
              <div className={classes.sectionTitle}>{t(`emoji.categories.${s.key}`)}</div>
              {grid(s.items)}
            </section>
          ))
        )}
      </div>
      <div className={classes.footer}>
        {hovered ? (
          <>
            <span className={classes.preview} aria-hidden>
              {hovered.emoji}
            </span>
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {hovered.name}
              </Text>
              {hovered.shortcodes[0] && (
                <Text size="xs" c="dimmed" ff="monospace" truncate>
                  :{hovered.shortcodes[0]}:
                </Text>
              )}
            </div>
          </>
        ) : (
          <Text size="xs" c="dimmed">
            {t('emoji.tip')}
          </Text>
        )}
      </div>
    </div>
  );
}
