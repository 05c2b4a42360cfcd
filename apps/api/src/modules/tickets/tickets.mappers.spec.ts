import type { Message } from '@omnichannel/contracts';
import { clientDisplayName, systemEventText, toVisitorMessage } from './tickets.mappers';

const base: Message = {
  id: '00000000-0000-4000-8000-000000000001',
  ticketId: '00000000-0000-4000-8000-000000000002',
  seq: 3,
  kind: 'reply',
  body: 'Hello',
  author: { type: 'employee', id: '00000000-0000-4000-8000-000000000003', name: 'Olga' },
  event: null,
  delivery: { state: 'queued', error: null, updatedAt: '2026-01-01T00:00:00.000Z' },
  clientMsgId: '00000000-0000-4000-8000-000000000004',
  attachments: [],
  shownIn: 'both',
  editedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('what a visitor may see (WORK-6)', () => {
  it('never maps a comment', () => {
    expect(toVisitorMessage({ ...base, kind: 'comment', body: 'internal' })).toBeNull();
  });

  it('never maps a merged reply of the ticket history (SET-1): the client has the replies already', () => {
    expect(toVisitorMessage({ ...base, shownIn: 'ticket' })).toBeNull();
    expect(toVisitorMessage({ ...base, shownIn: 'chat' })).not.toBeNull();
  });

  it('maps a reply with the operator name and without delivery internals', () => {
    expect(toVisitorMessage(base)).toEqual({
      id: base.id,
      ticketId: base.ticketId,
      seq: 3,
      kind: 'reply',
      body: 'Hello',
      authorName: 'Olga',
      event: null,
      clientMsgId: null,
      attachments: [],
      createdAt: base.createdAt,
    });
  });

  it('keeps the client message id of the visitor\'s own messages so the widget can reconcile', () => {
    const own = toVisitorMessage({ ...base, kind: 'client', author: { type: 'client', id: base.ticketId, name: 'Visitor' } });
    expect(own).toMatchObject({ kind: 'client', authorName: null, clientMsgId: base.clientMsgId });
  });
});

describe('display names (WGT-4)', () => {
  it('falls back from name to email to "Visitor"', () => {
    expect(clientDisplayName('Ivan', 'i@x.io')).toBe('Ivan');
    expect(clientDisplayName('  ', 'i@x.io')).toBe('i@x.io');
    expect(clientDisplayName(null, null)).toBe('Visitor');
  });
});

describe('system event text', () => {
  it('describes each event', () => {
    expect(systemEventText({ type: 'ticket.assigned', employeeId: base.id, employeeName: 'Olga' })).toBe('Olga joined the conversation');
    expect(systemEventText({ type: 'ticket.completed', employeeId: null, employeeName: null })).toBe('Conversation completed');
  });
});
