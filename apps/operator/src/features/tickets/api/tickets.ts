import type {
  Message,
  MessagePage,
  PostMessageRequest,
  TicketDetail,
  TicketList,
  TicketSummary,
  TicketView,
} from '@omnichannel/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (view: TicketView) => ['tickets', 'list', view] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  messages: (id: string) => ['tickets', 'messages', id] as const,
};

export const ticketListQuery = (view: TicketView) =>
  queryOptions({
    queryKey: ticketKeys.list(view),
    queryFn: () => api<TicketList>('GET', '/tickets', { query: { view } }),
  });

export const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: ticketKeys.detail(id),
    queryFn: () => api<TicketDetail>('GET', `/tickets/${id}`),
  });

/** The loaded part of a conversation's history, ascending by seq. */
export interface History {
  items: Message[];
  hasOlder: boolean;
}

export const PAGE_SIZE = 50;

export const historyQuery = (id: string) =>
  queryOptions({
    queryKey: ticketKeys.messages(id),
    queryFn: async (): Promise<History> => {
      const page = await api<MessagePage>('GET', `/tickets/${id}/messages`, { query: { limit: PAGE_SIZE } });
      return { items: page.items, hasOlder: page.hasMore };
    },
    staleTime: Infinity, // kept fresh by socket events and the reconnect catch-up
  });

export function useTicketList(view: TicketView) {
  return useQuery(ticketListQuery(view));
}

export function useTicket(id: string) {
  return useQuery(ticketQuery(id));
}

export function useHistory(id: string) {
  return useQuery(historyQuery(id));
}

// ---------------------------------------------------------------- cache updates (shared with realtime sync)

const deliveryRank: Record<NonNullable<Message['delivery']>['state'], number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };
const rank = (m: Message) => (m.delivery ? deliveryRank[m.delivery.state] : -1);

/**
 * Inserts or replaces messages by id, keeping seq order: nothing shown twice, nothing out of order.
 * Copies arrive by REST and socket in any order, so an older delivery state never replaces a newer one.
 */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) {
    const held = byId.get(m.id);
    if (!held || rank(m) >= rank(held)) byId.set(m.id, m);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function addMessages(queryClient: QueryClient, ticketId: string, incoming: Message[]): void {
  queryClient.setQueryData<History>(ticketKeys.messages(ticketId), (history) =>
    history ? { ...history, items: mergeMessages(history.items, incoming) } : history,
  );
}

/** Which list a ticket belongs in, from its own fields. */
export function belongsTo(view: TicketView, ticket: TicketSummary, meId: string): boolean {
  switch (view) {
    case 'unassigned':
      return ticket.live && ticket.executor === null;
    case 'mine':
      return ticket.live && ticket.executor?.id === meId;
  }
}

const listOrder: Record<TicketView, (a: TicketSummary, b: TicketSummary) => number> = {
  unassigned: (a, b) => a.createdAt.localeCompare(b.createdAt),
  mine: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
};

export function upsertTicket(queryClient: QueryClient, ticket: TicketSummary, meId: string): void {
  for (const view of ['unassigned', 'mine'] as const) {
    queryClient.setQueryData<TicketList>(ticketKeys.list(view), (list) => {
      if (!list) return list;
      const others = list.items.filter((i) => i.id !== ticket.id);
      const items = belongsTo(view, ticket, meId) ? [...others, ticket].sort(listOrder[view]) : others;
      return { items };
    });
  }
  queryClient.setQueryData<TicketDetail>(ticketKeys.detail(ticket.id), (detail) => (detail ? { ...detail, ...ticket } : detail));
}

// ---------------------------------------------------------------- mutations

export function useTake(meId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<TicketSummary>('POST', `/tickets/${id}/take`),
    onSuccess: (ticket) => upsertTicket(queryClient, ticket, meId),
    onError: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

export function useComplete(meId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<TicketSummary>('POST', `/tickets/${id}/complete`),
    onSuccess: (ticket) => upsertTicket(queryClient, ticket, meId),
  });
}

export function usePostMessage(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PostMessageRequest) => api<Message>('POST', `/tickets/${ticketId}/messages`, { body: request }),
    onSuccess: (message) => addMessages(queryClient, ticketId, [message]),
  });
}

/** WORK-12: older pages are prepended on demand. */
export async function loadOlder(queryClient: QueryClient, ticketId: string): Promise<void> {
  const history = queryClient.getQueryData<History>(ticketKeys.messages(ticketId));
  const oldest = history?.items[0];
  if (!history || !oldest) return;
  const page = await api<MessagePage>('GET', `/tickets/${ticketId}/messages`, { query: { beforeSeq: oldest.seq, limit: PAGE_SIZE } });
  queryClient.setQueryData<History>(ticketKeys.messages(ticketId), (h) =>
    h ? { items: mergeMessages(h.items, page.items), hasOlder: page.hasMore } : h,
  );
}

/** After a reconnect: fetch everything after the newest message we hold (WORK-12). */
export async function catchUp(queryClient: QueryClient, ticketId: string): Promise<void> {
  const history = queryClient.getQueryData<History>(ticketKeys.messages(ticketId));
  const newest = history?.items.at(-1);
  if (!history || !newest) return;
  let afterSeq = newest.seq;
  for (;;) {
    const page = await api<MessagePage>('GET', `/tickets/${ticketId}/messages`, { query: { afterSeq, limit: 200 } });
    addMessages(queryClient, ticketId, page.items);
    const last = page.items.at(-1);
    if (!page.hasMore || !last) return;
    afterSeq = last.seq;
  }
}
