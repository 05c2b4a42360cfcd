import type { TicketSummary } from '@omnichannel/contracts';

export type SlaState = { kind: 'none' } | { kind: 'breached' } | { kind: 'due'; minutes: number };

/**
 * SLA-2: what a chat shows of its first-reply deadline: the minutes left while the live chat waits for
 * its first reply, or "breached" once the server marked it (or the deadline has visibly passed).
 */
export function firstReplySla(ticket: Pick<TicketSummary, 'live' | 'sla'>, now: number): SlaState {
  if (ticket.sla.breached.includes('first-reply')) return ticket.live ? { kind: 'breached' } : { kind: 'none' };
  if (!ticket.live || ticket.sla.firstRepliedAt || !ticket.sla.firstReplyDue) return { kind: 'none' };
  const left = new Date(ticket.sla.firstReplyDue).getTime() - now;
  if (left <= 0) return { kind: 'breached' };
  return { kind: 'due', minutes: Math.ceil(left / 60_000) };
}
