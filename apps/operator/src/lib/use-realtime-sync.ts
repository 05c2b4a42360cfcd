import type { EmployeeSelf } from '@omnichannel/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { addMessages, upsertTicket } from '../features/tickets';
import { getSocket } from './socket';

/**
 * Turns socket events into TanStack Query cache updates (house style: one hook, per-feature key
 * factories). On a reconnect the lists are refetched; open conversations catch up by sequence number.
 */
export function useRealtimeSync(me: EmployeeSelf): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    let connectedBefore = false;
    socket.on('ticket:upserted', (ticket) => upsertTicket(queryClient, ticket, me.id));
    socket.on('message:created', (message) => addMessages(queryClient, message.ticketId, [message]));
    socket.on('message:updated', (message) => addMessages(queryClient, message.ticketId, [message]));
    socket.on('connect', () => {
      if (connectedBefore) void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
      connectedBefore = true;
    });
    return () => {
      socket.off('ticket:upserted');
      socket.off('message:created');
      socket.off('message:updated');
      socket.off('connect');
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
