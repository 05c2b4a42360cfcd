import type {
  ChannelType,
  LIVE_LIST_PAGE_MAX,
  CompleteRequest,
  Message,
  OmniSettings,
  PostMessageRequest,
  TicketDetail,
  TicketList,
  TicketListQuery,
  TicketSearchQuery,
  TicketSummary,
  TicketView,
  TransferRequest,
  UpdateCustomValuesRequest,
} from '@omnichannel/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { settingsKeys } from '../../settings';

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: ['tickets', 'list'] as const,
  list: (view: TicketView) => ['tickets', 'list', view] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  messages: (id: string, view: HistoryView = 'chat') => ['tickets', 'messages', id, view] as const,
  previous: (id: string) => ['tickets', 'previous', id] as const,
  statuses: ['statuses'] as const,
  fields: ['custom-fields'] as const,
  directory: ['directory'] as const,
  /** WORK-8: who is typing in a conversation (and the visitor's draft), fed by the socket. */
  typing: (id: string) => ['tickets', 'typing', id] as const,
};

const byCreated = (a: TicketSummary, b: TicketSummary) => a.createdAt.localeCompare(b.createdAt);
const byUpdated = (a: TicketSummary, b: TicketSummary) => b.updatedAt.localeCompare(a.updatedAt);

function listQuery(view: TicketView): Pick<TicketListQuery, 'view' | 'channel'> {
  return view === 'unassigned' || view === 'mine' ? { view } : { view: 'channel', channel: view.slice('channel:'.length) as ChannelType };
}

/**
 * How many pages of a live list are read at most: 25 of LIVE_LIST_PAGE_MAX (200, asked for: the server's
 * default page is smaller), so 5,000 entries. The
 * NAV-7 counters, the Alt+↓ hotkeys and the realtime cache updates (upsertTicket) work on the whole set,
 * so it is held whole; a queue longer than this is not one an operator works through, and the cut keeps
 * the browser's memory bounded. The cached list then keeps the next page's cursor (issue #19).
 */
export const LIVE_LIST_MAX_PAGES = 25;
/**
 * LIVE_LIST_PAGE_MAX, tied to it by its type: importing the value would bring the contracts' zod schemas
 * (tickets.ts) into the workspace's first load, 29 KB gzip over P8.
 */
const FULL_PAGE: typeof LIVE_LIST_PAGE_MAX = 200;

/** The order a live list is shown in, as the server pages it: Unassigned oldest first, the others latest change first. */
const viewOrder = (view: TicketView) => (view === 'unassigned' ? byCreated : byUpdated);

/**
 * One live list from its pages (issue #19). A ticket that changed while the pages were read can come
 * twice (it moved past the cursor): it is held once, in its newest copy, where that copy's fields place it.
 */
export function mergeListPages(view: TicketView, pages: readonly TicketList[]): TicketList {
  const byId = new Map<string, TicketSummary>();
  const readSeqs: Record<string, number> = {};
  for (const page of pages) {
    for (const ticket of page.items) {
      const held = byId.get(ticket.id);
      if (!held || ticket.updatedAt >= held.updatedAt) byId.set(ticket.id, ticket);
    }
    for (const [id, seq] of Object.entries(page.readSeqs)) readSeqs[id] = Math.max(readSeqs[id] ?? 0, seq);
  }
  // The sort is stable: entries the order ties keep the server's order.
  return { items: [...byId.values()].sort(viewOrder(view)), readSeqs, nextCursor: pages.at(-1)?.nextCursor ?? null };
}

interface Arrival {
  ticket: TicketSummary;
  meId: string;
}

/**
 * Tickets the socket brought while a list's pages were being read. The answer replaces the cached list,
 * so without a replay a change that came in meanwhile (a request taken on a page already read) would be
 * undone until the next refetch; with 25 pages that window is no longer short.
 */
const arrivalsWhileReading = new Set<Arrival[]>();

export const ticketListQuery = (view: TicketView) =>
  queryOptions({
    queryKey: ticketKeys.list(view),
    queryFn: async ({ signal, client }): Promise<TicketList> => {
      const arrived: Arrival[] = [];
      arrivalsWhileReading.add(arrived);
      try {
        const pages: TicketList[] = [];
        let cursor: string | null = null;
        do {
          const query = { ...listQuery(view), limit: FULL_PAGE, ...(cursor ? { cursor } : {}) };
          const page: TicketList = await api('tickets.list', { query, signal });
          pages.push(page);
          cursor = page.nextCursor;
        } while (cursor && pages.length < LIVE_LIST_MAX_PAGES);
        const settings = client.getQueryData<OmniSettings>(settingsKeys.omni);
        return arrived.reduce((list, { ticket, meId }) => placeTicket(view, list, ticket, meId, settings), mergeListPages(view, pages));
      } finally {
        arrivalsWhileReading.delete(arrived);
      }
    },
  });

export const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: ticketKeys.detail(id),
    queryFn: () => api('tickets.detail', { params: { id } }),
  });

/**
 * Which history: the live chat's, or the ticket's, where a merged reply (SET-1) stands for the chat's
 * replies. Each is cached on its own.
 */
export type HistoryView = 'chat' | 'ticket';
const historyViews: HistoryView[] = ['chat', 'ticket'];
const shownIn = (message: Message, view: HistoryView) => message.shownIn === 'both' || message.shownIn === view;

/** The loaded part of a conversation's history, ascending by seq. */
export interface History {
  items: Message[];
  hasOlder: boolean;
}

export const PAGE_SIZE = 50;

export const historyQuery = (id: string, view: HistoryView = 'chat') =>
  queryOptions({
    queryKey: ticketKeys.messages(id, view),
    queryFn: async (): Promise<History> => {
      const page = await api('tickets.messages', { params: { id }, query: { limit: PAGE_SIZE, view } });
      return { items: page.items, hasOlder: page.hasMore };
    },
    staleTime: Infinity, // kept fresh by socket events and the reconnect catch-up
  });

export function useTicketList(view: TicketView, enabled = true) {
  return useQuery({ ...ticketListQuery(view), enabled });
}

export function useTicket(id: string) {
  return useQuery(ticketQuery(id));
}

export function useHistory(id: string, view: HistoryView = 'chat') {
  return useQuery(historyQuery(id, view));
}

/** CORE-6: the plain ticket list, filtered and paged on the server. */
export function useTicketSearch(query: Partial<TicketSearchQuery>) {
  return useQuery({
    queryKey: ['tickets', 'search', query] as const,
    queryFn: () => api('tickets.search', { query }),
    placeholderData: (previous) => previous,
  });
}

export function usePrevious(id: string) {
  return useQuery({ queryKey: ticketKeys.previous(id), queryFn: () => api('tickets.previous', { params: { id } }) });
}

export function useStatuses() {
  return useQuery({ queryKey: ticketKeys.statuses, queryFn: () => api('statuses.list'), staleTime: 60_000 });
}

export function useCustomFields() {
  return useQuery({ queryKey: ticketKeys.fields, queryFn: () => api('customFields.list'), staleTime: 60_000 });
}

export function useDirectory(enabled = true) {
  return useQuery({ queryKey: ticketKeys.directory, queryFn: () => api('directory.read'), staleTime: 30_000, enabled });
}

// ---------------------------------------------------------------- cache updates (shared with realtime sync)

const deliveryRank: Record<NonNullable<Message['delivery']>['state'], number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };
const rank = (m: Message) => (m.delivery ? deliveryRank[m.delivery.state] : -1);

/**
 * Inserts or replaces messages by id, keeping seq order: nothing shown twice, nothing out of order.
 * Copies arrive by REST and socket in any order, so an older delivery state never replaces a newer one —
 * except a retry, which moves a failed reply back to queued on purpose.
 */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) {
    const held = byId.get(m.id);
    const retried = held?.delivery?.state === 'failed' && m.delivery?.state === 'queued' && m.delivery.updatedAt > held.delivery.updatedAt;
    if (!held || retried || rank(m) >= rank(held)) byId.set(m.id, m);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function addMessages(queryClient: QueryClient, ticketId: string, incoming: Message[]): void {
  for (const view of historyViews) {
    const shown = incoming.filter((m) => shownIn(m, view));
    if (shown.length === 0) continue;
    queryClient.setQueryData<History>(ticketKeys.messages(ticketId, view), (history) =>
      history ? { ...history, items: mergeMessages(history.items, shown) } : history,
    );
  }
}

/** Which list a ticket belongs in, from its own fields and what the module shows (SET-3). */
export function belongsTo(view: TicketView, ticket: TicketSummary, meId: string, settings?: OmniSettings): boolean {
  if (settings && !(settings.displayedChannels.includes(ticket.channel.type) && settings.displayedStatuses.includes(ticket.status))) return false;
  if (view === 'unassigned') return ticket.live && ticket.executor === null;
  if (view === 'mine') return ticket.live && isMine(ticket, meId);
  return ticket.live && ticket.channel.type === view.slice('channel:'.length);
}

/** A list with the ticket placed by its fields; a ticket that no longer belongs leaves it. */
function placeTicket(view: TicketView, list: TicketList, ticket: TicketSummary, meId: string, settings: OmniSettings | undefined): TicketList {
  const others = list.items.filter((i) => i.id !== ticket.id);
  return { ...list, items: belongsTo(view, ticket, meId, settings) ? [...others, ticket].sort(viewOrder(view)) : others };
}

/** Places a ticket in every cached list (and every list being read) by its fields. */
export function upsertTicket(queryClient: QueryClient, ticket: TicketSummary, meId: string): void {
  for (const arrived of arrivalsWhileReading) arrived.push({ ticket, meId });
  const settings = queryClient.getQueryData<OmniSettings>(settingsKeys.omni);
  for (const [key, list] of queryClient.getQueriesData<TicketList>({ queryKey: ticketKeys.lists })) {
    const view = key[2] as TicketView | undefined;
    if (!list || !view) continue;
    queryClient.setQueryData<TicketList>(key, placeTicket(view, list, ticket, meId, settings));
  }
  queryClient.setQueryData<TicketDetail>(ticketKeys.detail(ticket.id), (detail) => (detail ? { ...detail, ...ticket } : detail));
}

/** NAV-7: a chat is unread when the client wrote after the employee's read mark. */
export function isUnread(ticket: TicketSummary, readSeqs: Record<string, number>): boolean {
  return ticket.lastClientSeq > (readSeqs[ticket.id] ?? 0);
}

const isMine = (ticket: TicketSummary, meId: string) => ticket.executor?.id === meId || ticket.participantIds.includes(meId);

/** NAV-7: an unread chat of the employee's own (a colleague's chat is theirs to read). */
export function isUnreadForMe(ticket: TicketSummary, readSeqs: Record<string, number>, meId: string): boolean {
  return isMine(ticket, meId) && isUnread(ticket, readSeqs);
}

/**
 * NAV-7: what a section's counter counts — Unassigned its waiting requests, All chats the employee's
 * unread chats, a channel tab both (its waiting requests and the employee's unread chats there).
 */
export function sectionCount(view: TicketView, list: TicketList, meId: string): number {
  if (view === 'unassigned') return list.items.length;
  return list.items.filter((t) => (view !== 'mine' && t.executor === null) || isUnreadForMe(t, list.readSeqs, meId)).length;
}

function setReadSeq(queryClient: QueryClient, ticketId: string, seq: number): void {
  for (const [key, list] of queryClient.getQueriesData<TicketList>({ queryKey: ticketKeys.lists })) {
    if (!list || (list.readSeqs[ticketId] ?? 0) >= seq) continue;
    queryClient.setQueryData<TicketList>(key, { ...list, readSeqs: { ...list.readSeqs, [ticketId]: seq } });
  }
}

// ---------------------------------------------------------------- mutations

export function useTake(meId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('tickets.take', { params: { id } }),
    onSuccess: (ticket) => upsertTicket(queryClient, ticket, meId),
    onError: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

export function useComplete(meId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & CompleteRequest) => api('tickets.complete', { params: { id }, body }),
    onSuccess: (ticket) => upsertTicket(queryClient, ticket, meId),
  });
}

export function useTransfer(meId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & TransferRequest) => api('tickets.transfer', { params: { id }, body }),
    onSuccess: (ticket) => upsertTicket(queryClient, ticket, meId),
  });
}

export function useInvite(meId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, employeeId }: { id: string; employeeId: string }) => api('tickets.invite', { params: { id }, body: { employeeId } }),
    onSuccess: (ticket) => upsertTicket(queryClient, ticket, meId),
  });
}

export function useChangeStatus(meId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: string }) => api('tickets.changeStatus', { params: { id }, body: { status } }),
    onSuccess: (ticket) => {
      upsertTicket(queryClient, ticket, meId);
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'search'] });
    },
  });
}

export function useUpdateCustom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & UpdateCustomValuesRequest) => api('tickets.updateCustom', { params: { id }, body }),
    onSuccess: (ticket) => void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) }),
  });
}

export function useRetry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api('messages.retry', { params: { id: messageId } }),
    onSuccess: (message) => addMessages(queryClient, message.ticketId, [message]),
  });
}

export function usePostMessage(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PostMessageRequest) => api('tickets.postMessage', { params: { id: ticketId }, body: request }),
    onSuccess: (message) => addMessages(queryClient, ticketId, [message]),
  });
}

/** NAV-7: tells the server how far the employee has read; updates the unread marks at once. */
export async function markRead(queryClient: QueryClient, ticketId: string, seq: number): Promise<void> {
  setReadSeq(queryClient, ticketId, seq);
  await api('tickets.markRead', { params: { id: ticketId }, body: { seq } });
}

/** WORK-12: older pages are prepended on demand. */
export async function loadOlder(queryClient: QueryClient, ticketId: string, view: HistoryView = 'chat'): Promise<void> {
  const history = queryClient.getQueryData<History>(ticketKeys.messages(ticketId, view));
  const oldest = history?.items[0];
  if (!history || !oldest) return;
  const page = await api('tickets.messages', { params: { id: ticketId }, query: { beforeSeq: oldest.seq, limit: PAGE_SIZE, view } });
  queryClient.setQueryData<History>(ticketKeys.messages(ticketId, view), (h) =>
    h ? { items: mergeMessages(h.items, page.items), hasOlder: page.hasMore } : h,
  );
}

/** After a reconnect: fetch everything after the newest message we hold (WORK-12). */
/** How far back a catch-up looks for holes in what is held. */
const GAP_WINDOW = 500;

/**
 * The seq to resume after: the end of the unbroken run of the newest entries held, so an entry committed
 * after a later one (a slow transaction, a delivery that waited) is fetched too, not skipped (issue #16).
 */
export function resumeAfter(items: readonly { seq: number }[]): number {
  const window = items.slice(-GAP_WINDOW);
  let expected = window[0]?.seq ?? 0;
  for (const item of window) {
    if (item.seq > expected) return expected - 1;
    expected = item.seq + 1;
  }
  return expected - 1;
}

/** Every conversation whose history is held catches up (after `sync:required`). */
export async function catchUpAll(queryClient: QueryClient): Promise<void> {
  const held = queryClient.getQueryCache().findAll({ queryKey: ['tickets', 'messages'] });
  const ids = new Set(held.map((q) => q.queryKey[2]).filter((id): id is string => typeof id === 'string'));
  await Promise.all([...ids].map((id) => catchUp(queryClient, id)));
}

export async function catchUp(queryClient: QueryClient, ticketId: string): Promise<void> {
  for (const view of historyViews) {
    const history = queryClient.getQueryData<History>(ticketKeys.messages(ticketId, view));
    if (!history || history.items.length === 0) continue;
    let afterSeq = resumeAfter(history.items);
    for (;;) {
      const page = await api('tickets.messages', { params: { id: ticketId }, query: { afterSeq, limit: 200, view } });
      queryClient.setQueryData<History>(ticketKeys.messages(ticketId, view), (h) => (h ? { ...h, items: mergeMessages(h.items, page.items) } : h));
      const last = page.items.at(-1);
      if (!page.hasMore || !last) break;
      afterSeq = last.seq;
    }
  }
}
