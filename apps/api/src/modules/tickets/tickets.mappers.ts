import type {
  Attachment,
  ChannelType,
  CustomValues,
  DeliveryState,
  Message,
  MessageKind,
  SystemEvent,
  TicketPriority,
  TicketSource,
  TicketStatus,
  TicketSummary,
  VisitorConversation,
  VisitorMessage,
} from '@omnichannel/contracts';
import { sql, type SQL } from '../../common/sql';
import { toAttachment, VISITOR_ATTACHMENTS } from '../attachments/attachments.service';

/** The columns every ticket read model selects (see SUMMARY_SELECT). */
export interface TicketRow {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  live: boolean;
  department_id: string;
  department_name: string;
  executor_id: string | null;
  executor_name: string | null;
  channel_id: string;
  channel_type: ChannelType;
  channel_name: string;
  client_id: string;
  client_name: string | null;
  client_email: string | null;
  last_kind: MessageKind | null;
  last_body: string | null;
  last_created_at: Date | null;
  last_seq: number;
  last_client_seq: number;
  participant_ids: string[];
  waiting_since: Date | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  source: Partial<TicketSource>;
  custom: CustomValues;
  priority: TicketPriority;
  queued_at: Date | null;
  first_reply_due: Date | null;
  resolution_due: Date | null;
  first_replied_at: Date | null;
  sla_breached: string[];
}

const SUMMARY_COLUMNS = sql`t.id, t.number, t.subject, t.status, t.live, t.department_id, d.name AS department_name,
       t.executor_id, e.name AS executor_name, t.channel_id, ch.type AS channel_type, ch.name AS channel_name,
       t.client_id, cl.name AS client_name, cl.email AS client_email,
       lm.kind AS last_kind, lm.body AS last_body, lm.created_at AS last_created_at,
       t.last_seq, t.last_client_seq, t.waiting_since, t.created_at, t.updated_at, t.completed_at, t.source, t.custom,
       t.priority, t.queued_at, t.first_reply_due, t.resolution_due, t.first_replied_at, t.sla_breached,
       COALESCE((SELECT array_agg(tp.employee_id ORDER BY tp.created_at) FROM ticket_participants tp WHERE tp.ticket_id = t.id), '{}')
         AS participant_ids`;

/** The names a list entry shows. */
const NAME_JOINS = sql`
  JOIN departments d ON d.id = t.department_id
  JOIN channels ch ON ch.id = t.channel_id
  JOIN clients cl ON cl.id = t.client_id
  LEFT JOIN employees e ON e.id = t.executor_id`;

/** The list entry's names and its last message (one index probe per ticket: apply it to a page, never to a whole table). */
const SUMMARY_JOINS = sql`${NAME_JOINS}
  LEFT JOIN LATERAL (
    SELECT m.kind, left(m.body, 280) AS body, m.created_at
      FROM messages m
     WHERE m.ticket_id = t.id AND m.kind <> 'system' AND m.visibility <> 'ticket'
     ORDER BY m.seq DESC
     LIMIT 1
  ) lm ON true`;

/** Selected with the FROM/JOINs above; callers append a WHERE clause that finds one ticket (or a few), with bound parameters only. */
export const SUMMARY = sql`SELECT ${SUMMARY_COLUMNS} FROM tickets t ${SUMMARY_JOINS}`;

/**
 * List entries of a page chosen first (issue #19): `page` selects `t.*` (plus a `sort_key`) of the tickets
 * in the page, already ordered and limited, so names and last messages are looked up for those rows only,
 * not for every ticket the filter matches before the sort.
 */
export function summaryOfPage(page: SQL, order: SQL): SQL {
  return sql`SELECT ${SUMMARY_COLUMNS}, t.sort_key FROM (${page}) t ${SUMMARY_JOINS} ORDER BY ${order}`;
}

/** summaryOfPage with the reader's read mark of each ticket as `read_seq` (null when never read): one statement for a list page. */
export function summaryOfPageReadBy(page: SQL, order: SQL, employeeId: string): SQL {
  return sql`SELECT ${SUMMARY_COLUMNS}, t.sort_key, tr.last_read_seq AS read_seq FROM (${page}) t ${SUMMARY_JOINS}
    LEFT JOIN ticket_reads tr ON tr.employee_id = ${sql.value(employeeId)}::uuid AND tr.ticket_id = t.id
    ORDER BY ${order}`;
}

/**
 * The end of a statement that has just appended a client message: CTE `t` holds the ticket's new row
 * (RETURNING *) and `m` the message (RETURNING MESSAGE_COLUMNS). It selects the ticket's list entry with that
 * message as its last, plus the message's own fields as `m_…` (see toAppended), so nothing is read back.
 */
export const APPENDED_SELECT = sql.compile(sql`SELECT ${SUMMARY_COLUMNS},
       m.id AS m_id, m.seq AS m_seq, m.body AS m_body, m.client_msg_id AS m_client_msg_id, m.visibility AS m_visibility, m.created_at AS m_created_at
  FROM t JOIN m ON m.ticket_id = t.id ${NAME_JOINS}
  CROSS JOIN LATERAL (SELECT m.kind, left(m.body, 280) AS body, m.created_at) lm`).text;

/** A row of APPENDED_SELECT. */
export interface AppendedRow extends TicketRow {
  m_id: string;
  m_seq: number;
  m_body: string;
  m_client_msg_id: string | null;
  m_visibility: Message['shownIn'];
  m_created_at: Date;
}

/** The appended client message and its ticket's new list entry. */
export function toAppended(row: AppendedRow): { message: Message; ticket: TicketSummary } {
  const message = toMessage({
    id: row.m_id,
    ticket_id: row.id,
    seq: row.m_seq,
    kind: 'client',
    body: row.m_body,
    author_employee_id: null,
    author_client_id: row.client_id,
    client_name: row.client_name,
    client_email: row.client_email,
    event: null,
    client_msg_id: row.m_client_msg_id,
    visibility: row.m_visibility,
    delivery_state: null,
    delivery_error: null,
    delivery_updated_at: null,
    attachments: [],
    created_at: row.m_created_at,
  });
  return { message, ticket: toTicketSummary(row) };
}

/** The same, as text, for statements written with numbered parameters. */
export const SUMMARY_SELECT = sql.compile(SUMMARY).text;

interface AttachmentJson {
  id: string;
  name: string;
  mime: string;
  size: number;
  is_image: boolean;
}

export interface MessageRow {
  id: string;
  ticket_id: string;
  seq: number;
  kind: MessageKind;
  body: string;
  author_employee_id: string | null;
  author_client_id: string | null;
  employee_name?: string | null;
  client_name?: string | null;
  client_email?: string | null;
  event: SystemEvent | null;
  client_msg_id: string | null;
  visibility: Message['shownIn'];
  delivery_state: DeliveryState | null;
  delivery_error: string | null;
  delivery_updated_at: Date | null;
  /** Absent where a statement does not read it (then: not edited). */
  edited_at?: Date | null;
  attachments?: AttachmentJson[];
  created_at: Date;
}

/** A message's own columns, for RETURNING (not `*`: the stored search words stay in the database). */
export const MESSAGE_COLUMNS = `id, ticket_id, seq, kind, body, author_employee_id, author_client_id, event, client_msg_id, visibility,
  delivery_state, delivery_error, delivery_updated_at, external_id, edited_at, created_at`;

export const MESSAGE_SELECT = `
SELECT m.id, m.ticket_id, m.seq, m.kind, m.body, m.author_employee_id, m.author_client_id,
       e.name AS employee_name, c.name AS client_name, c.email AS client_email,
       m.event, m.client_msg_id, m.visibility, m.delivery_state, m.delivery_error, m.delivery_updated_at, m.edited_at, m.created_at,
       COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'mime', a.mime, 'size', a.size, 'is_image', a.is_image)
                                 ORDER BY a.position, a.created_at)
                   FROM attachments a WHERE a.message_id = m.id), '[]') AS attachments
  FROM messages m
  LEFT JOIN employees e ON e.id = m.author_employee_id
  LEFT JOIN clients c ON c.id = m.author_client_id`;

/** WGT-4: a visitor who gave no name is shown as "Visitor". */
export function clientDisplayName(name: string | null | undefined, email: string | null | undefined): string {
  return name?.trim() || email?.trim() || 'Visitor';
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toTicketSummary(row: TicketRow): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    live: row.live,
    department: { id: row.department_id, name: row.department_name },
    executor: row.executor_id ? { id: row.executor_id, name: row.executor_name ?? '' } : null,
    channel: { id: row.channel_id, type: row.channel_type, name: row.channel_name },
    client: { id: row.client_id, name: clientDisplayName(row.client_name, row.client_email), email: row.client_email },
    lastMessage:
      row.last_kind && row.last_created_at
        ? { kind: row.last_kind, body: row.last_body ?? '', createdAt: row.last_created_at.toISOString() }
        : null,
    lastSeq: row.last_seq,
    lastClientSeq: row.last_client_seq,
    participantIds: row.participant_ids,
    waitingSince: iso(row.waiting_since),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: iso(row.completed_at),
    priority: row.priority,
    queuedAt: iso(row.queued_at),
    sla: {
      firstReplyDue: iso(row.first_reply_due),
      resolutionDue: iso(row.resolution_due),
      firstRepliedAt: iso(row.first_replied_at),
      breached: row.sla_breached.filter((b): b is 'first-reply' | 'resolution' => b === 'first-reply' || b === 'resolution'),
    },
  };
}

export function toSource(source: Partial<TicketSource>): TicketSource {
  return {
    pageUrl: source.pageUrl ?? null,
    referrer: source.referrer ?? null,
    ip: source.ip ?? null,
    userAgent: source.userAgent ?? null,
  };
}

function attachmentsOf(row: MessageRow, base: string): Attachment[] {
  return (row.attachments ?? []).map((a) => toAttachment({ id: a.id, name: a.name, mime: a.mime, size: a.size, isImage: a.is_image }, base));
}

export function toMessage(row: MessageRow): Message {
  const author: Message['author'] = row.author_employee_id
    ? { type: 'employee', id: row.author_employee_id, name: row.employee_name ?? '' }
    : row.author_client_id
      ? { type: 'client', id: row.author_client_id, name: clientDisplayName(row.client_name, row.client_email) }
      : { type: 'system', id: null, name: 'System' };
  return {
    id: row.id,
    ticketId: row.ticket_id,
    seq: row.seq,
    kind: row.kind,
    body: row.body,
    author,
    event: row.event,
    delivery:
      row.delivery_state && row.delivery_updated_at
        ? { state: row.delivery_state, error: row.delivery_error, updatedAt: row.delivery_updated_at.toISOString() }
        : null,
    clientMsgId: row.client_msg_id,
    attachments: attachmentsOf(row, '/api/attachments'),
    shownIn: row.visibility,
    editedAt: row.edited_at ? row.edited_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}


/** What a visitor may see of a history entry; comments (WORK-6) and merged replies map to nothing. */
export function toVisitorMessage(message: Message): VisitorMessage | null {
  // SET-1: a merged reply belongs to the ticket's history; the client already has the replies it merges.
  if (message.shownIn === 'ticket') return null;
  switch (message.kind) {
    case 'comment':
      return null;
    case 'system':
      return visibleToVisitor(message.event) ? visitorView({ ...message, kind: message.kind }) : null;
    case 'client':
    case 'reply':
      return visitorView({ ...message, kind: message.kind });
  }
}

function visitorView(message: Message & { kind: VisitorMessage['kind'] }): VisitorMessage {
  return {
        id: message.id,
        ticketId: message.ticketId,
        seq: message.seq,
        kind: message.kind,
        body: message.body,
        authorName: message.kind === 'reply' ? message.author.name : null,
        event: message.kind === 'system' ? message.event : null,
        clientMsgId: message.author.type === 'client' ? message.clientMsgId : null,
        attachments: message.attachments.map((a) => ({ ...a, url: `${VISITOR_ATTACHMENTS}/${a.id}` })),
        createdAt: message.createdAt,
      };
}

export function toVisitorConversation(ticket: TicketSummary): VisitorConversation {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    live: ticket.live,
    operatorName: ticket.executor?.name ?? null,
  };
}

/** Plain-text fallback of a system event, stored as the entry's body; interfaces render from `event`. */
export function systemEventText(event: SystemEvent): string {
  switch (event.type) {
    case 'ticket.created':
      return 'Conversation started';
    case 'ticket.assigned':
      return `${event.employeeName} joined the conversation`;
    case 'ticket.completed':
      return 'Conversation completed';
    case 'ticket.released':
      return `${event.employeeName} is no longer available; the request is back in Unassigned`;
    case 'ticket.transferred':
      return `${event.byName} transferred the conversation to ${[event.toEmployeeName, event.toDepartmentName].filter(Boolean).join(', ')}`;
    case 'ticket.invited':
      return `${event.byName} invited ${event.employeeName}`;
    case 'ticket.moved-to-tickets':
      return `${event.employeeName} ended the chat; the ticket stays open`;
    case 'ticket.status-changed':
      return `${event.byName} changed the status from ${event.from} to ${event.to}`;
    case 'rule.applied':
      return `Rule "${event.ruleName}": ${event.action}${event.detail ? ` (${event.detail})` : ''}`;
    case 'ticket.queued':
      return `Waiting in the queue of ${event.groupName} for a free operator`;
    case 'sla.breached':
      return event.deadline === 'first-reply' ? 'The first-reply deadline passed' : 'The resolution deadline passed';
  }
}

/** Events a visitor hears about (the rest are internal). */
export function visibleToVisitor(event: SystemEvent | null): boolean {
  if (!event) return true;
  switch (event.type) {
    case 'ticket.assigned':
    case 'ticket.completed':
    case 'ticket.released':
    case 'ticket.moved-to-tickets':
      return true;
    case 'ticket.transferred':
      return event.toEmployeeName !== null;
    case 'ticket.created':
    case 'ticket.invited':
    case 'ticket.status-changed':
    case 'rule.applied':
    case 'ticket.queued':
    case 'sla.breached':
      return false;
  }
}
