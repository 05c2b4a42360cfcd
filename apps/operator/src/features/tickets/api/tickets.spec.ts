import type { Message, TicketSummary } from '@omnichannel/contracts';
import { belongsTo, mergeMessages } from './tickets';

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
  const ticket = { live: true, executor: null } as unknown as TicketSummary;
  it('places unassigned live tickets in Unassigned and mine in All chats', () => {
    expect(belongsTo('unassigned', ticket, 'me')).toBe(true);
    expect(belongsTo('mine', ticket, 'me')).toBe(false);
    const mine = { ...ticket, executor: { id: 'me', name: 'Me' } };
    expect(belongsTo('mine', mine, 'me')).toBe(true);
    expect(belongsTo('unassigned', mine, 'me')).toBe(false);
    expect(belongsTo('mine', { ...mine, live: false }, 'me')).toBe(false);
  });
});
