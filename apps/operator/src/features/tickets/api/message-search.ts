import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/**
 * Issue #19: the text of every conversation the employee may see, newest first; "Load more" appends the
 * next page. Only the tickets page uses it, so it stays out of the workspace's first load (P8).
 */
export function useMessageSearch(q: string) {
  return useInfiniteQuery({
    queryKey: ['tickets', 'message-search', q] as const,
    queryFn: ({ pageParam, signal }) => api('tickets.searchMessages', { query: { q, ...(pageParam ? { cursor: pageParam } : {}) }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: q.length > 0,
  });
}
