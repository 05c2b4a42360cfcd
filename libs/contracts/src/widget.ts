import { z } from 'zod';
import { emailSchema, messageBodySchema, personNameSchema, uuidSchema } from './common';
import { MAX_URL_LENGTH } from './constants';
import { attachmentSchema } from './attachments';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './constants';
import { systemEventSchema } from './tickets';

/** Public widget key from the script tag's data-key attribute (not a secret). */
export const widgetKeySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Widget key may contain only letters, digits, "-" and "_"');

export const widgetConfigQuerySchema = z.object({ key: widgetKeySchema });

export const widgetConfigSchema = z.object({
  key: z.string(),
  title: z.string(),
  position: z.enum(['right', 'left']),
});
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;

export const createVisitorSessionRequestSchema = z.object({ key: widgetKeySchema });

export const visitorSchema = z.object({
  id: uuidSchema,
  name: z.string().nullable(),
  email: z.string().nullable(),
});
export type Visitor = z.infer<typeof visitorSchema>;

export const visitorSessionSchema = z.object({
  token: z.string(),
  visitor: visitorSchema,
});
export type VisitorSession = z.infer<typeof visitorSessionSchema>;

export const updateVisitorRequestSchema = z
  .object({
    name: personNameSchema.optional(),
    email: z.union([emailSchema, z.literal('')]).optional(),
  })
  .strict();
export type UpdateVisitorRequest = z.infer<typeof updateVisitorRequestSchema>;

/** What the visitor may see of the history: never comments (WORK-6). */
export const visitorMessageSchema = z.object({
  id: uuidSchema,
  ticketId: uuidSchema,
  seq: z.number().int().positive(),
  kind: z.enum(['client', 'reply', 'system']),
  body: z.string(),
  authorName: z.string().nullable(),
  /** For system entries: what happened, so the widget can say it in the visitor's language. */
  event: systemEventSchema.nullable(),
  clientMsgId: uuidSchema.nullable(),
  attachments: z.array(attachmentSchema),
  createdAt: z.string(),
});
export type VisitorMessage = z.infer<typeof visitorMessageSchema>;

export const visitorConversationSchema = z.object({
  ticketId: uuidSchema,
  number: z.number().int().positive(),
  live: z.boolean(),
  operatorName: z.string().nullable(),
});
export type VisitorConversation = z.infer<typeof visitorConversationSchema>;

/** DSP-5: the visitor's place in the dispatcher's queue (1 = next); null when nobody's turn is awaited. */
export const visitorQueueSchema = z.object({ position: z.number().int().positive().nullable() });
export type VisitorQueue = z.infer<typeof visitorQueueSchema>;

export const visitorStateSchema = z.object({
  visitor: visitorSchema,
  conversation: visitorConversationSchema.nullable(),
  messages: z.array(visitorMessageSchema),
  hasMore: z.boolean(),
});
export type VisitorState = z.infer<typeof visitorStateSchema>;

const urlText = z.string().max(MAX_URL_LENGTH);

export const pageContextSchema = z.object({
  url: urlText.optional(),
  referrer: urlText.optional(),
});
export type PageContext = z.infer<typeof pageContextSchema>;

export const visitorSendMessageSchema = z
  .object({
    body: messageBodySchema,
    clientMsgId: uuidSchema,
    page: pageContextSchema.optional(),
    /** Files the visitor uploaded first (POST /api/widget/attachments). */
    attachmentIds: z.array(uuidSchema).max(MAX_ATTACHMENTS_PER_MESSAGE).default([]),
  })
  .refine((m) => m.body.length > 0 || m.attachmentIds.length > 0, { message: 'Message must not be empty', path: ['body'] });
export type VisitorSendMessage = z.input<typeof visitorSendMessageSchema>;

export const visitorSyncRequestSchema = z.object({
  ticketId: uuidSchema,
  afterSeq: z.number().int().nonnegative(),
});
export type VisitorSyncRequest = z.infer<typeof visitorSyncRequestSchema>;

export const visitorSyncResponseSchema = z.object({
  conversation: visitorConversationSchema,
  messages: z.array(visitorMessageSchema),
});
export type VisitorSyncResponse = z.infer<typeof visitorSyncResponseSchema>;

export const visitorReceiptSchema = z.object({
  messageIds: z.array(uuidSchema).min(1).max(200),
  read: z.boolean().default(false),
});
export type VisitorReceipt = z.infer<typeof visitorReceiptSchema>;
