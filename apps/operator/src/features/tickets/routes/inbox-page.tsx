import type { EmployeeSelf, TicketView } from '@omnichannel/contracts';
import { Box, Center, Group, Stack, Text, Title } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { Conversation } from '../components/conversation';
import { TicketList } from '../components/ticket-list';

const basePaths: Record<TicketView, string> = { unassigned: '/unassigned', mine: '/chats' };

/** A list (Unassigned or All chats) beside the open conversation. */
export function InboxPage({ view, me }: { view: TicketView; me: EmployeeSelf }) {
  const { t } = useTranslation();
  const { ticketId } = useParams();
  return (
    <Box style={{ display: 'flex', height: '100%' }}>
      <Box w={340} style={{ borderRight: '1px solid var(--mantine-color-gray-3)', display: 'flex', flexDirection: 'column', flexShrink: 0 }}>
        <Group px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          <Title order={4}>{view === 'unassigned' ? t('nav.unassigned') : t('nav.mine')}</Title>
        </Group>
        <Box style={{ flex: 1, minHeight: 0 }}>
          <TicketList view={view} activeId={ticketId} basePath={basePaths[view]} />
        </Box>
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        {ticketId ? (
          <Conversation key={ticketId} ticketId={ticketId} me={me} />
        ) : (
          <Center h="100%">
            <Stack align="center" gap={4} c="dimmed">
              <IconMessageCircle size={48} stroke={1.2} />
              <Text>{t('inbox.pick')}</Text>
            </Stack>
          </Center>
        )}
      </Box>
    </Box>
  );
}
