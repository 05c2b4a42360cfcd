import type { EmployeeSelf } from '@omnichannel/contracts';
import { Anchor, Box, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Conversation } from '../components/lazy-conversation';

/**
 * CORE-6: one ticket outside the live chat — its history (with merged replies, SET-1), status, client
 * panel; the executor may go on replying until a final status closes it (WORK-14).
 */
export function TicketPage({ me }: { me: EmployeeSelf }) {
  const { t } = useTranslation();
  const { ticketId = '' } = useParams();
  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Group px="lg" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Anchor component={Link} to="/tickets" size="sm" data-testid="back-to-tickets">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('tickets.back')}
          </Group>
        </Anchor>
      </Group>
      <Box style={{ flex: 1, minHeight: 0 }}>
        <Conversation key={ticketId} ticketId={ticketId} me={me} basePath="/tickets" view="ticket" />
      </Box>
    </Box>
  );
}
