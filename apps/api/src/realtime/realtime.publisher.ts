import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { OmniSettings } from '@omnichannel/contracts';
import { AuthEvents, type SessionEndedEvent } from '../modules/auth/auth.events';
import { AccessEvents, type AccessChangedEvent } from '../modules/permissions/permissions.events';
import { DispatcherEvents, type LimitChangedEvent, type StatusChangedEvent } from '../modules/dispatcher/dispatcher.events';
import { SettingsEvents } from '../modules/settings/settings.service';
import { toVisitorConversation, toVisitorMessage } from '../modules/tickets/tickets.mappers';
import {
  TicketEvents,
  type MessageCreatedEvent,
  type MessageUpdatedEvent,
  type SlaBreachedEvent,
  type TicketChangedEvent,
  type TicketHandedEvent,
} from '../modules/tickets/tickets.events';
import { RealtimeBroadcaster } from './realtime.broadcaster';
import { rooms, roomsSeeing } from './rooms';

/**
 * Maps domain events to socket messages and rooms. Comments go only to the staff room of the ticket;
 * the visitor hears of client and system entries here, and of replies through the channel's delivery
 * job (so a reply's delivery state is honest).
 */
@Injectable()
export class RealtimePublisher {
  constructor(private readonly broadcaster: RealtimeBroadcaster) {}

  @OnEvent(TicketEvents.Changed)
  ticketChanged({ ticket, reason, previous }: TicketChangedEvent): void {
    // PERM-6: when a ticket leaves someone's view (transfer, department change, back to the queue), their
    // sockets stop hearing its messages, comments and the visitor's typing at once. A message changes no
    // one's view, so the hot path skips this.
    if (reason !== 'message') this.broadcaster.leave(rooms.ticket(ticket.id), roomsSeeing(ticket));
    // An unassigned live request is news only for those with the Unassigned right (PERM-2); once assigned
    // or completed it concerns the department (which includes them, so they see it leave the queue).
    const queue = ticket.live && !ticket.executor ? rooms.unassigned(ticket.department.id) : rooms.department(ticket.department.id);
    const staff = [queue, rooms.ticket(ticket.id), ...ticket.participantIds.map(rooms.employee)];
    if (ticket.executor) staff.push(rooms.employee(ticket.executor.id));
    // After a transfer, the lists where it was drop it.
    if (previous?.departmentId) staff.push(rooms.department(previous.departmentId), rooms.unassigned(previous.departmentId));
    if (previous?.executorId) staff.push(rooms.employee(previous.executorId));
    this.broadcaster.emit(staff, 'ticket:upserted', ticket);
    if (ticket.channel.type === 'widget' && reason !== 'message' && reason !== 'updated') {
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

  @OnEvent(TicketEvents.Handed)
  ticketHanded({ ticket, employeeId, kind, byName, comment }: TicketHandedEvent): void {
    this.broadcaster.emit(rooms.employee(employeeId), 'ticket:handed', { ticket, kind, byName, comment });
  }

  @OnEvent(TicketEvents.MessageUpdated)
  messageUpdated({ message, ticket }: MessageUpdatedEvent): void {
    this.broadcaster.emit(rooms.ticket(ticket.id), 'message:updated', message);
  }

  @OnEvent(AuthEvents.SessionEnded)
  sessionEnded({ sessionId }: SessionEndedEvent): void {
    this.broadcaster.disconnect(rooms.session(sessionId));
  }

  /**
   * Rights or departments changed: the employee's sockets are closed; the app reconnects at once and the
   * handshake grants the rooms the new rights allow (the same rules as REST).
   */
  @OnEvent(AccessEvents.Changed)
  accessChanged({ employeeIds }: AccessChangedEvent): void {
    for (const id of employeeIds) this.broadcaster.disconnect(rooms.employee(id));
  }

  /** DSP-1, DSP-4: status and limit changes are live for everyone. */
  @OnEvent(DispatcherEvents.StatusChanged)
  @OnEvent(DispatcherEvents.LimitChanged)
  presenceChanged({ presence }: StatusChangedEvent | LimitChangedEvent): void {
    if (presence) this.broadcaster.emit(rooms.staff, 'operator:presence', presence);
  }

  /** SLA-2: supervisors see a breach live (the department's staff and the executor; the SPA shows it to those with PERM-5). */
  @OnEvent(TicketEvents.SlaBreached)
  slaBreached({ ticket, deadline }: SlaBreachedEvent): void {
    const to = [rooms.department(ticket.department.id), ...(ticket.executor ? [rooms.employee(ticket.executor.id)] : [])];
    this.broadcaster.emit(to, 'ticket:sla-breached', { ticket, deadline });
  }

  @OnEvent(SettingsEvents.OmniChanged)
  omniSettingsChanged(settings: OmniSettings): void {
    this.broadcaster.emit(rooms.staff, 'settings:omni', settings);
  }
}
