import type { Message, TicketSummary } from '@omnichannel/contracts';

/**
 * In-process announcements of the tickets module, emitted after the transaction commits: the fast path to
 * sockets (realtime.publisher). They are not durable; what must not be lost reads the event log instead.
 */
export const TicketEvents = {
  Changed: 'ticket.changed',
  MessageCreated: 'message.created',
  MessageUpdated: 'message.updated',
  /** A request was transferred to an employee, or an employee was invited into it. */
  Handed: 'ticket.handed',
  /** SLA-2: a deadline passed unmet; supervisors see it live. */
  SlaBreached: 'ticket.sla-breached',
} as const;

export type TicketChangeReason = 'created' | 'message' | 'assigned' | 'completed' | 'transferred' | 'updated';

export interface TicketHandedEvent {
  ticket: TicketSummary;
  employeeId: string;
  kind: 'transferred' | 'invited';
  byName: string;
  comment: string | null;
}

export interface TicketChangedEvent {
  ticket: TicketSummary;
  reason: TicketChangeReason;
  /** Where the ticket was before a transfer, so lists there drop it too. */
  previous?: { departmentId?: string; executorId?: string | null };
}

/** What routing a message's event needs to know about its ticket. */
export interface TicketRef {
  id: string;
  clientId: string;
  departmentId: string;
  channelType: TicketSummary['channel']['type'];
}

export function ticketRef(ticket: TicketSummary): TicketRef {
  return { id: ticket.id, clientId: ticket.client.id, departmentId: ticket.department.id, channelType: ticket.channel.type };
}

export interface MessageCreatedEvent {
  message: Message;
  ticket: TicketRef;
}

export interface SlaBreachedEvent {
  ticket: TicketSummary;
  deadline: 'first-reply' | 'resolution';
}

export interface MessageUpdatedEvent {
  message: Message;
  ticket: TicketRef;
}
