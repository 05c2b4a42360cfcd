import {
  ErrorCode,
  Permission,
  type CompleteRequest,
  type EventActor,
  type Message,
  type PostMessageRequest,
  type TicketSummary,
  type TransferRequest,
  type UpdateCustomValuesRequest,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { can, visibleDepartments, type EmployeePrincipal } from '../../common/principal';
import { isUniqueViolation, run, sql } from '../../common/sql';
import type { Tx } from '../../database/tx';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { EmployeeEvents, type EmployeeDeactivatedEvent } from '../employees/employees.events';
import { AccessService } from '../permissions/access.service';
import { TicketCommands, type LockedTicket } from './commands/ticket-commands';
import { visibleExecutor, visibleTo } from './ticket-visibility';
import { MESSAGE_SELECT, toMessage, type MessageRow } from './tickets.mappers';
import { TicketsService } from './tickets.service';

/**
 * What employees do with a conversation (WORK-2, WORK-5, WORK-6, WORK-9…WORK-11, WORK-14): the permission
 * checks in front of the ticket commands. Each action locks the ticket it may see (another department's
 * is "not found", PERM-6), checks the employee's right to act on it, then runs the command.
 */
@Injectable()
export class TicketActions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: TicketCommands,
    private readonly tickets: TicketsService,
    private readonly customFields: CustomFieldsService,
    private readonly access: AccessService,
  ) {}

  /** WORK-2: exactly one of several concurrent takers wins: the row lock orders them, the first assigns. */
  async take(ticketId: string, employee: EmployeePrincipal): Promise<TicketSummary> {
    const departments = visibleDepartments(employee);
    const done = await this.commands.run(async (tx) => {
      const ticket = await this.lockVisible(tx, ticketId, employee);
      if (!departments.includes(ticket.department_id)) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
      if (!ticket.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      if (ticket.executor_id === employee.id) return;
      if (ticket.executor_id) {
        const executor = await this.access.ofEmployee(ticket.executor_id, tx.m);
        throw new AppError(ErrorCode.TicketAlreadyTaken, `${executor?.name ?? 'Another employee'} has already taken this request`, {
          executor: executor ? { id: executor.id, name: executor.name } : null,
        });
      }
      await this.commands.assign(tx, ticketId, employee, actorOf(employee));
    });
    return done.summary(ticketId);
  }

  /**
   * WORK-6: a reply goes to the client through the channel's delivery job; a comment stays internal.
   * Anyone who sees the ticket may comment; its executor (or a supervisor, PERM-5) replies — in the live
   * chat, or later on the ticket page while the ticket is not closed (CORE-6).
   */
  async post(ticketId: string, employee: EmployeePrincipal, request: PostMessageRequest): Promise<Message> {
    const input = { body: request.body, author: employee, clientMsgId: request.clientMsgId, attachmentIds: request.attachmentIds };
    try {
      const done = await this.commands.run(async (tx) => {
        const ticket = await this.lockVisible(tx, ticketId, employee);
        if (request.kind === 'comment') return this.commands.postComment(tx, ticketId, input, actorOf(employee));
        this.assertAnswers(ticket, employee, ticket.executor_id ? 'Only the executor of this request replies to the client' : 'Take the request before replying');
        return this.commands.postReply(tx, ticketId, input, actorOf(employee));
      });
      return toMessage(done.value.row);
    } catch (error) {
      // The same message sent twice at once: the other request stored it.
      if (!request.clientMsgId || !isUniqueViolation(error, 'messages_employee_msg_key')) throw error;
      const [row] = await this.dataSource.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.author_employee_id = $1 AND m.client_msg_id = $2`, [
        employee.id,
        request.clientMsgId,
      ]);
      if (!row) throw error;
      return toMessage(row);
    }
  }

  /** WORK-11 complete; WORK-14 (asTicket) complete and keep the ticket open for ordinary work. */
  async complete(ticketId: string, employee: EmployeePrincipal, request: CompleteRequest): Promise<TicketSummary> {
    const done = await this.commands.run(async (tx) => {
      const ticket = await this.lockVisible(tx, ticketId, employee);
      if (!ticket.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor completes it');
      if (request.asTicket) await this.commands.completeAsTicket(tx, ticketId, actorOf(employee));
      else await this.commands.complete(tx, ticketId, actorOf(employee));
    });
    return done.summary(ticketId);
  }

  /** WORK-10: to another employee and/or department, with an optional comment; the receiver hears at once. */
  async transfer(ticketId: string, employee: EmployeePrincipal, request: TransferRequest): Promise<TicketSummary> {
    const target = request.employeeId ? await this.access.ofEmployee(request.employeeId) : null;
    if (request.employeeId && (!target || !target.permissions.includes(Permission.OmniAccess))) {
      throw new AppError(ErrorCode.EmployeeNotFound, 'This employee cannot take conversations');
    }
    const done = await this.commands.run(async (tx) => {
      const ticket = await this.lockVisible(tx, ticketId, employee);
      if (!ticket.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      const unassignedAndMine = ticket.executor_id === null && can(employee, Permission.OmniUnassigned);
      if (!unassignedAndMine) this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor transfers it');
      await this.commands.transfer(
        tx,
        ticketId,
        { departmentId: request.departmentId ?? ticket.department_id, executor: target ? { id: target.id, name: target.name } : null, comment: request.comment },
        actorOf(employee),
      );
    });
    return done.summary(ticketId);
  }

  /** WORK-5: brings another employee (e.g. the client's previous executor) into the conversation. */
  async invite(ticketId: string, employee: EmployeePrincipal, employeeId: string): Promise<TicketSummary> {
    const invitee = await this.access.ofEmployee(employeeId);
    if (!invitee || !invitee.permissions.includes(Permission.OmniAccess)) {
      throw new AppError(ErrorCode.EmployeeNotFound, 'This employee cannot take part in conversations');
    }
    const done = await this.commands.run(async (tx) => {
      const ticket = await this.lockVisible(tx, ticketId, employee);
      if (!ticket.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor invites colleagues');
      await this.commands.invite(tx, ticketId, { id: invitee.id, name: invitee.name }, actorOf(employee));
    });
    return done.summary(ticketId);
  }

  /** CORE-4: a ticket's status (configurable statuses); a final one closes the ticket's work. */
  async changeStatus(ticketId: string, employee: EmployeePrincipal, status: string): Promise<TicketSummary> {
    const done = await this.commands.run(async (tx) => {
      const ticket = await this.lockVisible(tx, ticketId, employee);
      if (ticket.executor_id !== null) this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor changes its status');
      await this.commands.setStatus(tx, ticketId, status, actorOf(employee));
    });
    return done.summary(ticketId);
  }

  /** NAV-7: the employee has read the conversation up to this seq (marks only move forward). */
  async markRead(ticketId: string, employee: EmployeePrincipal, seq: number): Promise<void> {
    const [visible] = await run<{ last_seq: number }[]>(this.dataSource, sql`SELECT t.last_seq FROM tickets t WHERE t.id = ${sql.value(ticketId)}::uuid AND ${visibleTo(employee)}`);
    if (!visible) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    await this.dataSource.query(
      `INSERT INTO ticket_reads (employee_id, ticket_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (employee_id, ticket_id) DO UPDATE SET last_read_seq = GREATEST(ticket_reads.last_read_seq, EXCLUDED.last_read_seq), updated_at = now()`,
      [employee.id, ticketId, Math.min(seq, visible.last_seq)],
    );
  }

  /** WORK-4: the administrator's ticket and client fields, edited by those who see the ticket. */
  async updateCustom(ticketId: string, employee: EmployeePrincipal, request: UpdateCustomValuesRequest): Promise<TicketSummary> {
    const ticketValues = request.ticket ? await this.customFields.validate('ticket', request.ticket) : null;
    const clientValues = request.client ? await this.customFields.validate('client', request.client) : null;
    const done = await this.commands.run(async (tx) => {
      await this.lockVisible(tx, ticketId, employee);
      await this.commands.setCustomValues(tx, ticketId, { ticket: ticketValues, client: clientValues }, actorOf(employee));
    });
    return done.summary(ticketId);
  }

  /** WORK-9: a failed reply is queued again (same message, same order guarantees). */
  async retry(messageId: string, employee: EmployeePrincipal): Promise<Message> {
    const done = await this.commands.run(async (tx) => {
      const [message] = await tx.m.query<{ ticket_id: string }[]>('SELECT ticket_id FROM messages WHERE id = $1', [messageId]);
      if (!message) throw new AppError(ErrorCode.MessageNotFound, 'Message not found');
      const ticket = await this.lockVisible(tx, message.ticket_id, employee).catch(() => {
        throw new AppError(ErrorCode.MessageNotFound, 'Message not found');
      });
      this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor resends replies');
      return this.commands.retryReply(tx, messageId);
    });
    await this.tickets.announceDelivery(messageId);
    return toMessage(done.value);
  }

  /**
   * A disabled or deleted executor's live chats go back to Unassigned (or the queue they came from), each
   * with a history entry, so no client waits on someone who cannot answer.
   */
  @OnEvent(EmployeeEvents.Deactivated, { promisify: true })
  async releaseTicketsOf(event: EmployeeDeactivatedEvent): Promise<void> {
    await this.commands.run(async (tx) => {
      const held = await tx.m.query<{ id: string }[]>('SELECT id FROM tickets WHERE executor_id = $1 AND live ORDER BY id FOR UPDATE', [event.employeeId]);
      await tx.m.query('DELETE FROM ticket_participants WHERE employee_id = $1', [event.employeeId]);
      await this.commands.release(
        tx,
        held.map((t) => t.id),
        { id: event.employeeId, name: event.employeeName },
        { type: 'system', reason: `employee ${event.reason}` },
      );
    });
  }

  // ---------------------------------------------------------------- helpers

  /** Locks a ticket the employee may see; another department's ticket is "not found" (PERM-6). */
  private async lockVisible(tx: Tx, ticketId: string, employee: EmployeePrincipal): Promise<LockedTicket> {
    const [ticket] = await run<LockedTicket[]>(
      tx.m,
      sql`SELECT t.id, t.number, t.live, t.status, t.priority, t.executor_id, t.department_id, t.client_id FROM tickets t
           WHERE t.id = ${sql.value(ticketId)}::uuid AND ${visibleTo(employee)} FOR UPDATE`,
    );
    if (!ticket) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    return ticket;
  }

  /** The executor answers; a supervisor (PERM-5) may step in. */
  private assertAnswers(ticket: LockedTicket, employee: EmployeePrincipal, message: string): void {
    if (ticket.executor_id === visibleExecutor(employee) && ticket.executor_id !== null) return;
    if (can(employee, Permission.OmniManagement)) return;
    throw new AppError(ErrorCode.NotExecutor, message);
  }
}

function actorOf(employee: EmployeePrincipal): Extract<EventActor, { type: 'employee' }> {
  return { type: 'employee', id: employee.id, name: employee.name };
}
