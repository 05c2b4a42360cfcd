import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getSocket } from '../../../lib/socket';
import { catchUp } from './tickets';

/**
 * Joins the conversation's live room while it is open. Once joined (and after every reconnect) it fetches
 * what was written after the newest seq held: whatever the history page missed before the join arrives
 * that way, everything after it by socket, so nothing is missed (WORK-12).
 */
export function useWatchTicket(ticketId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    const watch = () => {
      socket.emit('ticket:watch', { ticketId }, () => void catchUp(queryClient, ticketId));
    };
    if (socket.connected) watch();
    socket.on('connect', watch);
    return () => {
      socket.off('connect', watch);
      socket.emit('ticket:unwatch', { ticketId }, () => undefined);
    };
  }, [ticketId, queryClient]);
}
