import { Box, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TypingState } from '../../../lib/use-realtime-sync';
import { ticketKeys } from '../api/tickets';
import classes from './typing-preview.module.css';

/**
 * WORK-8: what the client is typing, as they type it (the typing preview), and which colleagues are
 * typing. Fed by socket events into the query cache; fades after a few seconds of silence.
 */
export function TypingPreview({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const typing = useQuery<TypingState | null>({ queryKey: ticketKeys.typing(ticketId), queryFn: () => null, staleTime: Infinity, initialData: null });
  const [, tick] = useState(0);
  useEffect(() => {
    if (!typing.data) return;
    const timer = setTimeout(() => tick((n) => n + 1), Math.max(0, typing.data.until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [typing.data]);
  const state = typing.data && typing.data.until > Date.now() ? typing.data : null;
  if (!state) return null;
  const colleagues = state.names.filter((n) => n !== '');
  // A messenger tells that the client types, not what (the widget sends the text itself).
  const clientTypes = !state.preview && state.names.includes('');
  return (
    <Box mt="xs">
      {state.preview && (
        <Group justify="flex-start" wrap="nowrap">
          <Box className={classes.preview} data-testid="typing-preview">
            <Text size="xs" c="dimmed" mb={2}>
              {t('conversation.clientTyping')}
            </Text>
            <Text size="sm" className={classes.text} dir="auto">
              {state.preview}
            </Text>
          </Box>
        </Group>
      )}
      {clientTypes && (
        <Text size="xs" c="dimmed" data-testid="client-typing">
          {t('conversation.clientTyping')}
        </Text>
      )}
      {colleagues.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="colleague-typing">
          {t('conversation.colleagueTyping', { names: colleagues.join(', ') })}
        </Text>
      )}
    </Box>
  );
}
