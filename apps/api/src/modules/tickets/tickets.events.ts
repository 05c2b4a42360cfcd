import type { Message, TicketSummary } from '@omnichannel/contracts';

/** Domain events of the tickets module, emitted after the transaction commits. */
export const TicketEvents = {
  Changed: 'ticket.changed',
  MessageCreated: 'message.created',
  MessageUpdated: 'message.updated',
} as const;

export type TicketChangeReason = 'created' | 'message' | 'assigned' | 'completed';

export interface TicketChangedEvent {
  ticket: TicketSummary;
  reason: TicketChangeReason;
}

export interface MessageCreatedEvent {
  message: Message;
  ticket: TicketSummary;
}

export interface MessageUpdatedEvent {
  message: Message;
  ticket: { id: string; clientId: string; channelType: TicketSummary['channel']['type'] };
}
