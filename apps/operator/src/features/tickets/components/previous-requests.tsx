import type { EmployeeSelf, PreviousRequest, TicketDetail } from '@omnichannel/contracts';
import { Anchor, Badge, Box, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../../lib/errors';
import { useInvite, usePrevious } from '../api/tickets';
import { SectionTitle } from './section-title';
import { formatTime } from './format';
import { useStatusLabel } from './status-label';

/**
 * WORK-5: the client's earlier requests, shown only when there are any: when, who handled it, a link to
 * open it, and an invitation for that previous executor to join this conversation (they hear it live).
 */
export function PreviousRequests({ ticket, me, mayInvite }: { ticket: TicketDetail; me: EmployeeSelf; mayInvite: boolean }) {
  const { t } = useTranslation();
  const previous = usePrevious(ticket.id);
  const items = previous.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <>
      <SectionTitle>{t('previous.title', { count: items.length })}</SectionTitle>
      <Stack gap={8} data-testid="previous-requests">
        {items.map((item) => (
          <PreviousItem key={item.id} item={item} ticket={ticket} me={me} mayInvite={mayInvite} />
        ))}
      </Stack>
    </>
  );
}

function PreviousItem({ item, ticket, me, mayInvite }: { item: PreviousRequest; ticket: TicketDetail; me: EmployeeSelf; mayInvite: boolean }) {
  const { t, i18n } = useTranslation();
  const invite = useInvite(me.id);
  const statusLabel = useStatusLabel();
  const executor = item.executor;
  const alreadyHere = executor !== null && (executor.id === ticket.executor?.id || ticket.participantIds.includes(executor.id));
  const onInvite = () => {
    if (!executor) return;
    invite.mutate(
      { id: ticket.id, employeeId: executor.id },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('previous.invited', { name: executor.name }) }),
        onError: (error) => notifications.show({ color: 'red', title: t('previous.inviteFailed'), message: errorText(error, t) }),
      },
    );
  };
  return (
    <Box p={8} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} data-testid="previous-request">
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Anchor component={Link} to={`/tickets/${item.id}`} size="sm" fw={600} data-testid="previous-open">
          #{item.number}
        </Anchor>
        <Badge size="xs" variant="light" color={item.live ? 'teal' : 'gray'}>
          {statusLabel(item.status)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {formatTime(item.createdAt, i18n.language)} · {t(`channel.${item.channel}`)}
      </Text>
      <Text size="xs" lineClamp={2}>
        <bdi>{item.subject}</bdi>
      </Text>
      <Group justify="space-between" wrap="nowrap" mt={4} gap={4}>
        <Text size="xs" c="dimmed" truncate data-testid="previous-executor">
          {executor ? t('previous.executor', { name: executor.name }) : t('previous.noExecutor')}
        </Text>
        {mayInvite && executor && executor.id !== me.id && !alreadyHere && (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconUserPlus size={12} />}
            onClick={onInvite}
            loading={invite.isPending}
            data-testid="previous-invite"
          >
            {t('previous.invite')}
          </Button>
        )}
        {alreadyHere && (
          <Text size="xs" c="teal" data-testid="previous-here">
            {t('previous.here')}
          </Text>
        )}
      </Group>
    </Box>
  );
}
