import { z } from 'zod';
import { attachmentSchema } from './attachments';
import { channelRefSchema, channelTypeSchema } from './channels';
import { messageBodySchema, uuidSchema } from './common';
import { MESSAGES_PAGE_MAX, MAX_ATTACHMENTS_PER_MESSAGE, MAX_MESSAGE_LENGTH } from './constants';

/** A ticket status code (CORE-4, configurable; see statuses in workspace.ts). */
export const statusCodeSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'A status code is lowercase letters, digits and "_"');
export type TicketStatus = z.infer<typeof statusCodeSchema>;

/** CORE-5: what a history entry is. Comments are internal and never reach the client (WORK-6). */
export const messageKinds = ['client', 'reply', 'comment', 'system'] as const;
export const messageKindSchema = z.enum(messageKinds);
export type MessageKind = z.infer<typeof messageKindSchema>;

/** WORK-9: delivery state of an outbound message; it only moves forward, `failed` is terminal. */
export const deliveryStates = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export const deliveryStateSchema = z.enum(deliveryStates);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const systemEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket.created') }),
  z.object({ type: z.literal('ticket.assigned'), employeeId: uuidSchema, employeeName: z.string() }),
  z.object({ type: z.literal('ticket.completed'), employeeId: uuidSchema.nullable(), employeeName: z.string().nullable() }),
  /** The executor was disabled or deleted: the request went back to Unassigned. */
  z.object({ type: z.literal('ticket.released'), employeeId: uuidSchema, employeeName: z.string() }),
  /** WORK-10: handed to another employee or department. */
  z.object({
    type: z.literal('ticket.transferred'),
    byName: z.string(),
    toEmployeeId: uuidSchema.nullable(),
    toEmployeeName: z.string().nullable(),
    toDepartmentId: uuidSchema.nullable(),
    toDepartmentName: z.string().nullable(),
  }),
  /** WORK-5: a previous executor was invited into the conversation. */
  z.object({ type: z.literal('ticket.invited'), byName: z.string(), employeeId: uuidSchema, employeeName: z.string() }),
  /** WORK-14: the live chat ended, the ticket stays open for ordinary work. */
  z.object({ type: z.literal('ticket.moved-to-tickets'), employeeId: uuidSchema, employeeName: z.string() }),
  z.object({ type: z.literal('ticket.status-changed'), byName: z.string(), from: z.string(), to: z.string() }),
  /** DSP-3: a dispatcher rule acted on the ticket; `detail` names what it chose (an employee, a status…). */
  z.object({ type: z.literal('rule.applied'), ruleId: uuidSchema.nullable(), ruleName: z.string(), action: z.string(), detail: z.string().nullable() }),
  /** DSP-5: nobody could take the request; it waits in the queue of a group. */
  z.object({ type: z.literal('ticket.queued'), ruleName: z.string().nullable(), groupName: z.string() }),
  /** SLA-2: a deadline of the module passed unmet. */
  z.object({ type: z.literal('sla.breached'), deadline: z.enum(['first-reply', 'resolution']) }),
]);
export type SystemEvent = z.infer<typeof systemEventSchema>;

/** DSP-3: a request's priority. */
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketPrioritySchema = z.enum(ticketPriorities);
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;

/** SLA-2: the module's deadlines of one request, as every chat shows them. */
export const ticketSlaSchema = z.object({
  firstReplyDue: z.string().nullable(),
  resolutionDue: z.string().nullable(),
  firstRepliedAt: z.string().nullable(),
  /** Which deadlines passed unmet. */
  breached: z.array(z.enum(['first-reply', 'resolution'])),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;

export const messageAuthorSchema = z.object({
  type: z.enum(['client', 'employee', 'system']),
  id: uuidSchema.nullable(),
  name: z.string(),
});
export type MessageAuthor = z.infer<typeof messageAuthorSchema>;

export const messageSchema = z.object({
  id: uuidSchema,
  ticketId: uuidSchema,
  seq: z.number().int().positive(),
  kind: messageKindSchema,
  body: z.string(),
  author: messageAuthorSchema,
  event: systemEventSchema.nullable(),
  delivery: z
    .object({ state: deliveryStateSchema, error: z.string().nullable(), updatedAt: z.string() })
    .nullable(),
  clientMsgId: uuidSchema.nullable(),
  attachments: z.array(attachmentSchema),
  /** SET-1: where the entry shows — both histories, only the live chat's, or only the ticket's (a merged reply). */
  shownIn: z.enum(['both', 'chat', 'ticket']),
  /** The client edited it on their messenger: `body` is the new text (shown with an "edited" mark). */
  editedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const personRefSchema = z.object({ id: uuidSchema, name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const ticketSummarySchema = z.object({
  id: uuidSchema,
  number: z.number().int().positive(),
  subject: z.string(),
  status: statusCodeSchema,
  live: z.boolean(),
  department: personRefSchema,
  executor: personRefSchema.nullable(),
  channel: channelRefSchema,
  client: z.object({ id: uuidSchema, name: z.string(), email: z.string().nullable() }),
  lastMessage: z
    .object({ kind: messageKindSchema, body: z.string(), createdAt: z.string() })
    .nullable(),
  lastSeq: z.number().int().nonnegative(),
  /** The seq of the client's newest message: above an employee's read mark it makes the chat unread (NAV-7). */
  lastClientSeq: z.number().int().nonnegative(),
  /** Employees invited into the conversation besides its executor (WORK-5). */
  participantIds: z.array(uuidSchema),
  /** When the client started waiting for an employee's reply; null when nobody waits. */
  waitingSince: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  /** Set by people or dispatcher rules (DSP-3); lists show urgent requests first within their order. */
  priority: ticketPrioritySchema,
  /** DSP-5: since when the request waits in the dispatcher's queue for a free operator; null when it does not. */
  queuedAt: z.string().nullable(),
  /** SLA-1/SLA-2: the module's deadlines. */
  sla: ticketSlaSchema,
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

export const ticketSourceSchema = z.object({
  pageUrl: z.string().nullable(),
  referrer: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type TicketSource = z.infer<typeof ticketSourceSchema>;

/** WORK-4: a way to reach the client's profile or conversation on the channel, where it has one. */
export const clientLinkSchema = z.object({
  channel: channelTypeSchema,
  label: z.string(),
  url: z.string().nullable(),
  /** The messenger username (Telegram's @name, a VK screen name), when the platform gave one (WORK-4). */
  username: z.string().nullable(),
  /** Since when replies cannot reach them (they blocked the bot or unsubscribed); null: reachable. */
  unreachableSince: z.string().nullable(),
});

export const customValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type CustomValues = z.infer<typeof customValuesSchema>;

export const ticketDetailSchema = ticketSummarySchema.extend({
  source: ticketSourceSchema,
  clientDetails: z.object({
    phone: z.string().nullable(),
    /** How many requests the client has made, this one included. */
    totalRequests: z.number().int().nonnegative(),
    links: z.array(clientLinkSchema),
    /** The client's picture from their messenger (route tickets.clientAvatar), or null: initials instead. */
    avatarUrl: z.string().nullable(),
    custom: customValuesSchema,
  }),
  custom: customValuesSchema,
  /** The employee's own read mark in this conversation. */
  readSeq: z.number().int().nonnegative(),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

/**
 * Issue #19: a position in a keyset-paged list, opaque to clients. Only the list (and, for searches, the
 * same filters) that handed it out takes it back; anything else is a 400 `INVALID_CURSOR`.
 */
export const cursorSchema = z.string().min(1).max(400);

/** The most entries one page of a live list holds. */
export const LIVE_LIST_PAGE_MAX = 200;

/** NAV-2 Unassigned, NAV-3 All chats, NAV-4 one channel's live chats; keyset-paged (issue #19). */
export const ticketListQuerySchema = z.object({
  view: z.enum(['unassigned', 'mine', 'channel']),
  channel: channelTypeSchema.optional(),
  /** Where the next page starts: the previous page's `nextCursor`. */
  cursor: cursorSchema.optional(),
  limit: z.coerce.number<number>().int().min(1).max(LIVE_LIST_PAGE_MAX).default(100),
}).refine((q) => q.view !== 'channel' || q.channel !== undefined, { message: 'The channel view needs a channel', path: ['channel'] });
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;
export type TicketView = 'unassigned' | 'mine' | `channel:${z.infer<typeof channelTypeSchema>}`;

export const ticketListSchema = z.object({
  items: z.array(ticketSummarySchema),
  /** The employee's read mark per listed ticket (NAV-7 unread counters). */
  readSeqs: z.record(z.string(), z.number().int().nonnegative()),
  /** The next page's cursor; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type TicketList = z.infer<typeof ticketListSchema>;

/** Searches count exactly up to this many matches; beyond it the total reads "1,000+" (`totalExact: false`). */
export const SEARCH_COUNT_CAP = 1000;

/** CORE-6: the plain ticket list, outside the live chat; keyset-paged, newest ticket (highest number) first. */
export const ticketSearchQuerySchema = z.object({
  status: statusCodeSchema.optional(),
  departmentId: uuidSchema.optional(),
  /** Ticket number, subject, client name, email or phone. */
  q: z.string().trim().max(200).optional(),
  live: z.enum(['true', 'false']).optional(),
  cursor: cursorSchema.optional(),
  pageSize: z.coerce.number<number>().int().min(1).max(100).default(25),
});
export type TicketSearchQuery = z.infer<typeof ticketSearchQuerySchema>;

export const ticketSearchResultSchema = z.object({
  items: z.array(ticketSummarySchema),
  /**
   * Matches, counted exactly up to SEARCH_COUNT_CAP. A broad text (one that matches more than 2,000
   * tickets before the reader's rights are applied) is not counted: SEARCH_COUNT_CAP and not exact.
   */
  total: z.number().int().nonnegative(),
  /** False when there may be more than `total` matches: show "1,000+". */
  totalExact: z.boolean(),
  nextCursor: z.string().nullable(),
});
export type TicketSearchResult = z.infer<typeof ticketSearchResultSchema>;

/** Issue #19: full-text search through the text of every conversation the employee may see. */
export const messageSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  cursor: cursorSchema.optional(),
  pageSize: z.coerce.number<number>().int().min(1).max(50).default(20),
});
export type MessageSearchQuery = z.infer<typeof messageSearchQuerySchema>;

/** A part of a text to mark: `[start, end)` in UTF-16 code units, as String.prototype.slice counts. */
export const highlightSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

export const messageSearchHitSchema = z.object({
  ticket: z.object({
    id: uuidSchema,
    number: z.number().int().positive(),
    subject: z.string(),
    status: statusCodeSchema,
    live: z.boolean(),
    channel: channelRefSchema,
    client: z.object({ id: uuidSchema, name: z.string() }),
  }),
  message: z.object({
    id: uuidSchema,
    seq: z.number().int().positive(),
    kind: messageKindSchema,
    createdAt: z.string(),
    /** The part of the text around the matches (the whole text when short). */
    snippet: z.string(),
    highlights: z.array(highlightSchema),
  }),
});
export type MessageSearchHit = z.infer<typeof messageSearchHitSchema>;

export const messageSearchResultSchema = z.object({ items: z.array(messageSearchHitSchema), nextCursor: z.string().nullable() });
export type MessageSearchResult = z.infer<typeof messageSearchResultSchema>;

// Typed input (`<number>`): clients pass numbers, the query string brings text that is coerced.
const seqParam = z.coerce.number<number>().int().nonnegative().max(2_147_483_647);

/** WORK-12: history pages. `afterSeq` resumes after a reconnect; `beforeSeq` loads older pages. */
export const messagePageQuerySchema = z
  .object({
    afterSeq: seqParam.optional(),
    beforeSeq: seqParam.optional(),
    limit: z.coerce.number<number>().int().min(1).max(MESSAGES_PAGE_MAX).default(50),
  })
  .refine((q) => q.afterSeq === undefined || q.beforeSeq === undefined, {
    message: 'Use either afterSeq or beforeSeq, not both',
  });
export type MessagePageQuery = z.infer<typeof messagePageQuerySchema>;

/** A history page of the live chat, or of the ticket with merged replies (SET-1). */
export const messageHistoryQuerySchema = messagePageQuerySchema.safeExtend({ view: z.enum(['chat', 'ticket']).default('chat') });
export type MessageHistoryQuery = z.infer<typeof messageHistoryQuerySchema>;

export const messagePageSchema = z.object({
  items: z.array(messageSchema),
  hasMore: z.boolean(),
});
export type MessagePage = z.infer<typeof messagePageSchema>;

export const postMessageRequestSchema = z
  .object({
    kind: z.enum(['reply', 'comment']),
    body: messageBodySchema,
    clientMsgId: uuidSchema.optional(),
    attachmentIds: z.array(uuidSchema).max(MAX_ATTACHMENTS_PER_MESSAGE, `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files per message`).default([]),
  })
  .refine((m) => m.body.length > 0 || m.attachmentIds.length > 0, { message: 'Message must not be empty', path: ['body'] });
export type PostMessageRequest = z.input<typeof postMessageRequestSchema>;

/** WORK-10: to an employee, to a department, or both (an employee of that department). */
export const transferRequestSchema = z
  .object({
    employeeId: uuidSchema.optional(),
    departmentId: uuidSchema.optional(),
    comment: z.string().trim().max(MAX_MESSAGE_LENGTH).optional(),
  })
  .strict()
  .refine((r) => r.employeeId !== undefined || r.departmentId !== undefined, { message: 'Choose an employee or a department' });
export type TransferRequest = z.infer<typeof transferRequestSchema>;

export const inviteRequestSchema = z.object({ employeeId: uuidSchema }).strict();
export type InviteRequest = z.infer<typeof inviteRequestSchema>;

/** WORK-11 complete; WORK-14 complete and keep the ticket open in the ordinary ticket interface. */
export const completeRequestSchema = z.object({ asTicket: z.boolean().default(false) }).strict();
export type CompleteRequest = z.input<typeof completeRequestSchema>;

export const changeStatusRequestSchema = z.object({ status: statusCodeSchema }).strict();
export type ChangeStatusRequest = z.infer<typeof changeStatusRequestSchema>;

export const readRequestSchema = z.object({ seq: z.number().int().nonnegative() }).strict();
export type ReadRequest = z.infer<typeof readRequestSchema>;

export const updateCustomValuesRequestSchema = z.object({ ticket: customValuesSchema.optional(), client: customValuesSchema.optional() }).strict();
export type UpdateCustomValuesRequest = z.infer<typeof updateCustomValuesRequestSchema>;

/** WORK-5: the client's other requests. */
export const previousRequestSchema = z.object({
  id: uuidSchema,
  number: z.number().int().positive(),
  subject: z.string(),
  status: statusCodeSchema,
  live: z.boolean(),
  createdAt: z.string(),
  executor: personRefSchema.nullable(),
  channel: channelTypeSchema,
});
export type PreviousRequest = z.infer<typeof previousRequestSchema>;
export const previousRequestListSchema = z.object({ items: z.array(previousRequestSchema) });
export type PreviousRequestList = z.infer<typeof previousRequestListSchema>;

export const ticketIdParamSchema = z.object({ id: uuidSchema });

/** A ticket or operator status in a path (`/statuses/:code`). */
export const statusCodeParamSchema = z.object({ code: statusCodeSchema });
