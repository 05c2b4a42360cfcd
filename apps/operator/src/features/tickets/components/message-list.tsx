import type { Message } from '@omnichannel/contracts';
import { Box, Button, Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadOlder } from '../api/tickets';
import { MessageItem } from './message-item';

/** The conversation, oldest at the top; older pages load on demand and the view keeps its place (WORK-12). */
export function MessageList({ ticketId, messages, hasOlder }: { ticketId: string; messages: Message[]; hasOlder: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<number | null>(null);
  const [loading, setLoading] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (anchor.current !== null) {
      el.scrollTop = el.scrollHeight - anchor.current;
      anchor.current = null;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages]);

  const onScroll = () => {
    const el = ref.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };

  const older = async () => {
    const el = ref.current;
    if (el) anchor.current = el.scrollHeight - el.scrollTop;
    setLoading(true);
    try {
      await loadOlder(queryClient, ticketId);
    } finally {
      setLoading(false);
    }
  };

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
      {hasOlder && (
        <Center mb="sm">
          <Button variant="subtle" size="xs" onClick={() => void older()} loading={loading} data-testid="load-older">
            {t('conversation.loadOlder')}
          </Button>
        </Center>
      )}
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} />
      ))}
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
