import type { Message } from '@omnichannel/contracts';
import { Box, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconChecks, IconClock, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatTime } from './format';
import classes from './message-item.module.css';

/**
 * One history entry. Replies (teal) and internal comments (violet, with a lock) look clearly different
 * (WORK-6). Text is always rendered as text, never as HTML.
 */
export function MessageItem({ message }: { message: Message }) {
  const { t, i18n } = useTranslation();
  if (message.kind === 'system') {
    return (
      <Text size="xs" c="dimmed" ta="center" my={6} data-testid="message" data-kind="system" data-seq={message.seq}>
        {systemText(message, t)} · {formatTime(message.createdAt, i18n.language)}
      </Text>
    );
  }
  const outgoing = message.kind !== 'client';
  return (
    <Group justify={outgoing ? 'flex-end' : 'flex-start'} my={4} wrap="nowrap">
      <Box
        className={classes.bubble}
        data-kind={message.kind}
        data-testid="message"
        data-seq={message.seq}
        data-state={message.delivery?.state}
        aria-label={message.kind === 'comment' ? t('message.commentLabel') : undefined}
      >
        <Group gap={6} mb={2} wrap="nowrap">
          {message.kind === 'comment' && <IconLock size={12} aria-hidden />}
          <Text size="xs" fw={600} className={classes.author}>
            {message.kind === 'comment' ? `${t('message.comment')} · ${message.author.name}` : message.author.name}
          </Text>
        </Group>
        <Text size="sm" className={classes.body}>
          {message.body}
        </Text>
        <Group gap={4} justify="flex-end" mt={2} wrap="nowrap">
          <Text size="10px" className={classes.meta}>
            {formatTime(message.createdAt, i18n.language)}
          </Text>
          {message.kind === 'reply' && <DeliveryIcon message={message} />}
        </Group>
      </Box>
    </Group>
  );
}

function DeliveryIcon({ message }: { message: Message }) {
  const { t } = useTranslation();
  const state = message.delivery?.state ?? 'queued';
  const label = state === 'failed' ? `${t('delivery.failed')}: ${message.delivery?.error ?? ''}` : t(`delivery.${state}`);
  const icon = {
    queued: <IconClock size={13} />,
    sent: <IconCheck size={13} />,
    delivered: <IconChecks size={13} />,
    read: <IconChecks size={13} color="var(--mantine-color-blue-2)" />,
    failed: <IconAlertTriangle size={13} color="var(--mantine-color-red-2)" />,
  }[state];
  return (
    <Tooltip label={label} withArrow>
      <span className={classes.meta} data-testid="delivery-state" data-state={state} aria-label={label} role="img">
        {icon}
      </span>
    </Tooltip>
  );
}

function systemText(message: Message, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (message.event?.type) {
    case 'ticket.assigned':
      return t('system.assigned', { name: message.event.employeeName });
    case 'ticket.completed':
      return message.event.employeeName ? t('system.completedBy', { name: message.event.employeeName }) : t('system.completed');
    case 'ticket.created':
      return t('system.created');
    case 'ticket.released':
      return t('system.released', { name: message.event.employeeName });
    case undefined:
      return message.body;
  }
}
