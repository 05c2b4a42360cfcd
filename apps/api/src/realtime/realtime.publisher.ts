import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AuthEvents, type SessionEndedEvent } from '../modules/auth/auth.events';
import { toVisitorConversation, toVisitorMessage } from '../modules/tickets/tickets.mappers';
import {
  TicketEvents,
  type MessageCreatedEvent,
  type MessageUpdatedEvent,
  type TicketChangedEvent,
} from '../modules/tickets/tickets.events';
import { RealtimeBroadcaster } from './realtime.broadcaster';
import { rooms } from './rooms';

/**
 * Maps domain events to socket messages and rooms. Comments go only to the staff room of the ticket;
 * the visitor hears of client and system entries here, and of replies through the channel's delivery
 * job (so a reply's delivery state is honest).
 */
@Injectable()
export class RealtimePublisher {
  constructor(private readonly broadcaster: RealtimeBroadcaster) {}

  @OnEvent(TicketEvents.Changed)
  ticketChanged({ ticket, reason }: TicketChangedEvent): void {
    const staff = [rooms.department(ticket.department.id), rooms.ticket(ticket.id)];
    if (ticket.executor) staff.push(rooms.employee(ticket.executor.id));
    this.broadcaster.emit(staff, 'ticket:upserted', ticket);
    if (ticket.channel.type === 'widget' && reason !== 'message') {
      this.broadcaster.emit(rooms.visitor(ticket.client.id), 'visitor:conversation', toVisitorConversation(ticket));
    }
  }

  @OnEvent(TicketEvents.MessageCreated)
  messageCreated({ message, ticket }: MessageCreatedEvent): void {
    this.broadcaster.emit(rooms.ticket(ticket.id), 'message:created', message);
    if (ticket.channelType !== 'widget') return;
    if (message.kind === 'client' || message.kind === 'system') {
      const visible = toVisitorMessage(message);
      if (visible) this.broadcaster.emit(rooms.visitor(ticket.clientId), 'visitor:message', visible);
    }
  }

  @OnEvent(TicketEvents.MessageUpdated)
  messageUpdated({ message, ticket }: MessageUpdatedEvent): void {
    this.broadcaster.emit(rooms.ticket(ticket.id), 'message:updated', message);
  }

  @OnEvent(AuthEvents.SessionEnded)
  sessionEnded({ sessionId }: SessionEndedEvent): void {
    this.broadcaster.disconnect(rooms.session(sessionId));
  }
}
