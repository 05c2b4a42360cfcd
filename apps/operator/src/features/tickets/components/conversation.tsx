import type { EmployeeSelf } from '@omnichannel/contracts';
import { Alert, Badge, Box, Button, Group, Paper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconHandGrab } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiRequestError } from '../../../lib/api-client';
import { can } from '../../../lib/permissions';
import { useComplete, useHistory, useTake, useTicket } from '../api/tickets';
import { useWatchTicket } from '../api/use-watch-ticket';
import { ClientPanel } from './client-panel';
import { Composer } from './composer';
import { CenterLoader, MessageList } from './message-list';
import { useOmniSettings } from '../../settings';
import { formatSince } from './format';
import { useNow, waitingLevel } from './ticket-list';

export function Conversation({ ticketId, me }: { ticketId: string; me: EmployeeSelf }) {
  const { t, i18n } = useTranslation();
  useWatchTicket(ticketId);
  const ticket = useTicket(ticketId);
  const history = useHistory(ticketId);
  const take = useTake(me.id);
  const navigate = useNavigate();
  const complete = useComplete(me.id);
  const settings = useOmniSettings().data;
  const now = useNow(15_000);

  if (ticket.isError) {
    const notFound = ticket.error instanceof ApiRequestError && ticket.error.status === 404;
    return (
      <Alert color="red" m="lg">
        {notFound ? t('conversation.notFound') : ticket.error.message}
      </Alert>
    );
  }
  if (ticket.isPending || history.isPending) return <CenterLoader />;
  if (history.isError) return <Alert color="red" m="lg">{history.error.message}</Alert>;

  const data = ticket.data;
  // The same rules the API applies: take from the queue with PERM-2; reply and complete as the executor
  // or as a supervisor (PERM-5); anyone who sees the ticket may comment.
  const mayTake = can(me, 'omni.unassigned');
  const supervises = can(me, 'omni.management');
  const mayAnswer = data.executor?.id === me.id || supervises;
  const onTake = () =>
    take.mutate(ticketId, {
      // The request is now in the employee's own chats.
      onSuccess: () => void navigate(`/chats/${ticketId}`, { replace: true }),
      onError: (error) =>
        notifications.show({
          color: 'orange',
          title: t('conversation.takeFailed'),
          message: error.message,
          // WORK-2: the loser is told who won
        }),
    });
  const onComplete = () =>
    complete.mutate(ticketId, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('conversation.completedToast', { number: data.number }) }),
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });

  return (
    <Box style={{ display: 'flex', height: '100%', minWidth: 0 }}>
      <Box style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
        <Group justify="space-between" px="lg" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} wrap="nowrap">
          <Box style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="nowrap">
              <Title order={4} data-testid="conversation-client" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {data.client.name}
              </Title>
              <Badge variant="light" color={data.live ? 'teal' : 'gray'} data-testid="conversation-status">
                {t(`status.${data.status}`)}
              </Badge>
              {data.waitingSince && (settings?.waitingTimer ?? true) && (
                <Badge
                  variant="light"
                  color={{ none: 'gray', ok: 'teal', warn: 'yellow', alert: 'red' }[waitingLevel(data.waitingSince, now, settings)]}
                  data-testid="conversation-waiting"
                >
                  {t('inbox.waiting', { time: formatSince(data.waitingSince, now, i18n.language) })}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" truncate>
              #{data.number} · {t(`channel.${data.channel.type}`)} · {data.department.name}
              {data.executor && ` · ${t('conversation.executor', { name: data.executor.name })}`}
            </Text>
          </Box>
          <Group gap="xs" wrap="nowrap">
            {data.live && !data.executor && mayTake && (
              <Button leftSection={<IconHandGrab size={16} />} color="teal" onClick={onTake} loading={take.isPending} data-testid="take-button">
                {t('conversation.take')}
              </Button>
            )}
            {data.live && mayAnswer && (
              <Button
                variant="light"
                color="gray"
                leftSection={<IconCircleCheck size={16} />}
                onClick={onComplete}
                loading={complete.isPending}
                data-testid="complete-button"
              >
                {t('conversation.complete')}
              </Button>
            )}
          </Group>
        </Group>
        <MessageList ticketId={ticketId} messages={history.data.items} hasOlder={history.data.hasOlder} />
        {!data.live ? (
          <Paper p="md" radius={0} bg="gray.1" data-testid="conversation-completed">
            <Text size="sm" c="dimmed" ta="center">
              {t('conversation.completedNote')}
            </Text>
          </Paper>
        ) : data.executor || !mayTake ? (
          <Composer key={ticketId} ticketId={ticketId} canReply={mayAnswer} />
        ) : (
          <Paper p="md" radius={0} bg="teal.0" data-testid="take-bar">
            <Group justify="space-between">
              <Text size="sm">{t('conversation.takeHint')}</Text>
              <Button size="xs" color="teal" onClick={onTake} loading={take.isPending}>
                {t('conversation.take')}
              </Button>
            </Group>
          </Paper>
        )}
      </Box>
      <Box w={280} style={{ borderLeft: '1px solid var(--mantine-color-gray-3)', overflowY: 'auto', flexShrink: 0 }} visibleFrom="lg">
        <ClientPanel ticket={data} />
      </Box>
    </Box>
  );
}
