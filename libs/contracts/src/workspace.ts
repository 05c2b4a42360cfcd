import { z } from 'zod';
import { attachmentSchema } from './attachments';
import { channelTypeSchema } from './channels';
import { customFieldTypes, MAX_ATTACHMENTS_PER_MESSAGE, MAX_MESSAGE_LENGTH } from './constants';
import { uuidSchema } from './common';
import { statusCodeSchema } from './tickets';

const label = z.string().trim().min(1, 'Name is required').max(200);

// ---------------------------------------------------------------- templates (TPL-1, TPL-2)

/** A tag is typed after "/" in the reply box: letters, digits, "-" and "_". */
export const templateTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'A tag is letters, digits, "-" and "_" (no spaces)');

export const templateSchema = z.object({
  id: uuidSchema,
  title: z.string(),
  tags: z.array(z.string()),
  /** Channels where it may be used; empty = every channel. */
  channels: z.array(channelTypeSchema),
  /** May contain {client.name}, {client.email}, {operator.name}, {ticket.number}. */
  body: z.string(),
  attachments: z.array(attachmentSchema),
});
export type Template = z.infer<typeof templateSchema>;

export const templateInputSchema = z
  .object({
    title: label,
    tags: z.array(templateTagSchema).min(1, 'Give the template at least one tag').max(20),
    channels: z.array(channelTypeSchema).max(20).default([]),
    body: z.string().trim().min(1, 'Write the template text').max(MAX_MESSAGE_LENGTH),
    attachmentIds: z.array(uuidSchema).max(MAX_ATTACHMENTS_PER_MESSAGE).default([]),
  })
  .strict();
export type TemplateInput = z.input<typeof templateInputSchema>;

export const templateListSchema = z.object({ items: z.array(templateSchema) });
export type TemplateList = z.infer<typeof templateListSchema>;

export const templateSearchQuerySchema = z.object({
  channel: channelTypeSchema.optional(),
  /** Prefix of a tag, as typed after "/". */
  tag: z.string().trim().toLowerCase().max(40).optional(),
});
export type TemplateSearchQuery = z.infer<typeof templateSearchQuerySchema>;


// ---------------------------------------------------------------- custom fields (WORK-4)

export const customFieldSchema = z.object({
  id: uuidSchema,
  entity: z.enum(['client', 'ticket']),
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(z.string()),
  position: z.number().int(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const customFieldInputSchema = z
  .object({
    entity: z.enum(['client', 'ticket']),
    key: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z][a-z0-9_]*$/, 'A key is lowercase letters, digits and "_"'),
    label,
    type: z.enum(customFieldTypes),
    options: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    position: z.number().int().min(0).max(1000).default(0),
  })
  .strict()
  .refine((f) => f.type !== 'list' || f.options.length > 0, { message: 'A list needs options', path: ['options'] });
export type CustomFieldInput = z.input<typeof customFieldInputSchema>;

export const customFieldListSchema = z.object({ items: z.array(customFieldSchema) });
export type CustomFieldList = z.infer<typeof customFieldListSchema>;

// ---------------------------------------------------------------- ticket statuses (CORE-4)

export const ticketStatusSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** A final status ends the ticket's work (completed/closed). */
  isFinal: z.boolean(),
  position: z.number().int(),
});
export type TicketStatusInfo = z.infer<typeof ticketStatusSchema>;

export const ticketStatusInputSchema = z
  .object({ code: statusCodeSchema, name: label, isFinal: z.boolean().default(false), position: z.number().int().min(0).max(1000).default(100) })
  .strict();
export type TicketStatusInput = z.input<typeof ticketStatusInputSchema>;

export const ticketStatusListSchema = z.object({ items: z.array(ticketStatusSchema) });
export type TicketStatusList = z.infer<typeof ticketStatusListSchema>;

// ---------------------------------------------------------------- the employees a ticket can go to

/** Colleagues and departments to transfer to or invite (WORK-5, WORK-10): names only. */
export const directorySchema = z.object({
  employees: z.array(z.object({ id: uuidSchema, name: z.string(), departmentIds: z.array(uuidSchema) })),
  departments: z.array(z.object({ id: uuidSchema, name: z.string() })),
  /** Group names, for dispatcher rules (DSP-3) edited by those who may not administer groups. */
  groups: z.array(z.object({ id: uuidSchema, name: z.string() })),
});
export type Directory = z.infer<typeof directorySchema>;
