import type {
  ChannelType,
  DeliveryState,
  Message,
  MessageKind,
  SystemEvent,
  TicketDetail,
  TicketSource,
  TicketStatus,
  TicketSummary,
  VisitorConversation,
  VisitorMessage,
} from '@omnichannel/contracts';

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
  waiting_since: Date | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  source: Partial<TicketSource>;
}

/** Selected with the FROM/JOINs below; callers append a WHERE clause with bound parameters only. */
export const SUMMARY_SELECT = `
SELECT t.id, t.number, t.subject, t.status, t.live, t.department_id, d.name AS department_name,
       t.executor_id, e.name AS executor_name, t.channel_id, ch.type AS channel_type, ch.name AS channel_name,
       t.client_id, cl.name AS client_name, cl.email AS client_email,
       lm.kind AS last_kind, lm.body AS last_body, lm.created_at AS last_created_at,
       t.last_seq, t.waiting_since, t.created_at, t.updated_at, t.completed_at, t.source
  FROM tickets t
  JOIN departments d ON d.id = t.department_id
  JOIN channels ch ON ch.id = t.channel_id
  JOIN clients cl ON cl.id = t.client_id
  LEFT JOIN employees e ON e.id = t.executor_id
  LEFT JOIN LATERAL (
    SELECT m.kind, left(m.body, 280) AS body, m.created_at
      FROM messages m
     WHERE m.ticket_id = t.id AND m.kind <> 'system'
     ORDER BY m.seq DESC
     LIMIT 1
  ) lm ON true`;

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
  delivery_state: DeliveryState | null;
  delivery_error: string | null;
  delivery_updated_at: Date | null;
  created_at: Date;
}

export const MESSAGE_SELECT = `
SELECT m.id, m.ticket_id, m.seq, m.kind, m.body, m.author_employee_id, m.author_client_id,
       e.name AS employee_name, c.name AS client_name, c.email AS client_email,
       m.event, m.client_msg_id, m.delivery_state, m.delivery_error, m.delivery_updated_at, m.created_at
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
    waitingSince: iso(row.waiting_since),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: iso(row.completed_at),
  };
}

export function toTicketDetail(row: TicketRow): TicketDetail {
  return {
    ...toTicketSummary(row),
    source: {
      pageUrl: row.source.pageUrl ?? null,
      referrer: row.source.referrer ?? null,
      ip: row.source.ip ?? null,
      userAgent: row.source.userAgent ?? null,
    },
  };
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
    createdAt: row.created_at.toISOString(),
  };
}

/** What a visitor may see of a history entry; comments map to nothing (WORK-6). */
export function toVisitorMessage(message: Message): VisitorMessage | null {
  switch (message.kind) {
    case 'comment':
      return null;
    case 'client':
    case 'reply':
    case 'system':
      return {
        id: message.id,
        ticketId: message.ticketId,
        seq: message.seq,
        kind: message.kind,
        body: message.body,
        authorName: message.kind === 'reply' ? message.author.name : null,
        event: message.kind === 'system' ? message.event : null,
        clientMsgId: message.author.type === 'client' ? message.clientMsgId : null,
        createdAt: message.createdAt,
      };
  }
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
  }
}
