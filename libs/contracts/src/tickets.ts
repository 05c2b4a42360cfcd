import { z } from 'zod';
import { channelRefSchema } from './channels';
import { messageTextSchema, uuidSchema } from './common';
import { MESSAGES_PAGE_MAX } from './constants';

export const ticketStatusCodes = ['open', 'in_progress', 'waiting', 'completed'] as const;
export const ticketStatusSchema = z.enum(ticketStatusCodes);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

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
]);
export type SystemEvent = z.infer<typeof systemEventSchema>;

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
  createdAt: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const personRefSchema = z.object({ id: uuidSchema, name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const ticketSummarySchema = z.object({
  id: uuidSchema,
  number: z.number().int().positive(),
  subject: z.string(),
  status: ticketStatusSchema,
  live: z.boolean(),
  department: personRefSchema,
  executor: personRefSchema.nullable(),
  channel: channelRefSchema,
  client: z.object({ id: uuidSchema, name: z.string(), email: z.string().nullable() }),
  lastMessage: z
    .object({ kind: messageKindSchema, body: z.string(), createdAt: z.string() })
    .nullable(),
  lastSeq: z.number().int().nonnegative(),
  /** When the client started waiting for an employee's reply; null when nobody waits. */
  waitingSince: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

export const ticketSourceSchema = z.object({
  pageUrl: z.string().nullable(),
  referrer: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type TicketSource = z.infer<typeof ticketSourceSchema>;

export const ticketDetailSchema = ticketSummarySchema.extend({
  source: ticketSourceSchema,
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const ticketViews = ['unassigned', 'mine'] as const;
export const ticketListQuerySchema = z.object({
  view: z.enum(ticketViews),
});
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;
export type TicketView = (typeof ticketViews)[number];

export const ticketListSchema = z.object({ items: z.array(ticketSummarySchema) });
export type TicketList = z.infer<typeof ticketListSchema>;

const seqParam = z.coerce.number().int().nonnegative().max(2_147_483_647);

/** WORK-12: history pages. `afterSeq` resumes after a reconnect; `beforeSeq` loads older pages. */
export const messagePageQuerySchema = z
  .object({
    afterSeq: seqParam.optional(),
    beforeSeq: seqParam.optional(),
    limit: z.coerce.number().int().min(1).max(MESSAGES_PAGE_MAX).default(50),
  })
  .refine((q) => q.afterSeq === undefined || q.beforeSeq === undefined, {
    message: 'Use either afterSeq or beforeSeq, not both',
  });
export type MessagePageQuery = z.infer<typeof messagePageQuerySchema>;

export const messagePageSchema = z.object({
  items: z.array(messageSchema),
  hasMore: z.boolean(),
});
export type MessagePage = z.infer<typeof messagePageSchema>;

export const postMessageRequestSchema = z.object({
  kind: z.enum(['reply', 'comment']),
  body: messageTextSchema,
  clientMsgId: uuidSchema.optional(),
});
export type PostMessageRequest = z.infer<typeof postMessageRequestSchema>;

export const ticketIdParamSchema = z.object({ id: uuidSchema });
