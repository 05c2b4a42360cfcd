import type { VisitorMessage } from '@omnichannel/contracts';
import { lastSeq, markAllSeen, mergeMessages, unseenReplies, type Segment } from './timeline';

const m = (ticketId: string, seq: number, kind: VisitorMessage['kind'] = 'client', id = `${ticketId}-${seq}`): VisitorMessage => ({
  id,
  ticketId,
  seq,
  kind,
  body: `${kind} ${seq}`,
  authorName: kind === 'reply' ? 'Olga' : null,
  event: null,
  clientMsgId: null,
  attachments: [],
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('the visitor timeline (WGT-8: nothing missed, nothing twice)', () => {
  it('merges copies from the ack, the live push and a sync once each, in seq order', () => {
    let t: Segment[] = [];
    t = mergeMessages(t, [m('a', 1)]);
    t = mergeMessages(t, [m('a', 3, 'reply'), m('a', 1)]); // live push + duplicate ack
    t = mergeMessages(t, [m('a', 2, 'reply'), m('a', 3, 'reply')]); // sync after a reconnect
    expect(t).toHaveLength(1);
    expect(t[0]?.messages.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(lastSeq(t, 'a')).toBe(3);
  });

  it('returns the same array when nothing is new (no needless re-render)', () => {
    const t = mergeMessages([], [m('a', 1)]);
    expect(mergeMessages(t, [m('a', 1)])).toBe(t);
  });

  it('keeps conversations apart: a new ticket opens a new segment with its own seq numbering', () => {
    const t = mergeMessages([], [m('a', 1), m('a', 2), m('b', 1)]);
    expect(t.map((s) => [s.ticketId, s.messages.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(lastSeq(t, 'b')).toBe(1);
  });

  it('counts operator replies the visitor has not seen', () => {
    const t = mergeMessages([], [m('a', 1), m('a', 2, 'reply'), m('a', 3, 'reply')]);
    expect(unseenReplies(t, {}).map((x) => x.seq)).toEqual([2, 3]);
    expect(unseenReplies(t, { a: 2 }).map((x) => x.seq)).toEqual([3]);
    expect(unseenReplies(t, markAllSeen(t))).toEqual([]);
  });
});
