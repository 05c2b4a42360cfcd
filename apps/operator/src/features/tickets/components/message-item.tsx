import type { Attachment, Message } from '@omnichannel/contracts';
import { Anchor, Box, Button, Group, Image, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconChecks, IconClock, IconFile, IconLock, IconRefresh } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/errors';
import { useRetry } from '../api/tickets';
import { formatBytes } from '../../templates';
import { formatTime } from './format';
import classes from './message-item.module.css';

/**
 * One history entry. Replies (teal) and internal comments (violet, with a lock) look clearly different
 * (WORK-6). Text and file names are always rendered as text, never as HTML, and isolated (`dir="auto"`,
 * `<bdi>`): a right-to-left override in what a client wrote reverses nothing around it (issue #10).
 */
export function MessageItem({ message, canRetry = false }: { message: Message; canRetry?: boolean }) {
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
    <Group justify={outgoing ? 'flex-end' : 'flex-start'} my={4} wrap="nowrap" className={classes.row}>
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
            {message.kind === 'comment' && `${t('message.comment')} · `}
            <bdi>{message.author.name}</bdi>
          </Text>
        </Group>
        {message.body && (
          <Text size="sm" className={classes.body} dir="auto">
            {message.body}
          </Text>
        )}
        {message.attachments.length > 0 && (
          <Box mt={message.body ? 6 : 0} className={classes.files}>
            {message.attachments.map((a) => (
              <AttachmentView key={a.id} attachment={a} />
            ))}
          </Box>
        )}
        <Group gap={4} justify="flex-end" mt={2} wrap="nowrap">
          {message.editedAt && (
            <Text size="10px" className={classes.meta} fs="italic" data-testid="message-edited" title={formatTime(message.editedAt, i18n.language)}>
              {t('message.edited')}
            </Text>
          )}
          <Text size="10px" className={classes.meta}>
            {formatTime(message.createdAt, i18n.language)}
          </Text>
          {message.kind === 'reply' && message.delivery && <DeliveryIcon message={message} />}
        </Group>
        {message.delivery?.state === 'failed' && <FailedDelivery message={message} canRetry={canRetry} />}
      </Box>
    </Group>
  );
}

function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { i18n } = useTranslation();
  if (attachment.isImage) {
    return (
      <Anchor href={attachment.url} target="_blank" rel="noreferrer" data-testid="attachment" data-kind="image" className={classes.image}>
        <Image src={attachment.url} alt={attachment.name} radius="sm" mah={220} maw={260} fit="contain" />
      </Anchor>
    );
  }
  return (
    <Anchor href={attachment.url} download={attachment.name} className={classes.file} data-testid="attachment" data-kind="file">
      <IconFile size={18} />
      <bdi className={classes.fileName}>{attachment.name}</bdi>
      <span className={classes.fileSize}>{formatBytes(attachment.size, i18n.language)}</span>
    </Anchor>
  );
}

/** WORK-9: a failed reply says why, and offers to send it again. */
function FailedDelivery({ message, canRetry }: { message: Message; canRetry: boolean }) {
  const { t } = useTranslation();
  const retry = useRetry();
  return (
    <Box mt={6} className={classes.failed} data-testid="delivery-failed">
      <Group gap={6} wrap="nowrap" align="flex-start">
        <IconAlertTriangle size={14} />
        <Text size="xs">{message.delivery?.error ?? t('delivery.failed')}</Text>
      </Group>
      {canRetry && (
        <Button
          size="compact-xs"
          variant="white"
          color="red"
          mt={4}
          leftSection={<IconRefresh size={12} />}
          loading={retry.isPending}
          onClick={() => retry.mutate(message.id, { onError: (e) => notifications.show({ color: 'red', message: errorText(e, t) }) })}
          data-testid="retry-button"
        >
          {t('delivery.retry')}
        </Button>
      )}
    </Box>
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

export function systemText(message: Message, t: TFunction): string {
  const event = message.event;
  switch (event?.type) {
    case 'ticket.assigned':
      return t('system.assigned', { name: event.employeeName });
    case 'ticket.completed':
      return event.employeeName ? t('system.completedBy', { name: event.employeeName }) : t('system.completed');
    case 'ticket.created':
      return t('system.created');
    case 'ticket.released':
      return t('system.released', { name: event.employeeName });
    case 'ticket.transferred':
      return t('system.transferred', { name: event.byName, to: [event.toEmployeeName, event.toDepartmentName].filter(Boolean).join(', ') });
    case 'ticket.invited':
      return t('system.invited', { name: event.byName, invitee: event.employeeName });
    case 'ticket.moved-to-tickets':
      return t('system.movedToTickets', { name: event.employeeName });
    case 'ticket.status-changed':
      return t('system.statusChanged', { name: event.byName, from: t(`status.${event.from}`, { defaultValue: event.from }), to: t(`status.${event.to}`, { defaultValue: event.to }) });
    case 'rule.applied':
      return t('system.ruleApplied', { rule: event.ruleName, action: t(`rules.action.${event.action}`, { defaultValue: event.action }), detail: event.detail ? ` (${event.detail})` : '' });
    case 'ticket.queued':
      return t('system.queued', { group: event.groupName });
    case 'sla.breached':
      return t(event.deadline === 'first-reply' ? 'system.slaFirstReply' : 'system.slaResolution');
    case undefined:
      return message.body;
  }
}
