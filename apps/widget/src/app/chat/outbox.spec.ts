import type { Ack, VisitorMessage } from '@omnichannel/contracts';
import { Outbox, type OutboxEntry } from './outbox';

const entry = (clientMsgId: string): OutboxEntry => ({ clientMsgId, body: `hello ${clientMsgId}`, createdAt: '2026-12-02T05:00:00.000Z' });

const stored = (clientMsgId: string): Ack<VisitorMessage> => ({
  ok: true,
  data: {
    id: `m-${clientMsgId}`,
    ticketId: 't-1',
    seq: 1,
    kind: 'client',
    body: `hello ${clientMsgId}`,
    authorName: null,
    event: null,
    clientMsgId,
    attachments: [],
    createdAt: '2026-12-02T05:00:01.000Z',
  },
});

const unavailable: Ack<VisitorMessage> = {
  ok: false,
  error: { code: 'DATABASE_UNAVAILABLE', message: 'The service is temporarily unavailable; try again in a few seconds', requestId: 'r-1' },
};

describe('the outbox while the service is away (WGT-8, issue #16)', () => {
  let key = 0;
  // Storage is per key; a fresh key per test keeps them apart (localStorage, or its in-memory stand-in).
  const freshOutbox = () => new Outbox(`omni:test-${++key}:outbox`);

  it('keeps a message answered 503 DATABASE_UNAVAILABLE, across a reload, and lets it go once the same clientMsgId is stored', () => {
    const outbox = freshOutbox();
    outbox.add(entry('a'));
    outbox.add(entry('b'));

    // The service is away: each resend is answered the same, and the message is kept every time.
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(outbox.settle('a', unavailable)).toEqual({ kind: 'later' });
      expect(outbox.entries().map((e) => e.clientMsgId)).toEqual(['a', 'b']);
    }
    // A reload (another Outbox on the same storage) still has it, with the same clientMsgId and text.
    const reloaded = new Outbox(`omni:test-${key}:outbox`);
    expect(reloaded.entries()[0]).toEqual(entry('a'));

    // Back: the resend of the same clientMsgId is stored, and only then leaves the outbox.
    const outcome = reloaded.settle('a', stored('a'));
    expect(outcome).toEqual({ kind: 'stored', message: expect.objectContaining({ clientMsgId: 'a' }) as unknown });
    expect(reloaded.entries().map((e) => e.clientMsgId)).toEqual(['b']);
  });

  it('still gives up on a message the server refuses for what it is (not retryable by waiting)', () => {
    const outbox = freshOutbox();
    outbox.add(entry('c'));
    const refused: Ack<VisitorMessage> = { ok: false, error: { code: 'MESSAGE_TOO_LONG', message: 'Too long' } };
    expect(outbox.settle('c', refused)).toEqual({ kind: 'refused', error: { code: 'MESSAGE_TOO_LONG', message: 'Too long' } });
    expect(outbox.entries()).toEqual([]);
  });
});
