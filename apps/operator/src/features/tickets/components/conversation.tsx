import { ErrorCode, isRouteError, type EmployeeSelf, type TicketDetail } from '@omnichannel/contracts';
import { Alert, Badge, Box, Button, Group, Paper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHandGrab } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { can } from '../../../lib/permissions';
import { useOmniSettings } from '../../settings';
import { markRead, useHistory, useStatuses, useTake, useTicket, type HistoryView } from '../api/tickets';
import { useWatchTicket } from '../api/use-watch-ticket';
import { ClientPanel } from './client-panel';
import { Composer } from './composer';
import { ConversationActions } from './conversation-actions';
import { DispatchBadges } from './dispatch-badges';
import { formatSince } from './format';
import { CenterLoader, MessageList } from './message-list';
import { useNow, waitingLevel } from './ticket-list';
import { isFinalStatus, useStatusLabel } from './status-label';
import { TypingPreview } from './typing-preview';

/**
 * NAV-7: what the employee sees is read. The mark follows the newest entry while the tab is visible,
 * and catches up when the employee comes back to a hidden tab.
 */
function useReadMark(ticket: TicketDetail | undefined) {
  const queryClient = useQueryClient();
  const sent = useRef(0);
  const id = ticket?.id;
  const lastSeq = ticket?.lastSeq ?? 0;
  const unread = ticket ? ticket.lastClientSeq > Math.max(ticket.readSeq, sent.current) : false;
  useEffect(() => {
    if (!id || !unread) return;
    const mark = () => {
      if (document.hidden || sent.current >= lastSeq) return;
      sent.current = lastSeq;
      void markRead(queryClient, id, lastSeq).catch(() => {
        sent.current = 0; // try again on the next change
      });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [id, lastSeq, unread, queryClient]);
}

/**
 * A conversation with its client panel. In the workspace it shows the live chat's history; on the ticket
 * page (CORE-6) the ticket's history, where merged replies (SET-1) stand for the chat's replies.
 */
export function Conversation({
  ticketId,
  me,
  basePath,
  view = 'chat',
}: {
  ticketId: string;
  me: EmployeeSelf;
  basePath: string;
  view?: HistoryView;
}) {
  const { t, i18n } = useTranslation();
  useWatchTicket(ticketId);
  const ticket = useTicket(ticketId);
  const history = useHistory(ticketId, view);
  const take = useTake(me.id);
  const navigate = useNavigate();
  const settings = useOmniSettings().data;
  const now = useNow(15_000);
  const statuses = useStatuses().data?.items;
  const statusLabel = useStatusLabel();
  useReadMark(ticket.data);

  if (ticket.isError) {
    const notFound = isRouteError(ticket.error, 'tickets.detail', ErrorCode.TicketNotFound);
    return (
      <Alert color="red" m="lg">
        {notFound ? t('conversation.notFound') : ticket.error.message}
      </Alert>
    );
  }
  if (ticket.isPending || history.isPending) return <CenterLoader />;
  if (history.isError) return <Alert color="red" m="lg">{history.error.message}</Alert>;

  const data = ticket.data;
  // The same rules the API applies: take from the queue with PERM-2; reply, transfer and complete as the
  // executor or as a supervisor (PERM-5); anyone who sees the ticket (an invited colleague too) may comment.
  const mayTake = can(me, 'omni.unassigned');
  const mayAnswer = data.executor?.id === me.id || can(me, 'omni.management');
  // CORE-6: after the live chat, work goes on in the ticket until it reaches a final status.
  const closed = !data.live && isFinalStatus(statuses, data.status);
  const onTake = () =>
    take.mutate(ticketId, {
      // The request is now in the employee's own chats.
      onSuccess: () => void navigate(`/chats/${ticketId}`, { replace: true }),
      // WORK-2: the loser is told who won (the server's message names them)
      onError: (error) => notifications.show({ color: 'orange', title: t('conversation.takeFailed'), message: error.message }),
    });

  return (
    <Box style={{ display: 'flex', height: '100%', minWidth: 0 }} data-testid="conversation" data-ticket-id={data.id}>
      <Box style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
        {/* The actions move under the title when the column is narrow (client panel open on a laptop), never over it. */}
        <Group justify="space-between" px="lg" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', rowGap: 'var(--mantine-spacing-xs)' }} wrap="wrap">
          <Box style={{ flex: '1 1 260px', minWidth: 0 }}>
            <Group gap="xs" wrap="nowrap">
              <Title order={4} data-testid="conversation-client" dir="auto" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {data.client.name}
              </Title>
              <Badge variant="light" color={data.live ? 'teal' : 'gray'} style={{ flexShrink: 0 }} data-testid="conversation-status">
                {statusLabel(data.status)}
              </Badge>
              {data.waitingSince && (settings?.waitingTimer ?? true) && (
                <Badge
                  variant="light"
                  style={{ flexShrink: 0 }}
                  color={{ none: 'gray', ok: 'teal', warn: 'yellow', alert: 'red' }[waitingLevel(data.waitingSince, now, settings)]}
                  data-testid="conversation-waiting"
                >
                  {t('inbox.waiting', { time: formatSince(data.waitingSince, now, i18n.language) })}
                </Badge>
              )}
            </Group>
            <Group gap={6} wrap="nowrap">
              <Text size="xs" c="dimmed" truncate>
                #{data.number} · {t(`channel.${data.channel.type}`)} · {data.department.name}
                {data.executor && ` · ${t('conversation.executor', { name: data.executor.name })}`}
              </Text>
              <DispatchBadges ticket={data} now={now} testIdPrefix="conversation" />
            </Group>
          </Box>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0, marginInlineStart: 'auto' }}>
            {data.live && !data.executor && mayTake && (
              <Button leftSection={<IconHandGrab size={16} />} color="teal" onClick={onTake} loading={take.isPending} data-testid="take-button">
                {t('conversation.take')}
              </Button>
            )}
            <ConversationActions ticket={data} me={me} mayAnswer={mayAnswer} mayTake={mayTake} basePath={basePath} />
          </Group>
        </Group>
        <MessageList
          ticketId={ticketId}
          view={view}
          messages={history.data.items}
          hasOlder={history.data.hasOlder}
          canRetry={mayAnswer}
          footer={<TypingPreview ticketId={ticketId} />}
        />
        {closed ? (
          <Paper p="md" radius={0} bg="gray.1" data-testid="conversation-completed">
            <Text size="sm" c="dimmed" ta="center">
              {t('conversation.completedNote')}
            </Text>
          </Paper>
        ) : data.executor || !mayTake || !data.live ? (
          <Composer
            key={ticketId}
            ticketId={ticketId}
            canReply={mayAnswer}
            channel={data.channel.type}
            clientName={data.client.name}
            clientEmail={data.client.email}
            ticketNumber={data.number}
          />
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
      <Box w={300} style={{ borderLeft: '1px solid var(--mantine-color-gray-3)', overflowY: 'auto', flexShrink: 0 }} visibleFrom="md">
        <ClientPanel ticket={data} me={me} mayInvite={data.live && mayAnswer} />
      </Box>
    </Box>
  );
}
