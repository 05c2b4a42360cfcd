import type { Message } from '@omnichannel/contracts';
import { Box, Button, Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { loadOlder, type HistoryView } from '../api/tickets';
import { MessageItem } from './message-item';

/**
 * The conversation, oldest at the top (WORK-12). Older pages load as the employee scrolls up and the view
 * keeps its place; entries off screen are skipped by the browser's layout (content-visibility), so
 * thousands of messages scroll smoothly.
 */
export function MessageList({
  ticketId,
  view = 'chat',
  messages,
  hasOlder,
  canRetry = false,
  footer,
}: {
  ticketId: string;
  view?: HistoryView;
  messages: Message[];
  hasOlder: boolean;
  /** The viewer may resend failed replies (executor or supervisor). */
  canRetry?: boolean;
  /** Shown under the last message (the typing preview), scrolled with it. */
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<number | null>(null);
  const [loading, setLoading] = useState(false);
  const top = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (anchor.current !== null) {
      el.scrollTop = el.scrollHeight - anchor.current;
      anchor.current = null;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, footer]);

  // Content that grows by itself (the typing preview, an image finishing loading) keeps the view at the
  // newest entry when it was there.
  const content = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (stick.current && anchor.current === null) el.scrollTop = el.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = ref.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };

  const busy = useRef(false);
  const older = async () => {
    if (busy.current) return;
    busy.current = true;
    const el = ref.current;
    if (el) anchor.current = el.scrollHeight - el.scrollTop;
    setLoading(true);
    try {
      await loadOlder(queryClient, ticketId, view);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  };

  // Reaching the top loads the previous page by itself; the button stays for keyboard users.
  const olderRef = useRef(older);
  olderRef.current = older;
  useEffect(() => {
    const sentinel = top.current;
    const root = ref.current;
    if (!hasOlder || !sentinel || !root) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void olderRef.current();
      },
      { root, rootMargin: '300px 0px 0px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasOlder]);

  return (
    <Box
      ref={ref}
      onScroll={onScroll}
      style={{ flex: 1, overflowY: 'auto', background: 'var(--mantine-color-gray-0)' }}
      px="lg"
      py="md"
      data-testid="message-list"
      aria-live="polite"
      aria-label={t('conversation.history')}
      tabIndex={0}
    >
      <div ref={content}>
        <div ref={top} />
        {hasOlder && (
          <Center mb="sm">
            <Button variant="subtle" size="xs" onClick={() => void older()} loading={loading} data-testid="load-older">
              {t('conversation.loadOlder')}
            </Button>
          </Center>
        )}
        {messages.map((m) => (
          <MessageItem key={m.id} message={m} canRetry={canRetry} />
        ))}
        {footer}
      </div>
    </Box>
  );
}

export function CenterLoader() {
  return (
    <Center h="100%">
      <Loader size="sm" />
    </Center>
  );
}
