import type { TicketSummary, TicketView } from '@omnichannel/contracts';
import { Avatar, Badge, Box, Center, Group, Loader, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OmniSettings } from '@omnichannel/contracts';
import { useOmniSettings } from '../../settings';
import { isUnreadForMe, useTicketList } from '../api/tickets';
import { DispatchBadges } from './dispatch-badges';
import { formatSince, initials } from './format';
import classes from './ticket-list.module.css';

export function TicketList({ view, meId, activeId, basePath }: { view: TicketView; meId: string; activeId?: string; basePath: string }) {
  const { t } = useTranslation();
  const list = useTicketList(view);
  const settings = useOmniSettings().data;
  const now = useNow(15_000);

  if (list.isPending) {
    return (
      <Center h={200}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (list.isError) return <Text p="md" c="red">{list.error.message}</Text>;
  if (list.data.items.length === 0) {
    return (
      <Stack align="center" gap={6} py={60} px="lg" c="dimmed" data-testid="ticket-list-empty">
        <IconInbox size={36} stroke={1.3} />
        <Text size="sm" ta="center">{view === 'unassigned' ? t('inbox.emptyUnassigned') : view === 'mine' ? t('inbox.emptyMine') : t('inbox.emptyChannel')}</Text>
      </Stack>
    );
  }
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={0} data-testid="ticket-list" role="list">
        {list.data.items.map((ticket) => (
          <TicketRow
            key={ticket.id}
            ticket={ticket}
            active={ticket.id === activeId}
            unread={ticket.id !== activeId && isUnreadForMe(ticket, list.data.readSeqs, meId)}
            to={`${basePath}/${ticket.id}`}
            now={now}
            settings={settings}
          />
        ))}
      </Stack>
    </ScrollArea>
  );
}

/** SET-6: how urgent the client's wait is, by the configured thresholds. */
export function waitingLevel(waitingSince: string | null, now: number, settings: OmniSettings | undefined): 'none' | 'ok' | 'warn' | 'alert' {
  if (!waitingSince || !settings?.waitingColors.enabled) return 'none';
  const minutes = (now - new Date(waitingSince).getTime()) / 60_000;
  if (minutes >= settings.waitingColors.alertAfterMinutes) return 'alert';
  if (minutes >= settings.waitingColors.warnAfterMinutes) return 'warn';
  return 'ok';
}

const levelColor = { none: 'gray', ok: 'teal', warn: 'yellow', alert: 'red' } as const;

function TicketRow({
  ticket,
  active,
  unread,
  to,
  now,
  settings,
}: {
  ticket: TicketSummary;
  active: boolean;
  /** NAV-7: the client wrote after the employee last looked. */
  unread: boolean;
  to: string;
  now: number;
  settings: OmniSettings | undefined;
}) {
  const { t, i18n } = useTranslation();
  const level = waitingLevel(ticket.waitingSince, now, settings);
  const prefix =
    ticket.lastMessage?.kind === 'comment' ? `${t('message.commentPrefix')}: ` : ticket.lastMessage?.kind === 'reply' ? `${t('message.youPrefix')}: ` : '';
  // The client's words are isolated, so a right-to-left override in them reverses nothing around them.
  const preview = (
    <>
      {prefix}
      <bdi>{ticket.lastMessage ? ticket.lastMessage.body : ticket.subject}</bdi>
    </>
  );
  return (
    <UnstyledButton
      component={Link}
      to={to}
      className={classes.row}
      data-active={active || undefined}
      data-unread={unread || undefined}
      data-waiting={level}
      data-testid="ticket-row"
      data-ticket-id={ticket.id}
      role="listitem"
      aria-current={active ? 'page' : undefined}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Avatar color="teal" radius="xl" size={38}>
          {initials(ticket.client.name)}
        </Avatar>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap={6}>
            <Text fw={600} size="sm" truncate data-testid="ticket-row-client" dir="auto">
              {ticket.client.name}
            </Text>
            <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
              <Text size="xs" c="dimmed">
                #{ticket.number}
              </Text>
              {unread && <span className={classes.dot} aria-label={t('inbox.unread')} data-testid="ticket-row-unread" />}
            </Group>
          </Group>
          <Text size="sm" c={unread ? 'dark' : 'dimmed'} fw={unread ? 500 : undefined} lineClamp={2} data-testid="ticket-row-preview">
            {preview}
          </Text>
          <Group gap={6} mt={4}>
            <Badge size="xs" variant="light" color="gray">
              {t(`channel.${ticket.channel.type}`)}
            </Badge>
            {ticket.waitingSince && (settings?.waitingTimer ?? true) && (
              <Badge size="xs" variant={level === 'alert' ? 'filled' : 'light'} color={levelColor[level]} data-testid="ticket-row-waiting">
                {t('inbox.waiting', { time: formatSince(ticket.waitingSince, now, i18n.language) })}
              </Badge>
            )}
            <DispatchBadges ticket={ticket} now={now} testIdPrefix="ticket-row" />
          </Group>
        </Box>
      </Group>
    </UnstyledButton>
  );
}

/** The current time, refreshed every `everyMs` so waiting times move on screen. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
