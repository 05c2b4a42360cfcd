import type { EmployeeSelf, Message, OmniSettings, OperatorPresence, TicketHandedEvent, TicketList, TicketSummary, TicketTypingEvent } from '@omnichannel/contracts';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { authKeys } from '../features/auth';
import { applyPresence, dispatcherKeys } from '../features/dispatcher';
import { settingsKeys } from '../features/settings';
import { addMessages, catchUpAll, ticketKeys, upsertTicket } from '../features/tickets';
import { announce } from './notify';
import { can } from './permissions';
import { getSocket } from './socket';

export interface TypingState {
  preview: string | null;
  names: string[];
  until: number;
}

/**
 * Turns socket events into TanStack Query cache updates (house style: one hook, per-feature key
 * factories). On every (re)connect the lists are refetched — the server has joined our rooms by then, so
 * nothing falls between the fetch and the live events; open conversations catch up by sequence number.
 * It also announces new requests and messages (NAV-7) and colleagues handing conversations over.
 */
export function useRealtimeSync(me: EmployeeSelf): void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation();
  useEffect(() => {
    const socket = getSocket();
    const previous = (id: string): TicketSummary | undefined => {
      for (const [, list] of queryClient.getQueriesData<TicketList>({ queryKey: ticketKeys.lists })) {
        const found = list?.items.find((i) => i.id === id);
        if (found) return found;
      }
      return undefined;
    };
    const onTicket = (ticket: TicketSummary) => {
      const before = previous(ticket.id);
      upsertTicket(queryClient, ticket, me.id);
      const mine = ticket.executor?.id === me.id || ticket.participantIds.includes(me.id);
      const newRequest = !before && ticket.live && !ticket.executor;
      const newMessage = mine && before !== undefined && ticket.lastClientSeq > before.lastClientSeq;
      if (newRequest || newMessage) {
        const path = newRequest ? `/unassigned/${ticket.id}` : `/chats/${ticket.id}`;
        announce(me, newRequest ? t('notify.newRequest', { name: ticket.client.name }) : t('notify.newMessage', { name: ticket.client.name }), ticket.lastMessage?.body ?? '', () => void navigate(path));
      }
    };
    const onMessage = (message: Message) => addMessages(queryClient, message.ticketId, [message]);
    const onConnect = () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
      // DSP-2: while we were away the server may have set us offline.
      void queryClient.invalidateQueries({ queryKey: dispatcherKeys.presenceMe });
    };
    // Live events may have been lost between the server's instances (Redis was away): catch up (issue #16).
    const onSyncRequired = () => {
      onConnect();
      void catchUpAll(queryClient);
    };
    const onSettings = (settings: OmniSettings) => {
      queryClient.setQueryData(settingsKeys.omni, settings);
      // SET-3: which channels and statuses the lists show may have changed.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists });
    };
    const onTyping = (event: TicketTypingEvent) => {
      if (event.who.type === 'employee' && event.who.id === me.id) return;
      queryClient.setQueryData<TypingState>(ticketKeys.typing(event.ticketId), (current) => {
        const names = new Set(current && current.until > Date.now() ? current.names : []);
        const label = event.who.type === 'client' ? '' : event.who.name;
        if (event.typing) names.add(label);
        else names.delete(label);
        return { preview: event.who.type === 'client' ? (event.typing ? event.preview : null) : (current?.preview ?? null), names: [...names], until: Date.now() + 6000 };
      });
    };
    const onHanded = (event: TicketHandedEvent) => {
      upsertTicket(queryClient, event.ticket, me.id);
      const title =
        event.kind === 'transferred'
          ? t('notify.transferred', { name: event.byName, number: event.ticket.number })
          : t('notify.invited', { name: event.byName, number: event.ticket.number });
      notifications.show({
        color: 'teal',
        title,
        message: event.comment ?? event.ticket.subject,
        autoClose: 8000,
        onClick: () => void navigate(`/chats/${event.ticket.id}`),
        style: { cursor: 'pointer' },
      });
      announce(me, title, event.comment ?? event.ticket.subject, () => void navigate(`/chats/${event.ticket.id}`));
    };
    // DSP-1: statuses and loads are live everywhere (our own status in the switcher, the operators table).
    const onPresence = (presence: OperatorPresence) => applyPresence(queryClient, presence, me.id);
    // SLA-2: a breach marks the chat; supervisors are told at once.
    const onSlaBreached = (event: { ticket: TicketSummary; deadline: 'first-reply' | 'resolution' }) => {
      upsertTicket(queryClient, event.ticket, me.id);
      if (!can(me, 'omni.management')) return;
      const path = event.ticket.executor ? `/chats/${event.ticket.id}` : `/unassigned/${event.ticket.id}`;
      notifications.show({
        color: 'red',
        title: t(event.deadline === 'first-reply' ? 'sla.breachedFirstReply' : 'sla.breachedResolution', { number: event.ticket.number }),
        message: `${event.ticket.client.name} · ${event.ticket.subject}`,
        autoClose: 10_000,
        onClick: () => void navigate(path),
        style: { cursor: 'pointer' },
      });
    };
    // The server closes our socket when our session ended (sign-out elsewhere, disabled, password changed)
    // or our rights changed. Ask who we are now: signed out → the app shows the sign-in page; still
    // signed in → reconnect, and the handshake grants the rooms the new rights allow.
    const onDisconnect = (reason: string) => {
      if (reason !== 'io server disconnect') return; // the client reconnects by itself otherwise
      void queryClient.invalidateQueries({ queryKey: authKeys.me }).then(() => {
        if (queryClient.getQueryData(authKeys.me)) socket.connect();
      });
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
    };
    socket.on('ticket:upserted', onTicket);
    socket.on('message:created', onMessage);
    socket.on('message:updated', onMessage);
    socket.on('settings:omni', onSettings);
    socket.on('ticket:typing', onTyping);
    socket.on('ticket:handed', onHanded);
    socket.on('operator:presence', onPresence);
    socket.on('ticket:sla-breached', onSlaBreached);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('sync:required', onSyncRequired);
    return () => {
      socket.off('sync:required', onSyncRequired);
      socket.off('ticket:upserted', onTicket);
      socket.off('message:created', onMessage);
      socket.off('message:updated', onMessage);
      socket.off('settings:omni', onSettings);
      socket.off('ticket:typing', onTyping);
      socket.off('ticket:handed', onHanded);
      socket.off('operator:presence', onPresence);
      socket.off('ticket:sla-breached', onSlaBreached);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    };
  }, [queryClient, me, navigate, t]);
}

function subscribe(callback: () => void): () => void {
  const socket = getSocket();
  socket.on('connect', callback);
  socket.on('disconnect', callback);
  return () => {
    socket.off('connect', callback);
    socket.off('disconnect', callback);
  };
}

/** Whether the live connection is up (for the "reconnecting" banner). */
export function useSocketConnected(): boolean {
  return useSyncExternalStore(subscribe, () => getSocket().connected);
}
