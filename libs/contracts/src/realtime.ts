import { z } from 'zod';
import type { ApiError } from './error-codes';
import type { OperatorPresence } from './dispatcher';
import type { OmniSettings } from './settings';
import type { Message, TicketSummary } from './tickets';
import { uuidSchema } from './common';
import { MAX_MESSAGE_LENGTH } from './constants';
import type {
  VisitorConversation,
  VisitorMessage,
  VisitorReceipt,
  VisitorSendMessage,
  VisitorSyncRequest,
  VisitorSyncResponse,
} from './widget';

/** Every acknowledged socket request answers with this envelope. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
export type AckCallback<T> = (ack: Ack<T>) => void;

export const watchTicketSchema = z.object({ ticketId: uuidSchema });
export type WatchTicket = z.infer<typeof watchTicketSchema>;

/** WORK-8: an employee typing in a conversation (shown to the client as "typing…"). */
export const operatorTypingSchema = z.object({ ticketId: uuidSchema, typing: z.boolean() });
export type OperatorTyping = z.infer<typeof operatorTypingSchema>;

/** WORK-8: what the visitor is typing, as they type it (typing preview); empty text = stopped. */
export const visitorTypingSchema = z.object({ text: z.string().max(MAX_MESSAGE_LENGTH) });
export type VisitorTyping = z.infer<typeof visitorTypingSchema>;

export interface TicketTypingEvent {
  ticketId: string;
  /** The visitor's draft (typing preview), or null when an employee types. */
  preview: string | null;
  who: { type: 'client' | 'employee'; id: string; name: string };
  typing: boolean;
}

/** Sent to one employee: a request was transferred to them or they were invited into it. */
export interface TicketHandedEvent {
  ticket: TicketSummary;
  kind: 'transferred' | 'invited';
  byName: string;
  comment: string | null;
}

/** Events the server sends to employees' sockets. */
export interface OperatorServerEvents {
  /** A ticket appeared or changed; clients place it in their lists by its fields. */
  'ticket:upserted': (ticket: TicketSummary) => void;
  'message:created': (message: Message) => void;
  /** Delivery state of an outbound message changed (WORK-9). */
  'message:updated': (message: Message) => void;
  /** The module settings changed (section 5). */
  'settings:omni': (settings: OmniSettings) => void;
  'ticket:typing': (event: TicketTypingEvent) => void;
  'ticket:handed': (event: TicketHandedEvent) => void;
  /** DSP-1: an operator's status or load changed (live everywhere). */
  'operator:presence': (presence: OperatorPresence) => void;
  /** SLA-2: a deadline of the module passed (to supervisors of the department and the executor). */
  'ticket:sla-breached': (event: { ticket: TicketSummary; deadline: 'first-reply' | 'resolution' }) => void;
  /** Live events may have been lost on the way (Redis was away): fetch what changed (issue #16). */
  'sync:required': () => void;
}

/** Events employees' sockets may send. */
export interface OperatorClientEvents {
  'ticket:watch': (req: WatchTicket, ack: AckCallback<{ lastSeq: number }>) => void;
  'ticket:unwatch': (req: WatchTicket, ack: AckCallback<null>) => void;
  'ticket:typing': (req: OperatorTyping) => void;
}

/** Events the server sends to a visitor's widget. */
export interface VisitorServerEvents {
  /** A reply's delivery asks for an acknowledgement: it is `sent` once a socket of the visitor has it (issue #16). */
  'visitor:message': (message: VisitorMessage, ack?: () => void) => void;
  'sync:required': () => void;
  'visitor:conversation': (conversation: VisitorConversation) => void;
  /** WORK-8: the operator is typing. */
  'visitor:typing': (event: { typing: boolean; operatorName: string | null }) => void;
}

/** Events a visitor's widget may send. */
export interface VisitorClientEvents {
  'visitor:send': (req: VisitorSendMessage, ack: AckCallback<VisitorMessage>) => void;
  'visitor:sync': (req: VisitorSyncRequest, ack: AckCallback<VisitorSyncResponse>) => void;
  'visitor:receipt': (req: VisitorReceipt, ack: AckCallback<null>) => void;
  'visitor:typing': (req: VisitorTyping) => void;
}

export type ServerToClientEvents = OperatorServerEvents & VisitorServerEvents;
export type ClientToServerEvents = OperatorClientEvents & VisitorClientEvents;

/** socket.io handshake `auth` payload of a widget: the token travels here, never in a URL. */
export const visitorHandshakeSchema = z.object({ visitorToken: z.string().min(20).max(200) });
export type VisitorHandshake = z.infer<typeof visitorHandshakeSchema>;
