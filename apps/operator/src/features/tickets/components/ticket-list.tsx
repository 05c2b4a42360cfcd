import type { TicketSummary, TicketView } from '@omnichannel/contracts';
import { Avatar, Badge, Box, Center, Group, Loader, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OmniSettings } from '@omnichannel/contracts';
import { useOmniSettings } from '../../settings';
import { isUnreadForMe, useTicketList } from '../api/tickets';
import { DispatchBadges } from './dispatch-badges';
import { formatSince, initials } from './format';
import classes from './ticket-list.module.css';

/** Lists up to this long are rendered whole, so find-in-page and the browser's own scrolling reach every row. */
const RENDER_WHOLE_MAX = 100;
/** Rows rendered beyond the viewport's edges in a longer list: Tab and Shift+Tab always find the next row in place. */
const OVERSCAN = 8;
/** A row with a one-line preview; rows are measured once rendered (a preview takes one or two lines). */
const ESTIMATED_ROW_PX = 92;

export function TicketList({ view, meId, activeId, basePath }: { view: TicketView; meId: string; activeId?: string; basePath: string }) {
  const { t } = useTranslation();
  const list = useTicketList(view);
  const settings = useOmniSettings().data;
  const now = useNow(15_000);
  const viewport = useRef<HTMLDivElement>(null);
  const items = list.data?.items ?? [];
  const activeIndex = activeId === undefined ? -1 : items.findIndex((i) => i.id === activeId);
  // The open chat's row and the focused row stay mounted while scrolled away, so aria-current and the
  // keyboard focus are never lost with them (the focused one by id: rows move as the list changes).
  const focusedId = useRef<string | null>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => viewport.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: items.length <= RENDER_WHOLE_MAX ? RENDER_WHOLE_MAX : OVERSCAN,
    rangeExtractor: (range) => {
      const indexes = new Set(defaultRangeExtractor(range));
      const focusedIndex = focusedId.current === null ? -1 : items.findIndex((i) => i.id === focusedId.current);
      for (const index of [activeIndex, focusedIndex]) if (index >= 0 && index < range.count) indexes.add(index);
      return [...indexes].sort((a, b) => a - b);
    },
  });
  // WORK-13: a chat opened with Alt+↓/↑ (or from a notification, or by its address) is scrolled into view
  // when it opens or its row first arrives, not on every change of the list: scrolling by hand is left alone.
  const activeListed = activeIndex >= 0;
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeId, activeListed]);

  if (list.isPending) {
    return (
      <Center h={200}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (list.isError) return <Text p="md" c="red">{list.error.message}</Text>;
  if (items.length === 0) {
    return (
      <Stack align="center" gap={6} py={60} px="lg" c="dimmed" data-testid="ticket-list-empty">
        <IconInbox size={36} stroke={1.3} />
        <Text size="sm" ta="center">{view === 'unassigned' ? t('inbox.emptyUnassigned') : view === 'mine' ? t('inbox.emptyMine') : t('inbox.emptyChannel')}</Text>
      </Stack>
    );
  }
  // Issue #19: thousands of waiting requests scroll smoothly because only the rows near the viewport are
  // in the DOM; aria-setsize and aria-posinset tell assistive technology where each one stands.
  return (
    <ScrollArea h="100%" type="auto" viewportRef={viewport}>
      <Box
        data-testid="ticket-list"
        role="list"
        className={classes.list}
        style={{ height: virtualizer.getTotalSize() }}
        onFocus={(event) => {
          focusedId.current = (event.target as HTMLElement).closest('[data-ticket-id]')?.getAttribute('data-ticket-id') ?? null;
        }}
        onBlur={() => {
          focusedId.current = null;
        }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const ticket = items[row.index];
          if (!ticket) return null;
          return (
            <TicketRow
              key={row.key}
              ref={virtualizer.measureElement}
              index={row.index}
              setSize={items.length}
              top={row.start}
              ticket={ticket}
              active={ticket.id === activeId}
              unread={ticket.id !== activeId && isUnreadForMe(ticket, list.data.readSeqs, meId)}
              to={`${basePath}/${ticket.id}`}
              now={now}
              settings={settings}
            />
          );
        })}
      </Box>
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
  ref,
  index,
  setSize,
  top,
  ticket,
  active,
  unread,
  to,
  now,
  settings,
}: {
  /** The virtualizer measures the row's height through it. */
  ref: (element: HTMLElement | null) => void;
  index: number;
  setSize: number;
  /** Where the row stands in the list, in pixels. */
  top: number;
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
      ref={ref}
      component={Link}
      to={to}
      className={classes.row}
      style={{ transform: `translateY(${top}px)` }}
      data-index={index}
      aria-setsize={setSize}
      aria-posinset={index + 1}
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
