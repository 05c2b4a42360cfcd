import type { EmployeeSelf, Message, OmniSettings, TicketSummary } from '@omnichannel/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { authKeys } from '../features/auth';
import { settingsKeys } from '../features/settings';
import { addMessages, upsertTicket } from '../features/tickets';
import { getSocket } from './socket';

/**
 * Turns socket events into TanStack Query cache updates (house style: one hook, per-feature key
 * factories). On every (re)connect the lists are refetched — the server has joined our rooms by then, so
 * nothing falls between the fetch and the live events; open conversations catch up by sequence number.
 */
export function useRealtimeSync(me: EmployeeSelf): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    const onTicket = (ticket: TicketSummary) => upsertTicket(queryClient, ticket, me.id);
    const onMessage = (message: Message) => addMessages(queryClient, message.ticketId, [message]);
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    const onSettings = (settings: OmniSettings) => queryClient.setQueryData(settingsKeys.omni, settings);
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
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off('ticket:upserted', onTicket);
      socket.off('message:created', onMessage);
      socket.off('message:updated', onMessage);
      socket.off('settings:omni', onSettings);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    };
  }, [queryClient, me.id]);
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
