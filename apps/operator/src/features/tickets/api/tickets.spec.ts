import { defaultOmniSettings, type Message, type TicketList, type TicketSummary } from '@omnichannel/contracts';
import { QueryClient } from '@tanstack/react-query';
import {
  addMessages,
  belongsTo,
  isUnread,
  LIVE_LIST_MAX_PAGES,
  mergeListPages,
  mergeMessages,
  resumeAfter,
  sectionCount,
  ticketKeys,
  ticketListQuery,
  upsertTicket,
  type History,
} from './tickets';

const msg = (id: string, seq: number, body = id): Message => ({
  id,
  ticketId: 't',
  seq,
  kind: 'client',
  body,
  author: { type: 'client', id: null, name: 'Visitor' },
  event: null,
  delivery: null,
  clientMsgId: null,
  attachments: [],
  shownIn: 'both',
  editedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('mergeMessages (WORK-12: nothing twice, nothing out of order)', () => {
  it('dedupes by id, replaces with the newer copy, and sorts by seq', () => {
    const merged = mergeMessages([msg('a', 1), msg('c', 3)], [msg('b', 2), msg('c', 3, 'updated'), msg('a', 1)]);
    expect(merged.map((m) => [m.id, m.body])).toEqual([
      ['a', 'a'],
      ['b', 'b'],
      ['c', 'updated'],
    ]);
  });
});

describe('mergeMessages and delivery states', () => {
  it('never lets an older delivery state (e.g. a late REST answer) replace a newer one from the socket', () => {
    const reply = (state: 'queued' | 'sent' | 'read'): Message => ({
      ...msg('r', 5),
      kind: 'reply',
      delivery: { state, error: null, updatedAt: '2026-01-01T00:00:00.000Z' },
    });
    expect(mergeMessages([reply('read')], [reply('queued')])[0]?.delivery?.state).toBe('read');
    expect(mergeMessages([reply('queued')], [reply('sent')])[0]?.delivery?.state).toBe('sent');
  });
});

describe('belongsTo', () => {
  const ticket = { live: true, executor: null, participantIds: [], channel: { type: 'widget' } } as unknown as TicketSummary;
  it('places unassigned live tickets in Unassigned and mine in All chats', () => {
    expect(belongsTo('unassigned', ticket, 'me')).toBe(true);
    expect(belongsTo('mine', ticket, 'me')).toBe(false);
    const mine = { ...ticket, executor: { id: 'me', name: 'Me' } };
    expect(belongsTo('mine', mine, 'me')).toBe(true);
    expect(belongsTo('unassigned', mine, 'me')).toBe(false);
    expect(belongsTo('mine', { ...mine, live: false }, 'me')).toBe(false);
    expect(belongsTo('mine', { ...ticket, executor: { id: 'x', name: 'X' }, participantIds: ['me'] }, 'me')).toBe(true);
    expect(belongsTo('channel:widget', ticket, 'me')).toBe(true);
    expect(belongsTo('channel:telegram', ticket, 'me')).toBe(false);
  });

  it('leaves out the channels and statuses the module does not show (SET-3)', () => {
    const open: TicketSummary = { ...ticket, status: 'open' };
    expect(belongsTo('unassigned', open, 'me', defaultOmniSettings)).toBe(true);
    expect(belongsTo('unassigned', open, 'me', { ...defaultOmniSettings, displayedChannels: ['telegram'] })).toBe(false);
    expect(belongsTo('unassigned', open, 'me', { ...defaultOmniSettings, displayedStatuses: ['in_progress'] })).toBe(false);
  });
});

describe('sectionCount (NAV-7)', () => {
  const t = (id: string, executor: string | null, lastClientSeq: number, participantIds: string[] = []) =>
    ({ id, executor: executor && { id: executor, name: executor }, participantIds, lastClientSeq }) as unknown as TicketSummary;
  const list = {
    items: [t('a', null, 1), t('b', 'me', 3), t('c', 'me', 2), t('d', 'other', 9), t('e', 'other', 4, ['me'])],
    readSeqs: { b: 3, c: 1, e: 1 },
    nextCursor: null,
  };
  it('counts waiting requests in Unassigned, own unread chats in All chats, both in a channel tab', () => {
    expect(sectionCount('unassigned', { items: list.items.slice(0, 1), readSeqs: {}, nextCursor: null }, 'me')).toBe(1);
    expect(sectionCount('mine', list, 'me')).toBe(2); // c and the invited e; not d, a colleague's
    expect(sectionCount('channel:widget', list, 'me')).toBe(3); // a waits, c and e unread
  });
});

describe('isUnread (NAV-7)', () => {
  it('compares the client\'s newest message with the read mark', () => {
    const t = { id: 't1', lastClientSeq: 5 } as unknown as TicketSummary;
    expect(isUnread(t, {})).toBe(true);
    expect(isUnread(t, { t1: 4 })).toBe(true);
    expect(isUnread(t, { t1: 5 })).toBe(false);
  });
});

describe('mergeMessages and retries', () => {
  it('lets a retried reply go back from failed to queued', () => {
    const failed: Message = { ...msg('r', 1), kind: 'reply', delivery: { state: 'failed', error: 'x', updatedAt: '2026-01-01T00:00:00.000Z' } };
    const queued: Message = { ...failed, delivery: { state: 'queued', error: null, updatedAt: '2026-01-01T00:00:05.000Z' } };
    expect(mergeMessages([failed], [queued])[0]?.delivery?.state).toBe('queued');
  });
});

describe('addMessages and the two histories (SET-1)', () => {
  it('puts a merged reply only in the ticket history and a chat-only entry only in the chat', () => {
    const queryClient = new QueryClient();
    const empty: History = { items: [], hasOlder: false };
    queryClient.setQueryData(ticketKeys.messages('t', 'chat'), empty);
    queryClient.setQueryData(ticketKeys.messages('t', 'ticket'), empty);
    addMessages(queryClient, 't', [msg('both', 1), { ...msg('merged', 2), shownIn: 'ticket' }, { ...msg('chatOnly', 3), shownIn: 'chat' }]);
    const ids = (view: 'chat' | 'ticket') => queryClient.getQueryData<History>(ticketKeys.messages('t', view))?.items.map((m) => m.id);
    expect(ids('chat')).toEqual(['both', 'chatOnly']);
    expect(ids('ticket')).toEqual(['both', 'merged']);
  });

  it('leaves a history nobody loaded alone', () => {
    const queryClient = new QueryClient();
    addMessages(queryClient, 't', [msg('a', 1)]);
    expect(queryClient.getQueryData(ticketKeys.messages('t', 'chat'))).toBeUndefined();
  });
});

describe('resumeAfter (issue #16: a catch-up skips no entry committed after a later one)', () => {
  const seqs = (...list: number[]) => list.map((seq) => ({ seq }));
  it('resumes after the unbroken run of the newest entries', () => {
    expect(resumeAfter(seqs(1, 2, 3))).toBe(3);
    expect(resumeAfter(seqs(10, 11, 12))).toBe(12); // an older page not loaded is not a hole
    expect(resumeAfter([])).toBe(-1);
  });
  it('resumes before the first hole, so the missing entry is fetched', () => {
    expect(resumeAfter(seqs(1, 2, 4, 5))).toBe(2);
    expect(resumeAfter(seqs(25, 52))).toBe(25);
  });
});

// ---------------------------------------------------------------- issue #19: live lists read page by page

const summary = (id: string, minute: number, changed = minute): TicketSummary =>
  ({
    id,
    live: true,
    executor: null,
    participantIds: [],
    status: 'open',
    channel: { id: 'c', type: 'widget', name: 'Chat' },
    createdAt: `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`,
    updatedAt: `2026-01-01T01:${String(changed).padStart(2, '0')}:00.000Z`,
    lastClientSeq: 1,
  }) as unknown as TicketSummary;
const page = (items: TicketSummary[], nextCursor: string | null, readSeqs: Record<string, number> = {}): TicketList => ({ items, readSeqs, nextCursor });
const ids = (list: TicketList) => list.items.map((i) => i.id);

describe('mergeListPages (issue #19, NAV-7 counts the whole set)', () => {
  it('joins the pages in the list\'s order, with every read mark, and keeps the last page\'s cursor', () => {
    const merged = mergeListPages('unassigned', [page([summary('a', 1), summary('b', 2)], 'c1', { a: 1 }), page([summary('c', 3)], null, { c: 4 })]);
    expect(ids(merged)).toEqual(['a', 'b', 'c']);
    expect(merged.readSeqs).toEqual({ a: 1, c: 4 });
    expect(merged.nextCursor).toBeNull();
    expect(sectionCount('unassigned', merged, 'me')).toBe(3);
  });

  it('holds a ticket that came on two pages once, in its newest copy and at that copy\'s place', () => {
    // b changed while the pages were read: the second page has it again, changed later.
    const moved = { ...summary('b', 2, 9), subject: 'changed' };
    const merged = mergeListPages('mine', [page([summary('a', 1, 5), summary('b', 2, 4)], 'c1'), page([moved, summary('c', 3, 3)], null)]);
    expect(ids(merged)).toEqual(['b', 'a', 'c']); // latest change first
    expect(merged.items[0]?.subject).toBe('changed');
    // An older copy on a later page does not replace a newer one.
    const stale = mergeListPages('mine', [page([moved], 'c1'), page([summary('b', 2, 4)], null)]);
    expect(stale.items).toEqual([moved]);
  });

  it('keeps the larger of two read marks', () => {
    expect(mergeListPages('mine', [page([], 'x', { a: 5 }), page([], null, { a: 3 })]).readSeqs).toEqual({ a: 5 });
  });
});

describe('ticketListQuery (issue #19: follows nextCursor)', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  /** A server that hands out `pages` by cursor and records what it was asked. */
  function serve(pages: (cursor: string | null) => TicketList, onRequest?: () => void): string[] {
    const asked: string[] = [];
    globalThis.fetch = jest.fn((input: RequestInfo | URL) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://spa.test');
      asked.push(url.search);
      onRequest?.();
      return Promise.resolve(new Response(JSON.stringify(pages(url.searchParams.get('cursor'))), { status: 200, headers: { 'content-type': 'application/json' } }));
    }) as typeof fetch;
    return asked;
  }
  const read = (queryClient: QueryClient, view: 'unassigned' | 'mine' = 'unassigned') => queryClient.fetchQuery(ticketListQuery(view));

  it('reads every page until nextCursor is null', async () => {
    const asked = serve((cursor) => (cursor === null ? page([summary('a', 1)], 'p2') : cursor === 'p2' ? page([summary('b', 2)], 'p3') : page([summary('c', 3)], null)));
    const list = await read(new QueryClient());
    expect(ids(list)).toEqual(['a', 'b', 'c']);
    expect(list.nextCursor).toBeNull();
    // Full pages (LIVE_LIST_PAGE_MAX), not the server's smaller default.
    expect(asked).toEqual(['?view=unassigned&limit=200', '?view=unassigned&limit=200&cursor=p2', '?view=unassigned&limit=200&cursor=p3']);
  });

  it('stops after LIVE_LIST_MAX_PAGES pages and keeps the cursor of the rest', async () => {
    let n = 0;
    const asked = serve(() => {
      n += 1;
      return page([summary(`t${n}`, n % 60)], `p${n + 1}`);
    });
    const list = await read(new QueryClient());
    expect(asked).toHaveLength(LIVE_LIST_MAX_PAGES);
    expect(list.items).toHaveLength(LIVE_LIST_MAX_PAGES);
    expect(list.nextCursor).toBe(`p${LIVE_LIST_MAX_PAGES + 1}`);
  });

  it('replays on the answer what the socket brought while the pages were read', async () => {
    const queryClient = new QueryClient();
    const taken = { ...summary('a', 1, 30), executor: { id: 'x', name: 'X' } };
    // While the second page is asked for, a colleague takes a (read on the first page) and a new request comes.
    const asked = serve(
      (cursor) => (cursor === null ? page([summary('a', 1), summary('b', 2)], 'p2') : page([summary('c', 3)], null)),
      () => {
        if (asked.length !== 2) return;
        upsertTicket(queryClient, taken, 'me');
        upsertTicket(queryClient, summary('d', 4), 'me');
      },
    );
    const list = await read(queryClient);
    expect(ids(list)).toEqual(['b', 'c', 'd']);
  });
});
