import type { TicketSummary } from '@omnichannel/contracts';
import { firstReplySla } from './sla';

const now = Date.parse('2026-01-01T10:00:00Z');
const ticket = (sla: Partial<TicketSummary['sla']>, live = true): Pick<TicketSummary, 'live' | 'sla'> => ({
  live,
  sla: { firstReplyDue: null, resolutionDue: null, firstRepliedAt: null, breached: [], ...sla },
});

describe('firstReplySla', () => {
  it('counts whole minutes up to the deadline', () => {
    expect(firstReplySla(ticket({ firstReplyDue: '2026-01-01T10:06:30Z' }), now)).toEqual({ kind: 'due', minutes: 7 });
  });
  it('shows a breach the server marked, and a deadline that has passed', () => {
    expect(firstReplySla(ticket({ firstReplyDue: '2026-01-01T10:06:30Z', breached: ['first-reply'] }), now)).toEqual({ kind: 'breached' });
    expect(firstReplySla(ticket({ firstReplyDue: '2026-01-01T09:59:00Z' }), now)).toEqual({ kind: 'breached' });
  });
  it('shows nothing once answered, without a deadline, or after the live chat', () => {
    expect(firstReplySla(ticket({ firstReplyDue: '2026-01-01T10:06:30Z', firstRepliedAt: '2026-01-01T09:58:00Z' }), now)).toEqual({ kind: 'none' });
    expect(firstReplySla(ticket({}), now)).toEqual({ kind: 'none' });
    expect(firstReplySla(ticket({ firstReplyDue: '2026-01-01T10:06:30Z', breached: ['first-reply'] }, false), now)).toEqual({ kind: 'none' });
  });
});
