import type { EmployeeSelf, Message, TicketSummary } from '@omnichannel/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
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
    socket.on('ticket:upserted', onTicket);
    socket.on('message:created', onMessage);
    socket.on('message:updated', onMessage);
    socket.on('connect', onConnect);
    return () => {
      socket.off('ticket:upserted', onTicket);
      socket.off('message:created', onMessage);
      socket.off('message:updated', onMessage);
      socket.off('connect', onConnect);
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
