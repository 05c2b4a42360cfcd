import { ActionIcon, Center, Loader, Popover, Tooltip } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emojiLanguage, emojiListQuery } from '../api/emoji';
import { rememberEmoji } from '../recent';

const loadPicker = () => import('./emoji-picker');
// The picker and its data load on first use, outside the app's first download.
const EmojiPicker = lazy(() => loadPicker().then((m) => ({ default: m.EmojiPicker })));

/** The smiley button of the reply box, opening the emoji picker above it (WORK-7). */
export function EmojiButton({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  // Pointing at the button is a good hint it is about to be used: fetch the picker meanwhile.
  const prefetch = () => {
    void loadPicker();
    void queryClient.prefetchQuery(emojiListQuery(emojiLanguage(i18n.language)));
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="top-start" offset={8} shadow="lg" radius="md" width={356} trapFocus returnFocus={false}>
      <Popover.Target>
        <Tooltip label={t('emoji.button')} disabled={opened} withArrow>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            disabled={disabled}
            onClick={() => setOpened((o) => !o)}
            onMouseEnter={prefetch}
            onFocus={prefetch}
            aria-label={t('emoji.button')}
            aria-expanded={opened}
            aria-haspopup="dialog"
            data-testid="emoji-button"
          >
            <IconMoodSmile size={20} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Suspense
          fallback={
            <Center h={380}>
              <Loader size="sm" />
            </Center>
          }
        >
          <EmojiPicker
            onPick={(emoji) => {
              rememberEmoji(emoji);
              setOpened(false);
              onPick(emoji);
            }}
          />
        </Suspense>
      </Popover.Dropdown>
    </Popover>
  );
}
