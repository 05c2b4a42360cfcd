import type { EmployeeSelf, TicketList as TicketListData, TicketView } from '@omnichannel/contracts';
import { Box, Center, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ticketKeys } from '../api/tickets';
import { Conversation, preloadConversation } from '../components/lazy-conversation';
import { TicketList } from '../components/ticket-list';

/** Where a view's list lives in the address bar. */
export function viewPath(view: TicketView): string {
  if (view === 'unassigned') return '/unassigned';
  if (view === 'mine') return '/chats';
  return `/channel/${view.slice('channel:'.length)}`;
}

/**
 * WORK-13: Alt+↓ and Alt+↑ open the next and the previous chat of the list, from anywhere in the
 * workspace (the reply box included), so an operator goes through the queue without the mouse.
 */
function useChatHotkeys(view: TicketView) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
      const items = queryClient.getQueryData<TicketListData>(ticketKeys.list(view))?.items ?? [];
      if (items.length === 0) return;
      event.preventDefault();
      // The open chat as the address bar says it now (a render may still be on its way after a quick key).
      const activeId = window.location.pathname.split('/').pop();
      const at = items.findIndex((i) => i.id === activeId);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = at === -1 ? (step === 1 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + step));
      const target = items[next];
      if (target && target.id !== activeId) void navigate(`${viewPath(view)}/${target.id}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [queryClient, navigate, view]);
}

/** A list (Unassigned, All chats or one channel) beside the open conversation (NAV-2, NAV-3, NAV-4). */
export function InboxPage({ view, title, me }: { view: TicketView; title: string; me: EmployeeSelf }) {
  const { t } = useTranslation();
  const { ticketId } = useParams();
  useChatHotkeys(view);
  useEffect(preloadConversation, []);
  const basePath = viewPath(view);
  return (
    <Box style={{ display: 'flex', height: '100%' }}>
      <Box w={340} style={{ borderRight: '1px solid var(--mantine-color-gray-3)', display: 'flex', flexDirection: 'column', flexShrink: 0 }}>
        <Group px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} justify="space-between">
          <Title order={4} data-testid="inbox-title">
            {title}
          </Title>
        </Group>
        <Box style={{ flex: 1, minHeight: 0 }}>
          <TicketList view={view} meId={me.id} activeId={ticketId} basePath={basePath} />
        </Box>
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        {ticketId ? (
          <Conversation key={ticketId} ticketId={ticketId} me={me} basePath={basePath} />
        ) : (
          <Center h="100%">
            <Stack align="center" gap={6} c="dimmed">
              <IconMessageCircle size={48} stroke={1.2} />
              <Text>{t('inbox.pick')}</Text>
              <Text size="xs">
                <Kbd size="xs">Alt</Kbd> + <Kbd size="xs">↓</Kbd> / <Kbd size="xs">↑</Kbd> {t('inbox.hotkeys')}
              </Text>
            </Stack>
          </Center>
        )}
      </Box>
    </Box>
  );
}
