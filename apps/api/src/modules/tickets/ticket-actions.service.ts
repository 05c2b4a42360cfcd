import {
  ErrorCode,
  Permission,
  type CompleteRequest,
  type Message,
  type PostMessageRequest,
  type TicketSummary,
  type TransferRequest,
  type UpdateCustomValuesRequest,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { can, type EmployeePrincipal } from '../../common/principal';
import { isUniqueViolation, updatedRows } from '../../common/sql';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { DepartmentsService } from '../departments/departments.service';
import { EmployeeEvents, type EmployeeDeactivatedEvent } from '../employees/employees.events';
import { AccessService } from '../permissions/access.service';
import { SettingsService } from '../settings/settings.service';
import { StatusesService } from './statuses.service';
import { TicketHistory } from './ticket-history';
import { visibility, visibleExecutor } from './ticket-queries.service';
import { MESSAGE_SELECT, VISIBLE, toMessage, type MessageRow } from './tickets.mappers';
import { TicketEvents, type TicketHandedEvent } from './tickets.events';

interface LockedTicket {
  id: string;
  live: boolean;
  status: string;
  executor_id: string | null;
  department_id: string;
}

/**
 * What employees do with a conversation (WORK-2, WORK-5, WORK-6, WORK-9…WORK-11, WORK-14). Each action
 * locks the ticket row, checks the actor's right against the ticket, writes history, and announces the
 * result after commit.
 */
@Injectable()
export class TicketActions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: TicketHistory,
    private readonly events: EventEmitter2,
    private readonly settings: SettingsService,
    private readonly statuses: StatusesService,
    private readonly customFields: CustomFieldsService,
    private readonly access: AccessService,
    private readonly departments: DepartmentsService,
  ) {}

  /** WORK-2: exactly one of several concurrent takers wins; the database decides (conditional UPDATE). */
  async take(ticketId: string, employee: EmployeePrincipal): Promise<TicketSummary> {
    const [departments] = visibility(employee);
    const entry = await this.dataSource.transaction(async (m) => {
      const won = updatedRows(
        await m.query(
          `UPDATE tickets SET executor_id = $1, status = 'in_progress', assigned_at = now(), queued_at = NULL, updated_at = now()
            WHERE id = $2 AND live AND executor_id IS NULL AND department_id = ANY($3::uuid[])
            RETURNING id`,
          [employee.id, ticketId, departments],
        ),
      );
      if (won.length === 0) return null;
      return this.history.insertSystemEntry(m, ticketId, { type: 'ticket.assigned', employeeId: employee.id, employeeName: employee.name });
    });
    if (!entry) {
      const current = await this.findVisible(ticketId, employee);
      if (!current.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      if (current.executor_id === employee.id) return this.history.summary(ticketId);
      const executor = current.executor_id ? await this.access.ofEmployee(current.executor_id) : null;
      throw new AppError(ErrorCode.TicketAlreadyTaken, `${executor?.name ?? 'Another employee'} has already taken this request`, {
        executor: executor ? { id: executor.id, name: executor.name } : null,
      });
    }
    return this.history.announce(ticketId, 'assigned', [entry]);
  }

  /**
   * WORK-6: a reply goes to the client through the channel's delivery job; a comment stays internal.
   * Anyone who sees the ticket may comment; its executor (or a supervisor, PERM-5) replies — in the live
   * chat, or later on the ticket page while the ticket is not closed (CORE-6).
   */
  async post(ticketId: string, employee: EmployeePrincipal, request: PostMessageRequest): Promise<Message> {
    const result = await this.dataSource
      .transaction(async (m) => {
        const ticket = await this.lock(m, ticketId, employee);
        if (request.kind === 'reply') {
          if (!ticket.live && (await this.statuses.isFinal(ticket.status))) {
            throw new AppError(ErrorCode.TicketNotLive, 'This ticket is closed; replies can no longer be sent');
          }
          this.assertAnswers(ticket, employee, ticket.executor_id ? 'Only the executor of this request replies to the client' : 'Take the request before replying');
        }
        if (request.clientMsgId) {
          const [dup] = await m.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.author_employee_id = $1 AND m.client_msg_id = $2`, [
            employee.id,
            request.clientMsgId,
          ]);
          if (dup) return { row: dup, duplicate: true };
        }
        const row = await this.history.insertEmployeeEntry(m, {
          ticketId,
          employee,
          kind: request.kind,
          body: request.body,
          clientMsgId: request.clientMsgId,
          attachmentIds: request.attachmentIds,
        });
        return { row, duplicate: false };
      })
      .catch(async (error: unknown) => {
        if (!request.clientMsgId || !isUniqueViolation(error, 'messages_employee_msg_key')) throw error;
        const [row] = await this.dataSource.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.author_employee_id = $1 AND m.client_msg_id = $2`, [
          employee.id,
          request.clientMsgId,
        ]);
        if (!row) throw error;
        return { row, duplicate: true };
      });
    if (!result.duplicate) await this.history.announce(ticketId, 'message', [result.row]);
    return toMessage(result.row);
  }

  /**
   * WORK-11: the chat leaves the active lists and the ticket is completed; WORK-14 (asTicket): the chat
   * ends but the ticket stays open in the ticket list. SET-1: the chat's replies become one reply in the
   * ticket's history (the chat keeps its messages).
   */
  async complete(ticketId: string, employee: EmployeePrincipal, request: CompleteRequest): Promise<TicketSummary> {
    const asTicket = request.asTicket ?? false;
    const merge = (await this.settings.omni()).mergeRepliesOnComplete;
    const entries = await this.dataSource.transaction(async (m) => {
      const ticket = await this.lock(m, ticketId, employee);
      if (!ticket.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor completes it');
      const written: MessageRow[] = [];
      if (merge) {
        const merged = await this.mergeReplies(m, ticketId, employee);
        if (merged) written.push(merged);
      }
      if (asTicket) {
        await m.query(`UPDATE tickets SET live = false, waiting_since = NULL, updated_at = now() WHERE id = $1`, [ticketId]);
        written.push(await this.history.insertSystemEntry(m, ticketId, { type: 'ticket.moved-to-tickets', employeeId: employee.id, employeeName: employee.name }));
      } else {
        await m.query(
          `UPDATE tickets SET live = false, status = 'completed', completed_at = now(), waiting_since = NULL, updated_at = now() WHERE id = $1`,
          [ticketId],
        );
        written.push(await this.history.insertSystemEntry(m, ticketId, { type: 'ticket.completed', employeeId: employee.id, employeeName: employee.name }));
      }
      return written;
    });
    return this.history.announce(ticketId, 'completed', entries);
  }

  /** SET-1: the conversation's replies, combined into one entry of the ticket's history. */
  private async mergeReplies(m: EntityManager, ticketId: string, employee: EmployeePrincipal): Promise<MessageRow | null> {
    const replies = await m.query<{ id: string; body: string }[]>(
      `SELECT id, body FROM messages WHERE ticket_id = $1 AND kind = 'reply' AND visibility = 'both' ORDER BY seq`,
      [ticketId],
    );
    if (replies.length < 2) return null;
    await m.query(`UPDATE messages SET visibility = 'chat' WHERE id = ANY($1::uuid[])`, [replies.map((r) => r.id)]);
    const seq = await this.history.nextSeq(m, ticketId, 'system');
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO messages (ticket_id, seq, kind, body, author_employee_id, visibility) VALUES ($1, $2, 'reply', $3, $4, 'ticket') RETURNING id`,
      [ticketId, seq, replies.map((r) => r.body).filter((b) => b.length > 0).join('\n\n'), employee.id],
    );
    if (!row) throw new Error('Merged reply was not stored');
    await m.query(
      `UPDATE attachments SET message_id = $1 WHERE message_id = ANY($2::uuid[])`,
      [row.id, replies.map((r) => r.id)],
    );
    return this.history.messageRow(row.id, m);
  }

  /** WORK-10: to another employee and/or department, with an optional comment; the receiver hears at once. */
  async transfer(ticketId: string, employee: EmployeePrincipal, request: TransferRequest): Promise<TicketSummary> {
    const target = request.employeeId ? await this.access.ofEmployee(request.employeeId) : null;
    if (request.employeeId && (!target || !target.permissions.includes(Permission.OmniAccess))) {
      throw new AppError(ErrorCode.EmployeeNotFound, 'This employee cannot take conversations');
    }
    const { entries, previous } = await this.dataSource.transaction(async (m) => {
      const ticket = await this.lock(m, ticketId, employee);
      if (!ticket.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      const unassignedAndMine = ticket.executor_id === null && can(employee, Permission.OmniUnassigned);
      if (!unassignedAndMine) this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor transfers it');
      const departmentId = request.departmentId ?? ticket.department_id;
      const department = await this.departments.get(departmentId, m);
      if (target && !target.departmentIds.includes(departmentId)) {
        throw new AppError(ErrorCode.ValidationFailed, `${target.name} does not work in ${department.name}`);
      }
      await m.query(
        `UPDATE tickets SET department_id = $2, executor_id = $3, status = CASE WHEN $3::uuid IS NULL THEN 'open' ELSE 'in_progress' END,
                assigned_at = CASE WHEN $3::uuid IS NULL THEN NULL ELSE now() END, queued_at = NULL, updated_at = now() WHERE id = $1`,
        [ticketId, departmentId, target?.id ?? null],
      );
      const written: MessageRow[] = [];
      if (request.comment) {
        written.push(await this.history.insertEmployeeEntry(m, { ticketId, employee, kind: 'comment', body: request.comment }));
      }
      written.push(
        await this.history.insertSystemEntry(m, ticketId, {
          type: 'ticket.transferred',
          byName: employee.name,
          toEmployeeId: target?.id ?? null,
          toEmployeeName: target?.name ?? null,
          toDepartmentId: request.departmentId ? department.id : null,
          toDepartmentName: request.departmentId ? department.name : null,
        }),
      );
      return { entries: written, previous: { departmentId: ticket.department_id, executorId: ticket.executor_id } };
    });
    const ticket = await this.history.announce(ticketId, 'transferred', entries, previous);
    if (target) this.handed({ ticket, employeeId: target.id, kind: 'transferred', byName: employee.name, comment: request.comment ?? null });
    return ticket;
  }

  /** WORK-5: brings another employee (e.g. the client's previous executor) into the conversation. */
  async invite(ticketId: string, employee: EmployeePrincipal, employeeId: string): Promise<TicketSummary> {
    const invitee = await this.access.ofEmployee(employeeId);
    if (!invitee || !invitee.permissions.includes(Permission.OmniAccess)) {
      throw new AppError(ErrorCode.EmployeeNotFound, 'This employee cannot take part in conversations');
    }
    const entry = await this.dataSource.transaction(async (m) => {
      const ticket = await this.lock(m, ticketId, employee);
      if (!ticket.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor invites colleagues');
      const added = await m.query<{ employee_id: string }[]>(
        `INSERT INTO ticket_participants (ticket_id, employee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING employee_id`,
        [ticketId, invitee.id],
      );
      if (added.length === 0 || invitee.id === ticket.executor_id) return null;
      return this.history.insertSystemEntry(m, ticketId, { type: 'ticket.invited', byName: employee.name, employeeId: invitee.id, employeeName: invitee.name });
    });
    const ticket = entry ? await this.history.announce(ticketId, 'updated', [entry]) : await this.history.summary(ticketId);
    if (entry) this.handed({ ticket, employeeId: invitee.id, kind: 'invited', byName: employee.name, comment: null });
    return ticket;
  }

  /** CORE-4: a ticket's status (configurable statuses); a final one closes the ticket's work. */
  async changeStatus(ticketId: string, employee: EmployeePrincipal, status: string): Promise<TicketSummary> {
    const target = await this.statuses.get(status);
    const entry = await this.dataSource.transaction(async (m) => {
      const ticket = await this.lock(m, ticketId, employee);
      if (ticket.live && target.isFinal) throw new AppError(ErrorCode.TicketNotLive, 'Complete the live chat to close it');
      if (ticket.executor_id !== null) this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor changes its status');
      if (ticket.status === status) return null;
      await m.query(
        `UPDATE tickets SET status = $2, completed_at = CASE WHEN $3 THEN COALESCE(completed_at, now()) ELSE NULL END, updated_at = now() WHERE id = $1`,
        [ticketId, status, target.isFinal],
      );
      return this.history.insertSystemEntry(m, ticketId, { type: 'ticket.status-changed', byName: employee.name, from: ticket.status, to: status });
    });
    return entry ? this.history.announce(ticketId, 'updated', [entry]) : this.history.summary(ticketId);
  }

  /** NAV-7: the employee has read the conversation up to this seq (marks only move forward). */
  async markRead(ticketId: string, employee: EmployeePrincipal, seq: number): Promise<void> {
    const [visible] = await this.dataSource.query<{ last_seq: number }[]>(`SELECT t.last_seq FROM tickets t WHERE t.id = $1 AND ${VISIBLE}`, [
      ticketId,
      ...visibility(employee),
    ]);
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
    await this.dataSource.transaction(async (m) => {
      await this.lock(m, ticketId, employee);
      if (ticketValues) await m.query(`UPDATE tickets SET custom = jsonb_strip_nulls(custom || $2::jsonb), updated_at = now() WHERE id = $1`, [ticketId, JSON.stringify(ticketValues)]);
      if (clientValues) {
        await m.query(`UPDATE clients SET custom = jsonb_strip_nulls(custom || $2::jsonb), updated_at = now() WHERE id = (SELECT client_id FROM tickets WHERE id = $1)`, [
          ticketId,
          JSON.stringify(clientValues),
        ]);
      }
    });
    return this.history.announce(ticketId, 'updated');
  }

  /** WORK-9: a failed reply is queued again (same message, same order guarantees). */
  async retry(messageId: string, employee: EmployeePrincipal): Promise<Message> {
    const row = await this.dataSource.transaction(async (m) => {
      const [message] = await m.query<{ ticket_id: string; kind: string; delivery_state: string | null }[]>(
        'SELECT ticket_id, kind, delivery_state FROM messages WHERE id = $1',
        [messageId],
      );
      if (!message) throw new AppError(ErrorCode.MessageNotFound, 'Message not found');
      const ticket = await this.lock(m, message.ticket_id, employee).catch(() => {
        throw new AppError(ErrorCode.MessageNotFound, 'Message not found');
      });
      this.assertAnswers(ticket, employee, 'Only the executor of this request or a supervisor resends replies');
      if (message.kind !== 'reply' || message.delivery_state !== 'failed') throw new AppError(ErrorCode.NotRetryable, 'Only a failed reply can be sent again');
      await m.query(`UPDATE messages SET delivery_state = 'queued', delivery_error = NULL, delivery_updated_at = now() WHERE id = $1`, [messageId]);
      await this.history.enqueueDelivery(m, messageId, message.ticket_id);
      return this.history.messageRow(messageId, m);
    });
    const ticket = await this.history.summary(row.ticket_id);
    this.history.emitDeliveryChanged(toMessage(row), { id: ticket.id, clientId: ticket.client.id, departmentId: ticket.department.id, channelType: ticket.channel.type });
    return toMessage(row);
  }

  /**
   * A disabled or deleted executor's live chats go back to Unassigned, each with a history entry, so no
   * client waits on someone who cannot answer.
   */
  @OnEvent(EmployeeEvents.Deactivated, { promisify: true })
  async releaseTicketsOf(event: EmployeeDeactivatedEvent): Promise<void> {
    const released = await this.dataSource.transaction(async (m) => {
      const rows = updatedRows<{ id: string }>(
        await m.query(`UPDATE tickets SET executor_id = NULL, status = 'open', updated_at = now() WHERE executor_id = $1 AND live RETURNING id`, [
          event.employeeId,
        ]),
      );
      await m.query('DELETE FROM ticket_participants WHERE employee_id = $1', [event.employeeId]);
      const entries: MessageRow[] = [];
      for (const { id } of rows) {
        entries.push(await this.history.insertSystemEntry(m, id, { type: 'ticket.released', employeeId: event.employeeId, employeeName: event.employeeName }));
      }
      return entries;
    });
    for (const entry of released) await this.history.announce(entry.ticket_id, 'assigned', [entry], { executorId: event.employeeId });
  }

  // ---------------------------------------------------------------- helpers

  /** Locks a ticket the employee may see; another department's ticket is "not found" (PERM-6). */
  private async lock(m: EntityManager, ticketId: string, employee: EmployeePrincipal): Promise<LockedTicket> {
    const [ticket] = await m.query<LockedTicket[]>(
      `SELECT t.id, t.live, t.status, t.executor_id, t.department_id FROM tickets t WHERE t.id = $1 AND ${VISIBLE} FOR UPDATE`,
      [ticketId, ...visibility(employee)],
    );
    if (!ticket) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    return ticket;
  }

  private async findVisible(ticketId: string, employee: EmployeePrincipal): Promise<LockedTicket> {
    const [ticket] = await this.dataSource.query<LockedTicket[]>(
      `SELECT t.id, t.live, t.status, t.executor_id, t.department_id FROM tickets t WHERE t.id = $1 AND ${VISIBLE}`,
      [ticketId, ...visibility(employee)],
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

  private handed(event: TicketHandedEvent): void {
    this.events.emit(TicketEvents.Handed, event);
  }
}
